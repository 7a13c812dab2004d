import { finishedDemo, readable } from '../helpers/demo-messages';
import {
  containersLabelled,
  describeWithDocker,
  eventually,
  imagesLabelled,
  removeContainer,
} from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { startTestApp, type TestApp } from '../helpers/harness';

/** Bound on "a clear answer within a few seconds" when the engine cannot be reached. */
const FEW_SECONDS = 6000;

async function instanceOf(t: TestApp): Promise<string> {
  const health = (await (await fetch(`${t.url}/healthz`)).json()) as { sandbox: { instance: string } };
  return health.sandbox.instance;
}

/**
 * Real network faults between the bot and a real engine: the engine sits behind a proxy this test owns, which
 * it stops, silences and restarts; and real engine errors in the middle of a demo.
 */
describeWithDocker('sandbox faults', () => {
  const proxy = new EngineProxy();
  let t: TestApp;
  let instance: string;

  beforeAll(async () => {
    await proxy.start();
    t = await startTestApp({ DOCKER_HOST: proxy.dockerHost });
    instance = await instanceOf(t);
  });

  afterAll(async () => {
    await t?.stop();
    await proxy.stop();
  });

  it('says the sandbox is unavailable when the engine refuses connections, while explanations keep working', async () => {
    await proxy.stop();
    await t.command('demo diff', { user: 'U0DOWN' });
    const final = await finishedDemo(t.stub, 'U0DOWN', FEW_SECONDS);
    expect(final.body.text).toMatch(
      /^Live demo diff: did not run: The demo sandbox is unavailable right now/,
    );
    expect(readable(final)).toContain('Explanations still work');

    const topic = await t.command('image');
    const answer = await t.stub.waitFor(
      (calls) => calls.find((c) => c.responseId === topic.responseId),
      FEW_SECONDS,
    );
    expect(JSON.stringify(answer.body)).toContain('"type":"header"');

    await eventually('/healthz to report the sandbox unavailable', async () => {
      const health = (await (await fetch(`${t.url}/healthz`)).json()) as {
        status: string;
        sandbox: { status: string };
      };
      return health.status === 'ok' && health.sandbox.status === 'unavailable';
    });
  });

  it('runs demos again once the engine is back, without a restart', async () => {
    await proxy.start();
    await t.command('demo diff', { user: 'U0BACK' });
    const final = await finishedDemo(t.stub, 'U0BACK');
    expect(final.body.text).toMatch(/^Live demo diff: done in/);
  });

  it('says the sandbox is unavailable when the engine accepts connections but never answers', async () => {
    proxy.hold();
    try {
      await t.command('demo many', { user: 'U0SILENT' });
      const final = await finishedDemo(t.stub, 'U0SILENT', FEW_SECONDS);
      expect(final.body.text).toMatch(/did not run: The demo sandbox is unavailable right now/);
    } finally {
      proxy.release();
    }
    await t.command('demo many', { user: 'U0HEARD' });
    expect((await finishedDemo(t.stub, 'U0HEARD')).body.text).toMatch(/done in/);
  });

  it('marks a step ✗ with the engine’s reason when the engine refuses it mid-demo, and still cleans up', async () => {
    // The first exec of the demo: remove that container behind the bot's back, so the engine says no.
    let victim = '';
    const off = proxy.onRequest(/^POST \/(?:v[\d.]+\/)?containers\/([0-9a-f]{64})\/exec\b/, async (match) => {
      if (victim) return;
      victim = match[1] ?? '';
      await removeContainer(victim);
    });
    try {
      await t.command('demo many', { user: 'U0FAULT' });
      const final = await finishedDemo(t.stub, 'U0FAULT');
      const shown = readable(final);
      expect(final.body.text).toMatch(/^Live demo many: stopped: the engine said: No such container/);
      expect(shown).toContain('✓ *1/4 Start three containers from one image*');
      expect(shown).toMatch(
        /✗ \*2\/4 Each container writes a file of its own\* · \d+\.\d\d s\nthe engine said: No such container/,
      );
      expect(shown).toContain('– 3/4 Read the file back from each one _(skipped)_');
      expect(shown).toContain('✗ Stopped after');
      expect(shown).toContain('at step 2 of 4. Everything it created has been removed.');
    } finally {
      off();
    }
    expect(victim).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await containersLabelled({ 'docker-explainer.instance': instance, 'docker-explainer.demo': 'many' }),
    ).toEqual([]);
    expect(proxy.hookErrors).toEqual([]);
  });

  it('kills a demo that runs past its hard time limit, removing its containers', async () => {
    const limited = await startTestApp({ DOCKER_HOST: proxy.dockerHost, DEMO_TIME_LIMIT_S: '2' });
    const limitedInstance = await instanceOf(limited);
    // Hold the diff demo's `docker diff` past the limit, while its container is running.
    let running: string[] = [];
    const held = proxy.holdAt(/^GET \/(?:v[\d.]+\/)?containers\/[0-9a-f]{64}\/changes\b/, async () => {
      running = (await containersLabelled({ 'docker-explainer.instance': limitedInstance })).map(
        (c) => c.State,
      );
    });
    try {
      await limited.command('demo diff', { user: 'U0SLOW' });
      const final = await finishedDemo(limited.stub, 'U0SLOW', 15_000);
      expect(running).toEqual(['running']);
      expect(readable(final)).toMatch(
        /✗ \*3\/4 Ask the engine what changed\* · \d+\.\d\d s\nTimed out: the demo ran past its 2 s limit/,
      );
      expect(readable(final)).toContain('Everything it created has been removed.');
      const left = { 'docker-explainer.instance': limitedInstance };
      expect(await containersLabelled(left)).toEqual([]);
      expect(await imagesLabelled(left)).toEqual([]);
    } finally {
      held.open();
      await limited.stop();
    }
  });
});
