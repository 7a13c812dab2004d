import { type AppProcess, startAppProcess } from '../helpers/app-process';
import { finishedDemo } from '../helpers/demo-messages';
import { containersLabelled, describeWithDocker, eventually } from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { startTestApp, type TestApp } from '../helpers/harness';
import { SlackStub } from '../helpers/slack-stub';

async function instanceOf(url: string): Promise<string> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { sandbox: { instance: string } };
  return health.sandbox.instance;
}

const CHANGES = /^GET \/(?:v[\d.]+\/)?containers\/[0-9a-f]{64}\/changes\b/;

describeWithDocker('the janitor', () => {
  const proxy = new EngineProxy();
  const stub = new SlackStub();
  let bot: AppProcess | undefined;
  let next: TestApp | undefined;

  beforeAll(async () => {
    await proxy.start();
    await stub.start();
  });

  afterAll(async () => {
    await bot?.kill();
    await next?.stop();
    await stub.stop();
    await proxy.stop();
  });

  it('of the next start removes what a bot killed with -9 in the middle of a demo left behind', async () => {
    const held = proxy.holdAt(CHANGES);
    try {
      bot = await startAppProcess(stub, { DOCKER_HOST: proxy.dockerHost, DEMO_TIME_LIMIT_S: '2' });
      const killed = await instanceOf(bot.url);
      expect(await bot.command('demo diff', 'U0VICTIM', 'kill-1')).toBe(200);
      await eventually('the demo to reach `docker diff`', async () => held.reached);
      await bot.kill();
      const left = await containersLabelled({ 'docker-explainer.instance': killed });
      expect(left.map((c) => c.State)).toEqual(['running']);

      next = await startTestApp({ DOCKER_HOST: proxy.dockerHost, DEMO_JANITOR_INTERVAL_S: '1' });
      await eventually(
        "the next start's janitor to remove the leftovers",
        async () => (await containersLabelled({ 'docker-explainer.instance': killed })).length === 0,
        20_000,
      );
      expect(
        next.logs.some((line) => /janitor removed what earlier demos left containers=[1-9]/.test(line)),
      ).toBe(true);
    } finally {
      held.open();
      await next?.stop();
      next = undefined;
    }
  });

  it('of another instance leaves a demo that is still running alone', async () => {
    const held = proxy.holdAt(CHANGES);
    const running = await startTestApp({ DOCKER_HOST: proxy.dockerHost, DEMO_TIME_LIMIT_S: '20' });
    try {
      await running.command('demo diff', { user: 'U0LIVE' });
      await eventually('the demo to reach `docker diff`', async () => held.reached);
      next = await startTestApp({ DOCKER_HOST: proxy.dockerHost, DEMO_JANITOR_INTERVAL_S: '1' });
      // Two sweeps of the other instance's janitor, while the demo waits in the middle.
      await eventually(
        'two janitor sweeps',
        async () =>
          (next?.logs.filter((line) => /janitor( removed|: nothing left)/.test(line)).length ?? 0) >= 2,
      );
      held.open();
      const final = await finishedDemo(running.stub, 'U0LIVE');
      expect(final.body.text).toMatch(/^Live demo diff: done in/);
    } finally {
      held.open();
      await running.stop();
    }
  });
});
