import { loadContent } from '../../src/content/load';
import { plainQuestion } from '../../src/explain/question';
import { AnswerIndex } from '../../src/explain/search';
import questions from '../fixtures/questions.json';
import { envelope, nextTs, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { BOT_USER_ID, type RecordedCall } from '../helpers/slack-stub';
import { tempDir } from '../helpers/temp-dir';

/** Tiers, "did you mean", 👎 and learned phrasings, end to end through signed requests. */

const index = new AnswerIndex(loadContent());
const data = tempDir('dx-learning-');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ DATA_DIR: data.dir });
});
afterAll(async () => {
  await t.stop();
  data.cleanup();
});

type Button = { action_id: string; value: string; text: { text: string } };
const everything = (call: RecordedCall) => JSON.stringify(call.body);
const buttons = (call: RecordedCall): Button[] =>
  ((call.body.blocks ?? []) as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
// Repeats of an action in one block carry a suffix (answer_instead:2), as Slack needs unique action_ids.
const instead = (call: RecordedCall) =>
  buttons(call).filter((b) => b.action_id.replace(/:\d+$/, '') === 'answer_instead');

/** A question of the question set that the index answers with this confidence (and three closest, if low). */
function questionWith(confidence: 'medium' | 'low'): string {
  const q = (questions.answerable as { q: string; previous?: string }[]).find((x) => {
    if (x.previous || /[<`]/.test(x.q)) return false;
    const f = index.find(plainQuestion(x.q));
    return f.confidence === confidence && f.offered.length === 3;
  });
  if (!q) throw new Error(`no question is answered with ${confidence} confidence`);
  return q.q;
}

async function mention(
  app: TestApp,
  text: string,
  user = 'U0ALICE',
  channel = 'C0LEARN',
): Promise<RecordedCall> {
  const ts = nextTs();
  const body = envelope({
    type: 'app_mention',
    user,
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    event_ts: ts,
    channel,
  });
  expect((await sendEvent(app, body)).status).toBe(200);
  return app.stub.waitFor(() =>
    app.stub.callsTo('chat.postMessage').find((c) => c.body.channel === channel && c.body.thread_ts === ts),
  );
}

async function press(app: TestApp, action: string, value: string, user: string): Promise<RecordedCall> {
  const pressed = await app.press(action, value, { user, channel: 'C0LEARN' });
  expect(pressed.status).toBe(200);
  return app.stub.waitFor(() => app.stub.responses(pressed.responseId)[0]);
}

describe('answers in tiers', () => {
  it('fairly sure: the answer and "Or did you mean" buttons that replace it in place', async () => {
    const reply = await mention(t, questionWith('medium'));
    const offered = instead(reply);
    expect(offered.length).toBeGreaterThanOrEqual(1);
    expect(offered.length).toBeLessThanOrEqual(2);
    expect(offered[0]?.text.text).toMatch(/^Or did you mean: /);
    const replaced = await press(t, 'answer_instead', offered[0]?.value ?? '', 'U0BOB');
    expect(replaced.body.replace_original).toBe(true);
    const heading = offered[0]?.text.text.replace(/^Or did you mean: /, '').replace(/…$/, '') ?? '?';
    expect(everything(replaced)).toContain(heading);
    expect(buttons(replaced).map((b) => b.action_id)).toEqual(expect.arrayContaining(['feedback_down']));
  });

  it('not sure: the cleaned question, three closest sections and a pointer to help, no topic list', async () => {
    const reply = await mention(t, `hey <#C0OPS|ops> ${questionWith('low')} :thinking_face:`);
    const text = everything(reply);
    expect(text).toContain("I'm not sure I can answer");
    expect(text).not.toMatch(/&lt;#|<#|thinking_face|&lt;@/);
    expect(text).toContain('/docker help');
    expect(text).not.toContain('/docker analogy');
    expect(instead(reply)).toHaveLength(3);
  });

  it('an off-topic question gets one line and no buttons', async () => {
    const reply = await mention(t, 'who is up for lunch at 12:30?');
    expect(everything(reply)).toContain("I'm not sure");
    expect(buttons(reply)).toEqual([]);
  });

  it('listen mode posts nothing unless sure', async () => {
    await t.command('listen on', { channel: 'C0LISTEN' });
    const quiet = nextTs();
    await sendEvent(
      t,
      envelope({
        type: 'message',
        user: 'U0ALICE',
        text: questionWith('medium'),
        ts: quiet,
        event_ts: quiet,
        channel: 'C0LISTEN',
        channel_type: 'channel',
      }),
    );
    const sure = nextTs();
    await sendEvent(
      t,
      envelope({
        type: 'message',
        user: 'U0ALICE',
        text: 'what is copy on write?',
        ts: sure,
        event_ts: sure,
        channel: 'C0LISTEN',
        channel_type: 'channel',
      }),
    );
    await t.stub.waitFor(() => t.stub.callsTo('chat.postMessage').find((c) => c.body.thread_ts === sure));
    expect(t.stub.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === quiet)).toEqual([]);
  });
});

describe('👎 and learned phrasings', () => {
  const question = 'where do my container writes end up';
  const picked = 'tip:container-writable-layer-size';

  it('👎 offers the voter other sections; two people picking one teach the bot, across a restart', async () => {
    const first = await mention(t, question);
    const down = buttons(first).find((b) => b.action_id === 'feedback_down');
    expect(down).toBeDefined();
    const offer = await press(t, 'feedback_down', down?.value ?? '', 'U0BOB');
    expect(offer.body.response_type).toBe('ephemeral');
    expect(everything(offer)).toMatch(/needs work/);
    expect(instead(offer).length).toBeGreaterThanOrEqual(1);

    // Bob and Carol both say the writable-layer tip answers it (the value names the stored question).
    const ref = down?.value ?? '';
    const shown = await press(t, 'answer_instead', `${ref}:${picked}`, 'U0BOB');
    expect(shown.body.replace_original).toBe(true);
    expect(everything(shown)).toContain(index.get(picked)?.heading ?? '?');
    expect(everything(await mention(t, question))).not.toContain(index.get(picked)?.heading ?? '?');
    await press(t, 'answer_instead', `${ref}:${picked}`, 'U0CAROL');
    expect(everything(await mention(t, question))).toContain(index.get(picked)?.heading ?? '?');

    // The same DATA_DIR after a restart still knows it.
    await t.stop();
    t = await startTestApp({ DATA_DIR: data.dir });
    expect(everything(await mention(t, question))).toContain(index.get(picked)?.heading ?? '?');
  });

  it('a button naming a question or section that does not exist gets a polite line', async () => {
    for (const value of ['999999:image#what-is-a-docker-image', '1:no#such-section', 'garbage']) {
      const reply = await press(t, 'answer_instead', value, 'U0BOB');
      expect(everything(reply)).toContain('too old');
    }
  });
});
