import { randomBytes } from 'node:crypto';
import { Janitor } from '../../src/lab/janitor';
import { MAX_TIME_LIMIT_S, runImageName } from '../../src/lab/policy';
import { createLogger } from '../../src/ops/log';
import { buildContext } from '../../src/sandbox/build-context';
import type { Sandbox } from '../../src/sandbox/types';
import { type AppProcess, startAppProcess } from '../helpers/app-process';
import { finishedDemo } from '../helpers/demo-messages';
import {
  containersLabelled,
  describeWithDocker,
  engineRequest,
  eventually,
  removeImage,
} from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { startTestApp, type TestApp } from '../helpers/harness';
import { realSandbox } from '../helpers/sandbox';
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
      // The sweep logs what it removed once it is done with the images too, a moment after the containers.
      await eventually('the janitor to log what it removed', async () =>
        next?.logs.some((line) => /janitor removed what earlier demos left containers=[1-9]/.test(line)),
      );
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

  it('removes an image a run built and left, by its run name, once no run can still be using it', async () => {
    const sandbox = realSandbox();
    const { repo, tag } = runImageName('janitor-test', randomBytes(4).toString('hex'));
    const ref = `${repo}:${tag}`;
    const otherName = `docker-explainer-test/kept:${tag}`;
    const exists = async (name: string) =>
      (await engineRequest('GET', `/images/${encodeURIComponent(name)}/json`)).status === 200;
    try {
      const built = await sandbox.images.build(
        buildContext('FROM scratch\nCOPY note.txt /note.txt\n', [
          { name: 'note.txt', content: 'left behind\n' },
        ]),
        { tag: ref },
      );
      // Someone else also named that image: the janitor removes only the run's name.
      await engineRequest('POST', `/images/${built.imageId}/tag?repo=docker-explainer-test/kept&tag=${tag}`);
      // The janitor sees only this image: with its clock moved on, it would otherwise take the containers
      // and images of demos that other test files run on the same engine for leftovers.
      const onlyThisImage: Sandbox = {
        ping: (signal) => sandbox.ping(signal),
        containers: Object.assign(Object.create(sandbox.containers), { list: async () => [] }),
        images: Object.assign(Object.create(sandbox.images), {
          list: async (labels: Record<string, string>) =>
            (await sandbox.images.list(labels)).filter((image) => image.id === built.imageId),
        }),
      };
      const janitorAt = (now: number) =>
        new Janitor(onlyThisImage, { intervalMs: 60_000, logger: createLogger('error'), now: () => now });

      await janitorAt(Date.now()).sweep();
      expect(await exists(ref)).toBe(true);

      const later = await janitorAt(Date.now() + MAX_TIME_LIMIT_S * 1000 + 60_000).sweep();
      expect(later.images).toBe(1);
      expect(await exists(ref)).toBe(false);
      expect(await exists(otherName)).toBe(true);
    } finally {
      await removeImage(ref);
      await removeImage(otherName);
    }
  });
});
