import { envelope, nextTs, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { BOT_USER_ID, type RecordedCall } from '../helpers/slack-stub';

const TOKEN = 'scrape-me-with-this-token';

/**
 * GET /metrics on the HTTP port, in HTTP mode: what the parts record while real signed requests are handled
 * (commands, questions, votes, retried events, Web API calls and their 429s), behind METRICS_TOKEN.
 */
describe('/metrics in HTTP mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.stop();
  });

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const buttons = (call: RecordedCall) =>
    ((call.body.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);

  it('refuses a scrape without the token', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(401);
    await res.arrayBuffer();
  });

  it('counts commands by verb, questions by tier, votes, dropped retries and Web API calls with 429s', async () => {
    for (const text of ['image', '', 'demo', 'contaner please']) {
      const { responseId } = await t.command(text);
      await t.stub.waitFor((calls) => calls.find((c) => c.responseId === responseId));
    }
    // The first post of the answer is rate limited; the client waits out Retry-After and posts again.
    t.stub.queue('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    const ts = nextTs();
    const question = envelope({
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${BOT_USER_ID}> if I delete a container, is my image gone too?`,
      ts,
      event_ts: ts,
      channel: 'C0GENERAL',
    });
    await sendEvent(t, question);
    await sendEvent(t, question, 1);
    const [, answer] = await t.stub.waitFor((calls) => {
      const posts = calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
      return posts.length === 2 && posts;
    });
    if (!answer) throw new Error('no answer');
    const up = buttons(answer).find((b) => b.action_id === 'feedback_up');
    expect(up).toBeDefined();
    const vote = await t.press('feedback_up', up?.value ?? '');
    await t.stub.waitFor((calls) => calls.find((c) => c.responseId === vote.responseId));

    const text = await scrape();
    for (const line of [
      'dx_commands_total{verb="topic"} 1',
      'dx_commands_total{verb="help"} 1',
      'dx_commands_total{verb="demo"} 1',
      'dx_commands_total{verb="other"} 1',
      'dx_votes_total{helpful="yes"} 1',
      'dx_events_dropped_total 1',
      'dx_slack_api_calls_total{method="chat.postMessage",outcome="rate_limited"} 1',
      'dx_slack_api_calls_total{method="chat.postMessage",outcome="ok"} 1',
    ])
      expect(text).toContain(line);
    // The mention, and `/docker contaner please`, which the router hands to question answering.
    const tiers = [...text.matchAll(/^dx_questions_total\{tier="(high|medium|low)"\} (\d+)$/gm)];
    expect(tiers.reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(2);
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE dx_demo_duration_seconds histogram');
  });
});
