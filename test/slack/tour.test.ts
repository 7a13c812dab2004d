import { loadContent } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import { loadTourSteps } from '../../src/tour/steps';
import { everyPayloadProblem } from '../helpers/block-kit';
import { startTestApp, type TestApp } from '../helpers/harness';
import { buttonsFor, everything, headerOf } from '../helpers/slack-calls';
import type { RecordedCall } from '../helpers/slack-stub';
import { tempDir } from '../helpers/temp-dir';

const steps = loadTourSteps(
  loadContent().topics,
  DEMOS.map((d) => d.id),
);

/** `/docker tour …` typed in a channel; the step is posted in the DM (conversations.open, chat.postMessage). */
async function tour(
  t: TestApp,
  text: string,
  user: string,
): Promise<{ note: RecordedCall; step: RecordedCall }> {
  const before = t.stub.calls.length;
  const sent = await t.command(text, { user, channel: 'C0GENERAL' });
  expect(sent.status).toBe(200);
  const note = await t.stub.waitFor(() => t.stub.responses(sent.responseId)[0]);
  const step = await t.stub.waitFor((calls) =>
    calls.slice(before).find((c) => c.method === 'chat.postMessage' && c.body.channel === dmOf(user)),
  );
  return { note, step };
}

const dmOf = (user: string) => `D${user.slice(1)}`;
/** The ts the stand-in gave a posted message. */
const tsOf = (posted: RecordedCall) => String(posted.reply?.ts);

/** Presses a button in the tour's DM message and returns the chat.update that follows. */
async function pressInDm(
  t: TestApp,
  user: string,
  ts: string,
  action: string,
  value: string,
): Promise<RecordedCall> {
  const before = t.stub.calls.length;
  const pressed = await t.press(action, value, {
    user,
    channel: dmOf(user),
    ephemeral: false,
    messageTs: ts,
  });
  expect(pressed.status).toBe(200);
  return t.stub.waitFor((calls) =>
    calls
      .slice(before)
      .find((c) => c.method === 'chat.update' && c.body.ts === ts && c.body.channel === dmOf(user)),
  );
}

const homesFor = (t: TestApp, user: string) =>
  t.stub.callsTo('views.publish').filter((c) => c.body.user_id === user);

describe('/docker tour, walked with the buttons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    expect(everyPayloadProblem(t.stub.calls)).toEqual([]);
    await t.stop();
  });

  it('goes from the first step to the end in one DM message, edited in place', async () => {
    const user = 'U0WALKER';
    const { note, step } = await tour(t, 'tour', user);
    expect(note.body.response_type).toBe('ephemeral');
    expect(everything(note)).toContain('direct messages');
    expect(t.stub.callsTo('conversations.open').at(-1)?.body.users).toBe(user);
    expect(headerOf(step)).toBe(`Tour, step 1 of ${steps.length}: ${steps[0]?.title}`);
    const posted = t.stub.callsTo('chat.postMessage').length;
    const messageTs = tsOf(step);
    let current = step;
    for (const [i, s] of steps.entries()) {
      expect(headerOf(current)).toBe(`Tour, step ${i + 1} of ${steps.length}: ${s.title}`);
      expect(buttonsFor(current, 'run_demo').map((b) => b.value)).toEqual([s.demo]);
      expect(everything(current)).toContain(`/docker ${s.topic}`);
      expect(everything(current)).toMatch(/Or try it yourself: `\/docker try /);
      const options = buttonsFor(current, 'tour_check');
      expect(options.map((b) => b.label)).toEqual(s.check.options);
      // Every other step is answered wrong first, to see both kinds of feedback.
      const pick = i % 2 === 0 ? s.check.answer : (s.check.answer % s.check.options.length) + 1;
      const checked = await pressInDm(t, user, messageTs, 'tour_check', options[pick - 1]?.value ?? '');
      expect(everything(checked)).toContain(i % 2 === 0 ? '✅' : '❌ *Not quite.*');
      expect(buttonsFor(checked, 'tour_check')).toEqual([]);
      const next = buttonsFor(checked, 'tour_go').find((b) => b.style === 'primary');
      expect(next?.label).toBe(i + 1 < steps.length ? 'Next →' : 'Finish the tour');
      if (i > 0) expect(buttonsFor(checked, 'tour_go')[0]?.label).toBe('← Back');
      current = await pressInDm(t, user, messageTs, 'tour_go', next?.value ?? '');
    }
    expect(headerOf(current)).toBe('🎉 You finished the tour');
    expect(everything(current)).toContain(`${Math.ceil(steps.length / 2)} of ${steps.length}`);
    expect(buttonsFor(current, 'quiz_next')).toHaveLength(1);
    // The DM did not fill up: every step after the first was an edit of that one message.
    expect(t.stub.callsTo('chat.postMessage').length).toBe(posted);
    // The App Home followed along, the last time showing the finished tour.
    await t.stub.waitFor(() => homesFor(t, user).some((c) => everything(c).includes('Finished')));
    expect(homesFor(t, user).length).toBeGreaterThanOrEqual(steps.length * 2);
  });

  it('Back goes one step back, and a second answer to a check does not change the first', async () => {
    const user = 'U0BACK';
    const ts = tsOf((await tour(t, 'tour', user)).step);
    const first = steps[0];
    const second = steps[1];
    if (!first || !second) throw new Error('the tour needs two steps');
    await pressInDm(t, user, ts, 'tour_check', `${first.id}:${first.check.answer}`);
    const wrong = (first.check.answer % first.check.options.length) + 1;
    const again = await pressInDm(t, user, ts, 'tour_check', `${first.id}:${wrong}`);
    expect(everything(again)).toContain('✅');
    await pressInDm(t, user, ts, 'tour_go', second.id);
    const back = await pressInDm(t, user, ts, 'tour_go', first.id);
    expect(headerOf(back)).toBe(`Tour, step 1 of ${steps.length}: ${first.title}`);
  });

  it('ignores values that name no step or option', async () => {
    const user = 'U0ODD';
    const ts = tsOf((await tour(t, 'tour', user)).step);
    const odd = await pressInDm(t, user, ts, 'tour_go', 'no-such-step');
    expect(headerOf(odd)).toContain('step 1 of');
    const bad = await pressInDm(t, user, ts, 'tour_check', `${steps[0]?.id}:9`);
    expect(buttonsFor(bad, 'tour_check').length).toBeGreaterThanOrEqual(3);
  });
});

describe('/docker tour across a restart', () => {
  const data = tempDir('dx-tour-restart-');
  afterAll(() => data.cleanup());

  it('resumes where the person stopped, in a new DM message, and restart starts over', async () => {
    const user = 'U0RESUME';
    const first = await startTestApp({ DATA_DIR: data.dir });
    let oldTs = '';
    try {
      const { step } = await tour(first, 'tour', user);
      oldTs = tsOf(step);
      expect(headerOf(step)).toContain('step 1 of');
      await pressInDm(first, user, oldTs, 'tour_check', `${steps[0]?.id}:${steps[0]?.check.answer}`);
      await pressInDm(first, user, oldTs, 'tour_go', steps[1]?.id ?? '');
      const third = await pressInDm(first, user, oldTs, 'tour_go', steps[2]?.id ?? '');
      expect(headerOf(third)).toContain(`step 3 of ${steps.length}`);
      expect(everyPayloadProblem(first.stub.calls)).toEqual([]);
    } finally {
      await first.stop();
    }

    const second = await startTestApp({ DATA_DIR: data.dir });
    try {
      const { note, step } = await tour(second, 'tour', user);
      expect(headerOf(step)).toBe(`Tour, step 3 of ${steps.length}: ${steps[2]?.title}`);
      expect(everything(note)).toContain(`step 3 of ${steps.length}`);
      // The old message is retired, so its buttons do not linger above the new one.
      const retired = await second.stub.waitFor((calls) =>
        calls.find(
          (c) => c.method === 'chat.update' && c.body.ts === oldTs && everything(c).includes('continues'),
        ),
      );
      expect(retired.body.channel).toBe(dmOf(user));
      // The first step's answer was kept.
      const back = await pressInDm(second, user, tsOf(step), 'tour_go', steps[0]?.id ?? '');
      expect(everything(back)).toContain('✅');

      const restarted = await tour(second, 'tour restart', user);
      expect(headerOf(restarted.step)).toBe(`Tour, step 1 of ${steps.length}: ${steps[0]?.title}`);
      expect(buttonsFor(restarted.step, 'tour_check').length).toBe(steps[0]?.check.options.length);
      expect(everyPayloadProblem(second.stub.calls)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
