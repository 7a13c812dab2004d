import { loadContent } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import { loadQuizQuestions } from '../../src/quiz/questions';
import { escapeSlack } from '../../src/render/blocks';
import { loadTourSteps } from '../../src/tour/steps';
import { everyPayloadProblem } from '../helpers/block-kit';
import { envelope, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { blocksOf, buttonsFor, everything, headerOf } from '../helpers/slack-calls';
import type { RecordedCall } from '../helpers/slack-stub';

const { topics } = loadContent();
const questions = loadQuizQuestions(topics);
const steps = loadTourSteps(
  topics,
  DEMOS.map((d) => d.id),
);

/** Opens the App Home tab as Slack reports it, and returns the view the app published for that person. */
async function openHome(t: TestApp, user: string): Promise<RecordedCall> {
  const before = t.stub.calls.length;
  const sent = await sendEvent(
    t,
    envelope({
      type: 'app_home_opened',
      user,
      channel: `D${user.slice(1)}`,
      tab: 'home',
      event_ts: '1700000000.1',
    }),
  );
  expect(sent.status).toBe(200);
  return t.stub.waitFor((calls) =>
    calls.slice(before).find((c) => c.method === 'views.publish' && c.body.user_id === user),
  );
}

describe('App Home', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TIP_CHANNELS: 'C0TIPS1,C0TIPS2' });
  });
  afterAll(async () => {
    expect(everyPayloadProblem(t.stub.calls)).toEqual([]);
    await t.stop();
  });

  it('for someone new: Start the tour, no score yet, every topic and demo as a button, the tip channels', async () => {
    const home = await openHome(t, 'U0NEWBIE');
    const view = home.body.view as { type: string };
    expect(view.type).toBe('home');
    expect(blocksOf(home).length).toBeLessThanOrEqual(100);
    expect(buttonsFor(home, 'tour_continue').map((b) => b.label)).toEqual(['Start the tour']);
    expect(buttonsFor(home, 'tour_restart')).toEqual([]);
    expect(everything(home)).toContain(`${steps.length} short steps`);
    expect(everything(home)).toContain('no answers yet');
    expect(buttonsFor(home, 'quiz_next').map((b) => b.label)).toEqual(['Quiz me']);
    expect(buttonsFor(home, 'tip_explain').map((b) => b.value)).toEqual(topics.map((topic) => topic.id));
    expect(buttonsFor(home, 'run_demo').map((b) => b.value)).toEqual(DEMOS.map((d) => d.id));
    expect(everything(home)).toContain('<#C0TIPS1> · <#C0TIPS2>');
  });

  it('for someone under way: where they are in the tour with Continue, and their score and streak', async () => {
    const user = 'U0VETERAN';
    const sent = await t.command('tour', { user });
    await t.stub.waitFor(() => t.stub.responses(sent.responseId)[0]);
    const first = steps[0];
    if (!first) throw new Error('no tour');
    for (const [action, value] of [
      ['tour_check', `${first.id}:${first.check.answer}`],
      ['tour_go', steps[1]?.id ?? ''],
      ['tour_go', steps[2]?.id ?? ''],
    ] as const) {
      const pressed = await t.press(action, value, { user, channel: 'D0VETERAN', ephemeral: false });
      expect(pressed.status).toBe(200);
    }
    const asked = await t.command('quiz', { user });
    const question = await t.stub.waitFor(() => t.stub.responses(asked.responseId)[0]);
    const shown = questions.find((q) => everything(question).includes(escapeSlack(q.question)));
    if (!shown) throw new Error('an unknown question');
    const wrong = (shown.answer % shown.options.length) + 1;
    await t.press('quiz_answer', buttonsFor(question, 'quiz_answer')[wrong - 1]?.value ?? '', { user });
    // The App Home was published again after the tour steps and after the answer.
    await t.stub.waitFor(() =>
      t.stub
        .callsTo('views.publish')
        .some((c) => c.body.user_id === user && everything(c).includes('0 of 1 right')),
    );
    const home = await openHome(t, user);
    expect(everything(home)).toContain(`Step 3 of ${steps.length}: _${steps[2]?.title}_`);
    expect(everything(home)).toContain('1 check right');
    expect(buttonsFor(home, 'tour_continue').map((b) => b.label)).toEqual(['Continue']);
    expect(buttonsFor(home, 'tour_restart').map((b) => b.label)).toEqual(['Start over']);
    expect(everything(home)).toContain('0 of 1 right (0%)');
    expect(everything(home)).toContain(`1 of ${questions.length} questions seen`);
    expect(buttonsFor(home, 'quiz_next').map((b) => b.label)).toEqual(['Next question']);
  });

  it('buttons on the App Home answer in the person’s DM: Continue, a topic, a quiz question', async () => {
    const user = 'U0HOMEBODY';
    const dm = 'D0HOMEBODY';
    const postsToDm = () => t.stub.callsTo('chat.postMessage').filter((c) => c.body.channel === dm);
    expect((await t.press('tour_continue', 'start', { user, home: true })).status).toBe(200);
    const step = await t.stub.waitFor(() => postsToDm()[0]);
    expect(headerOf(step)).toBe(`Tour, step 1 of ${steps.length}: ${steps[0]?.title}`);
    await t.press('tip_explain', 'image', { user, home: true });
    const topic = await t.stub.waitFor(() => postsToDm()[1]);
    expect(headerOf(topic)).toBe(topics.find((x) => x.id === 'image')?.title);
    await t.press('quiz_next', 'home', { user, home: true });
    const quiz = await t.stub.waitFor(() => postsToDm()[2]);
    expect(buttonsFor(quiz, 'quiz_answer').length).toBeGreaterThanOrEqual(3);
    // Answering in the DM replaces that message through its response_url.
    const answered = await t.press('quiz_answer', buttonsFor(quiz, 'quiz_answer')[0]?.value ?? '', {
      user,
      channel: dm,
      ephemeral: false,
      messageTs: String(quiz.reply?.ts),
    });
    const result = await t.stub.waitFor(() => t.stub.responses(answered.responseId)[0]);
    expect(result.body.replace_original).toBe(true);
  });
});
