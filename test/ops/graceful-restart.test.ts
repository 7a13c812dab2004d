import { type AppProcess, startAppProcess } from '../helpers/app-process';
import { finishedDemo } from '../helpers/demo-messages';
import { containersLabelled, describeWithDocker, eventually } from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { SlackStub } from '../helpers/slack-stub';

const LIMIT_S = 4;
const CHANGES = /^GET \/(?:v[\d.]+\/)?containers\/[0-9a-f]{64}\/changes\b/;

/**
 * SIGTERM to the real process (node dist/main.js) while a demo is in the middle of a step: the demo runs on to
 * its time limit and cleans up, Slack still answers meanwhile (a new demo gets "restarting"), and the
 * process exits 0 within the time limit + 5 s, with nothing of it left on the engine.
 */
describeWithDocker('a graceful restart', () => {
  const proxy = new EngineProxy();
  const stub = new SlackStub();
  let bot: AppProcess | undefined;

  beforeAll(async () => {
    await proxy.start();
    await stub.start();
  });
  afterAll(async () => {
    await bot?.kill();
    await stub.stop();
    await proxy.stop();
  });

  it('lets a running demo end within its time limit, refuses new ones politely, cleans up and exits 0', async () => {
    const held = proxy.holdAt(CHANGES);
    try {
      bot = await startAppProcess(stub, {
        DOCKER_HOST: proxy.dockerHost,
        DEMO_TIME_LIMIT_S: String(LIMIT_S),
        LOG_FORMAT: 'json',
      });
      const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { sandbox: { instance: string } };
      const instance = health.sandbox.instance;
      const exited = new Promise<number | null>((resolve) => bot?.child.on('exit', (code) => resolve(code)));
      expect(await bot.command('demo diff', 'U0RUNNING', 'term-1')).toBe(200);
      await eventually('the demo to reach `docker diff`', async () => held.reached);
      expect(await containersLabelled({ 'docker-explainer.instance': instance })).not.toEqual([]);

      const began = Date.now();
      bot.child.kill('SIGTERM');
      await eventually('/healthz to say it is stopping', async () => {
        const now = (await (await fetch(`${bot?.url}/healthz`)).json()) as { status: string };
        return now.status === 'stopping';
      });
      expect(await bot.command('demo many', 'U0LATE', 'term-2')).toBe(200);
      const late = await stub.waitFor((calls) => calls.find((c) => c.responseId === 'term-2'));
      expect(String(late.body.text)).toMatch(/restarting.*try again in a moment/);
      expect(await bot.command('image', 'U0LATE', 'term-3')).toBe(200);
      await stub.waitFor((calls) => calls.find((c) => c.responseId === 'term-3'));

      expect(await exited).toBe(0);
      const took = Date.now() - began;
      expect(took).toBeLessThan((LIMIT_S + 5) * 1000);
      const final = await finishedDemo(stub, 'U0RUNNING', 1000);
      expect(String(final.body.text)).toMatch(/Timed out|done in/);
      expect(await containersLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
      const messages = bot
        .stderr()
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    } finally {
      held.open();
    }
  });
});
