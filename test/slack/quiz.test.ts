import { loadContent } from '../../src/content/load';
import { loadQuizQuestions, type QuizQuestion } from '../../src/quiz/questions';
import { escapeSlack } from '../../src/render/blocks';
import { everyPayloadProblem } from '../helpers/block-kit';
import { startTestApp, type TestApp } from '../helpers/harness';
import { buttonsFor, everything, headerOf } from '../helpers/slack-calls';
import type { RecordedCall } from '../helpers/slack-stub';

const questions = loadQuizQuestions(loadContent().topics);
const byQuestion = new Map(questions.map((q) => [q.question, q]));

/** The question a quiz message asks (its bold line). */
function questionIn(call: RecordedCall): QuizQuestion {
  const found = questions.find((q) =>
    everything(call).includes(JSON.stringify(`*${escapeSlack(q.question)}*`).slice(1, -1)),
  );
  if (!found) throw new Error(`no known question in ${everything(call).slice(0, 300)}`);
  return found;
}

/** `/docker <text>` and its answer through the response_url. */
async function command(t: TestApp, text: string, user: string, channel = 'C0GENERAL'): Promise<RecordedCall> {
  const sent = await t.command(text, { user, channel });
  expect(sent.status).toBe(200);
  return t.stub.waitFor(() => t.stub.responses(sent.responseId)[0]);
}

/** Presses a button in a private answer and returns what replaced it. */
async function pressPrivately(
  t: TestApp,
  action: string,
  value: string,
  user: string,
): Promise<RecordedCall> {
  const pressed = await t.press(action, value, { user });
  expect(pressed.status).toBe(200);
  return t.stub.waitFor(() => t.stub.responses(pressed.responseId)[0]);
}

const optionValue = (call: RecordedCall, choice: number) =>
  buttonsFor(call, 'quiz_answer')[choice - 1]?.value ?? '';
const wrongChoice = (q: QuizQuestion) => (q.answer % q.options.length) + 1;

describe('/docker quiz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TIP_CHANNELS: 'C0TIPS' });
  });
  afterAll(async () => {
    expect(everyPayloadProblem(t.stub.calls)).toEqual([]);
    await t.stop();
  });

  it('asks privately, says right or wrong with the explanation and the topic, and keeps score and streak', async () => {
    const user = 'U0CAROL';
    const asked = await command(t, 'quiz', user);
    expect(asked.body.response_type).toBe('ephemeral');
    const first = questionIn(asked);
    expect(buttonsFor(asked, 'quiz_answer').map((b) => b.label)).toEqual(first.options);
    expect(everything(asked)).toContain(`question 1 of ${questions.length}`);

    const right = await pressPrivately(t, 'quiz_answer', optionValue(asked, first.answer), user);
    expect(right.body.replace_original).toBe(true);
    expect(right.body.response_type).toBe('ephemeral');
    expect(everything(right)).toContain('✅ *Right:*');
    expect(everything(right)).toContain(JSON.stringify(first.explain.slice(0, 40)).slice(1, -1));
    expect(everything(right)).toContain(`/docker ${first.topic}`);
    expect(everything(right)).toContain('1 of 1 right (100%) · streak 1');
    expect(buttonsFor(right, 'tip_explain').map((b) => b.value)).toEqual([first.topic]);

    const next = await pressPrivately(t, 'quiz_next', 'next', user);
    expect(next.body.replace_original).toBe(true);
    const second = questionIn(next);
    expect(second.id).not.toBe(first.id);
    const wrong = await pressPrivately(t, 'quiz_answer', optionValue(next, wrongChoice(second)), user);
    expect(everything(wrong)).toContain('❌ *Not quite.*');
    expect(everything(wrong)).toContain(JSON.stringify(second.options[second.answer - 1]).slice(1, -1));
    expect(everything(wrong)).toContain('1 of 2 right (50%) · streak 0 (best 1)');

    // A second press on the same question does not count again.
    const again = await pressPrivately(t, 'quiz_answer', optionValue(next, second.answer), user);
    expect(everything(again)).toContain('answered this one already');
    expect(everything(again)).toContain('❌');
    expect(everything(again)).toContain('1 of 2 right (50%)');
  });

  it('answers a typed /docker quiz answer <n> for the last question shown', async () => {
    const user = 'U0TYPIST';
    const q = questionIn(await command(t, 'quiz', user));
    const answered = await command(t, `quiz answer ${q.answer}`, user);
    expect(everything(answered)).toContain('✅');
    expect(everything(await command(t, 'quiz answer 9', user))).toContain('no longer open');
  });

  it('shows every question once before any repeats', async () => {
    const user = 'U0DAVE';
    const seen: string[] = [];
    for (let i = 0; i < questions.length; i++) seen.push(questionIn(await command(t, 'quiz', user)).id);
    expect(new Set(seen).size).toBe(questions.length);
    const next = await command(t, 'quiz', user);
    expect(everything(next)).toContain('round 2');
    expect(questionIn(next).id).not.toBe(seen[seen.length - 1]);
  });

  it('refuses a forged or stale answer', async () => {
    const q = questions[0] as QuizQuestion;
    const forged = await pressPrivately(t, 'quiz_answer', `${q.id}:1:${q.answer}`, 'U0NEVERASKED');
    expect(everything(forged)).toContain('no longer open');
    const nonsense = await pressPrivately(t, 'quiz_answer', 'x:y:z', 'U0NEVERASKED');
    expect(everything(nonsense)).toContain('no longer open');
  });

  it('a channel quiz: everyone answers once, each sees only their result, the tally is edited in place', async () => {
    const channel = 'C0TEAM';
    const before = t.stub.calls.length;
    const sent = await t.command('quiz channel', { user: 'U0ERIN', channel });
    expect(sent.status).toBe(200);
    const post = await t.stub.waitFor((calls) =>
      calls.slice(before).find((c) => c.method === 'chat.postMessage' && c.body.channel === channel),
    );
    expect(headerOf(post)).toBe('Channel quiz');
    expect(everything(post)).toContain('No answers yet');
    expect(everything(post)).toContain('<@U0ERIN>');
    const q = questionIn(post);
    const options = buttonsFor(post, 'quiz_channel_answer');
    expect(options.map((b) => b.label)).toEqual(q.options);
    const ts = String(post.reply?.ts);

    const answer = (user: string, choice: number) =>
      t.press('quiz_channel_answer', options[choice - 1]?.value ?? '', {
        user,
        channel,
        ephemeral: false,
        messageTs: ts,
      });
    const presses = await Promise.all([
      answer('U0FRAN', q.answer),
      answer('U0GUS', wrongChoice(q)),
      answer('U0HAL', q.answer),
    ]);
    const results = await Promise.all(
      presses.map((p) => t.stub.waitFor(() => t.stub.responses(p.responseId)[0])),
    );
    for (const result of results) {
      expect(result.body.response_type).toBe('ephemeral');
      expect(result.body.replace_original).toBe(false);
    }
    expect(everything(results[0] as RecordedCall)).toContain('✅');
    expect(everything(results[1] as RecordedCall)).toContain('❌');
    const tally = () =>
      t.stub.calls.filter(
        (c) => c.method === 'chat.update' && c.body.channel === channel && c.body.ts === ts,
      );
    await t.stub.waitFor(() => tally().length === 3);
    expect(everything(tally()[2] as RecordedCall)).toContain('3 answered · 67% right');
    expect(tally().map((c) => headerOf(c))).toEqual(['Channel quiz', 'Channel quiz', 'Channel quiz']);

    // A second answer by the same person is not counted, and the tally is not edited again.
    const twice = await answer('U0GUS', q.answer);
    const told = await t.stub.waitFor(() => t.stub.responses(twice.responseId)[0]);
    expect(everything(told)).toContain('answered this quiz already');
    expect(everything(told)).toContain('❌');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tally()).toHaveLength(3);
  });

  it('a channel quiz needs a channel', async () => {
    const reply = await command(t, 'quiz channel', 'U0ERIN', 'D0ERIN');
    expect(everything(reply)).toContain('is for a channel');
  });

  it('/docker quiz stats: how many took part and the questions missed most, with no one’s score', async () => {
    const stats = await command(t, 'quiz stats', 'U0IVY', 'C0TEAM');
    expect(stats.body.response_type).toBe('ephemeral');
    expect(headerOf(stats)).toBe('How the team is learning Docker');
    const text = everything(stats);
    expect(text).toContain('Answered the quiz');
    expect(text).toMatch(/Most often missed/);
    expect(text).toMatch(/missed 1 of \d+ times/);
    expect(text).not.toMatch(/U0[A-Z]+/);
    const shared = await t.press('share', buttonsFor(stats, 'share')[0]?.value ?? '', {
      user: 'U0IVY',
      channel: 'C0TEAM',
    });
    const posted = await t.stub.waitFor(() => t.stub.responses(shared.responseId)[0]);
    expect(posted.body.response_type).toBe('in_channel');
    expect(everything(posted)).toContain('shared these stats');
  });

  it('answers an unknown word after quiz with what it can do', async () => {
    expect(everything(await command(t, 'quiz banana', 'U0JO'))).toContain('`/docker quiz channel`');
    expect(byQuestion.size).toBe(questions.length);
  });
});

describe('a daily quiz in place of the tip (TIP_QUIZ_DAYS)', () => {
  it('posts a channel quiz on the chosen days', async () => {
    const t = await startTestApp({
      TIP_CHANNELS: 'C0DAILY',
      TIP_SCHEDULE: '*/2 * * * * *',
      TIP_QUIZ_DAYS: 'sun,mon,tue,wed,thu,fri,sat',
    });
    try {
      const post = await t.stub.waitFor(
        (calls) => calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0DAILY'),
        8000,
      );
      expect(headerOf(post)).toBe('Channel quiz');
      expect(everything(post)).toContain("Today's quiz");
      expect(buttonsFor(post, 'quiz_channel_answer').length).toBeGreaterThanOrEqual(3);
      // Logged once Slack has answered the post.
      await t.stub.waitFor(() => t.logs.some((line) => line.includes('daily quiz posted')));
      expect(everyPayloadProblem(t.stub.calls)).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
