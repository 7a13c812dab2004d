import { demoCalls, everything, finishedDemo } from '../helpers/demo-messages';
import { containersLabelled, describeWithDocker, engineEnv, imagesLabelled } from '../helpers/docker-engine';
import { startTestApp, type TestApp } from '../helpers/harness';
import type { RecordedCall } from '../helpers/slack-stub';

/** A burst of demo requests on the real engine, through the engine's local socket (no proxy). */
describeWithDocker('a burst of demos', () => {
  let t: TestApp;
  let instance: string;

  beforeAll(async () => {
    t = await startTestApp({ ...engineEnv(), DEMO_CONCURRENCY: '4' });
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { sandbox: { instance: string } };
    instance = health.sandbox.instance;
  });

  afterAll(async () => {
    await t?.stop();
  });

  const position = (call: RecordedCall | undefined) =>
    Number(/waiting, number (\d+) in line/.exec(String(call?.body.text))?.[1] ?? 0);

  it('runs 20 requests, 4 at a time, telling the queued their place', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `U0LOAD${String(i).padStart(2, '0')}`);
    const acks = await Promise.all(users.map((user) => t.command('demo diff', { user })));
    expect(acks.every((ack) => ack.status === 200)).toBe(true);
    const finals = await Promise.all(users.map((user) => finishedDemo(t.stub, user, 90_000)));
    for (const final of finals) expect(final.body.text).toMatch(/^Live demo diff: done in/);

    // The first message each person got: starting now, or their place in line.
    const firsts = users.map((user) => demoCalls(t.stub, user)[0]);
    const told = firsts.map(position).filter((p) => p > 0);
    expect(told.length).toBeGreaterThan(0);
    expect(told.length).toBeLessThanOrEqual(16);
    expect([...told].sort((a, b) => a - b)).toEqual(Array.from({ length: told.length }, (_, i) => i + 1));

    // A queued person's place only ever goes down. (The FIFO order itself is proven in runner.test.ts.)
    for (const user of users.filter((_, i) => position(firsts[i]) > 0)) {
      const places = demoCalls(t.stub, user)
        .map(position)
        .filter((p) => p > 0);
      expect([...places].sort((a, b) => b - a)).toEqual(places);
    }
  });

  it('left nothing behind', async () => {
    expect(await containersLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    expect(await imagesLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    expect(t.logs.filter((line) => / ERROR /.test(line))).toEqual([]);
  });

  it('gives the same person a friendly answer to a second demo while the first runs', async () => {
    const [first, second] = await Promise.all([
      t.command('demo many', { user: 'U0TWICE' }),
      t.command('demo lifecycle', { user: 'U0TWICE' }),
    ]);
    const refusal = await t.stub.waitFor((calls) =>
      calls.find(
        (c) =>
          (c.responseId === first.responseId || c.responseId === second.responseId) &&
          everything(c).includes('You already have'),
      ),
    );
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(everything(refusal)).toMatch(
      /You already have the `(many|lifecycle)` demo (running|waiting for a slot)/,
    );
    const final = await finishedDemo(t.stub, 'U0TWICE');
    expect(final.body.text).toMatch(/done in/);
    expect(demoCalls(t.stub, 'U0TWICE').filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});
