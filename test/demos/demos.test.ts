import { runMain } from '../helpers/child';
import { demoCalls, everything, finishedDemo, readable } from '../helpers/demo-messages';
import {
  type ContainerInspect,
  containersLabelled,
  describeWithDocker,
  engineEnv,
  engineRequest,
  expectLockedDown,
  imagesLabelled,
  inspectContainer,
} from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { startTestApp, type TestApp } from '../helpers/harness';

/**
 * Every demo end to end: signed slash commands to the real app, a real engine behind a proxy the test owns.
 * The proxy inspects each container with the engine just before it starts, so the limits are checked on
 * every container the demos create, not on a sample.
 */
describeWithDocker('live demos on a real engine', () => {
  const proxy = new EngineProxy();
  const started = new Map<string, ContainerInspect>();
  const execs: { container: string; body: Record<string, unknown> }[] = [];
  let t: TestApp;
  let instance: string;
  /** What each demo showed in the end, by demo id. */
  const shownBy = new Map<string, string>();

  beforeAll(async () => {
    await proxy.start();
    proxy.onRequest(/^POST \/(?:v[\d.]+\/)?containers\/([0-9a-f]{64})\/start\b/, async (match) => {
      const id = match[1] ?? '';
      if (!started.has(id)) started.set(id, await inspectContainer(id));
    });
    proxy.onRequest(/^POST \/(?:v[\d.]+\/)?containers\/([0-9a-f]{64})\/exec\b/, async (match, head) => {
      const json = head.slice(head.indexOf('\r\n\r\n') + 4);
      execs.push({ container: match[1] ?? '', body: JSON.parse(json) as Record<string, unknown> });
    });
    t = await startTestApp({ DOCKER_HOST: proxy.dockerHost });
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { sandbox: { instance: string } };
    instance = health.sandbox.instance;
  });

  afterAll(async () => {
    await t?.stop();
    await proxy.stop();
  });

  const expectations: Record<string, RegExp[]> = {
    diff: [
      /\$ docker diff dx-\w+-box/,
      /^A \/tmp\/hello\.txt$/m,
      /^C \/etc\/group$/m,
      /^D \/home$/m,
      /No such file or directory/,
    ],
    layers: [
      /\$ DOCKER_BUILDKIT=0 docker build -t docker-explainer\/layers:\w+ \./,
      /^\s*Step 1\/3 : FROM .*\n.*\n\s*Step 2\/3 : COPY greeting\.txt \/greeting\.txt\n.*\n\s*Step 3\/3 : RUN /m,
      /classic builder/,
      /\$ docker history docker-explainer\/layers:\w+/,
      /COPY file:/,
      /hello from a layer added by COPY\nwritten by RUN at build time/,
      /The same ID as right after the build/,
    ],
    many: [/I am [0-9a-f]{12}\n.*\nI am [0-9a-f]{12}\n.*\nI am [0-9a-f]{12}/, /3 container IDs, 1 image ID/],
    lifecycle: [/^created 0$/m, /^running 0$/m, /^exited 137$/m, /Error: No such container/],
    commit: [
      /\$ docker commit dx-\w+-work docker-explainer\/commit:\w+/,
      /made inside a container/,
      /No such file or directory/,
    ],
  };

  it('runs every demo to the end, each step with its command and the engine output', async () => {
    const ids = Object.keys(expectations);
    await Promise.all(ids.map((id, i) => t.command(`demo ${id}`, { user: `U0DEMO${i}` })));
    for (const [i, id] of ids.entries()) {
      const user = `U0DEMO${i}`;
      const final = await finishedDemo(t.stub, user);
      const shown = readable(final);
      shownBy.set(id, shown);
      expect(final.body.text).toMatch(new RegExp(`^Live demo ${id}: done in \\d+\\.\\d\\d s$`));
      expect(shown).toContain(`<@${user}> ran \`/docker demo ${id}\``);
      expect(shown).not.toMatch(/✗|⏳|◻/);
      expect(shown).toContain('Everything it created has been removed.');
      expect(shown).toMatch(/▶ \*Now try it yourself:\* `\/docker try [^`]+`/);
      for (const pattern of expectations[id] ?? []) expect(shown).toMatch(pattern);

      // One message, posted to the channel first (before any step ran), then edited in place.
      const calls = demoCalls(t.stub, user);
      expect(calls[0]?.method).toBe('chat.postMessage');
      expect(calls[0]?.body.text).toMatch(/^Live demo \w+: (starting|waiting, number \d+ in line)$/);
      expect(calls.slice(1).every((c) => c.method === 'chat.update')).toBe(true);
      const steps = Number(/\d+\/(\d+) /.exec(shown)?.[1]);
      for (let step = 1; step <= steps; step++)
        expect(calls.some((c) => readable(c).includes(`✓ *${step}/${steps} `))).toBe(true);
    }
  });

  it('gave every container the limits: no network, 64 MiB, 64 pids, a CPU limit, no capabilities, nobody', () => {
    expect(started.size).toBeGreaterThanOrEqual(10);
    const demos = new Set<string>();
    for (const c of started.values()) {
      demos.add(c.Config.Labels['docker-explainer.demo'] ?? '');
      expectLockedDown(c);
      expect(c.Config.User).toBe('65534:65534');
      expect(c.Name).toMatch(/^\/dx-[0-9a-f]{8}-[a-z-]+$/);
      expect(c.Config.Labels).toEqual(
        expect.objectContaining({
          'docker-explainer.managed': 'true',
          'docker-explainer.instance': instance,
          'docker-explainer.run': expect.stringMatching(/^[0-9a-f]{8}$/),
          'docker-explainer.expires': expect.stringMatching(/^\d{13}$/),
        }),
      );
    }
    expect([...demos].sort()).toEqual(['commit', 'diff', 'layers', 'lifecycle', 'many']);
  });

  it('runs commands as nobody, and as root only where a step changes files root owns, never privileged', () => {
    expect(execs.length).toBeGreaterThanOrEqual(8);
    for (const exec of execs) {
      expect(exec.body.Privileged ?? false).toBe(false);
      expect(['65534:65534', '0:0']).toContain(exec.body.User);
    }
    const asRoot = execs.filter((e) => e.body.User === '0:0');
    expect(asRoot).toHaveLength(1);
    const container = started.get(asRoot[0]?.container ?? '');
    expect(container?.Config.Labels['docker-explainer.demo']).toBe('diff');
    expect(asRoot[0]?.body.Cmd).toEqual(['sh', '-c', 'echo "demo:x:1000:" >> /etc/group && rmdir /home']);
  });

  it('shows the layers lesson without the bot’s bookkeeping: no label in the Dockerfile, build or history', () => {
    const shown = shownBy.get('layers') ?? '';
    expect(shown).toContain('$ cat Dockerfile');
    expect(shown).not.toMatch(
      /LABEL docker-explainer\.managed|docker-explainer\.(managed|instance|run|expires)/,
    );
    // The classic builder would add a step for labels given through the build API as well.
    expect(shown).not.toMatch(/Step \d\/4/);
  });

  it('removed the image the layers demo built, and the intermediate images of its build', async () => {
    const shown = shownBy.get('layers') ?? '';
    const ref = /docker build -t (docker-explainer\/layers:\w+) \./.exec(shown)?.[1];
    expect(ref).toBeDefined();
    // The layer IDs the classic builder printed after FROM: the COPY step's image and the final one.
    const ids = [...shown.matchAll(/Step [23]\/3 : .*\n\s*---> ([0-9a-f]{12})/g)].map((m) => m[1] ?? '');
    expect(ids).toHaveLength(2);
    for (const what of [ref ?? '', ...ids])
      expect(
        `${what}: ${(await engineRequest('GET', `/images/${encodeURIComponent(what)}/json`)).status}`,
      ).toBe(`${what}: 404`);
  });

  it('left no container and no image behind', async () => {
    expect(await containersLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    expect(await imagesLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    expect(proxy.hookErrors).toEqual([]);
  });

  it('lists the demos, and answers an unknown or hostile name without running anything', async () => {
    const requestsBefore = proxy.requests.filter((r) => r.includes('/containers/create')).length;
    const list = await t.command('demo');
    const listed = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === list.responseId));
    for (const id of Object.keys(expectations)) expect(everything(listed)).toContain(`/docker demo ${id}`);
    expect(listed.body.response_type).toBe('ephemeral');

    const typo = await t.command('demo difff');
    const suggested = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === typo.responseId));
    expect(everything(suggested)).toContain('Did you mean `/docker demo diff`');

    const hostile = await t.command('demo diff;rm -rf / <!channel>');
    const refused = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === hostile.responseId));
    expect(everything(refused)).toContain('There is no demo called `diff;rm`');
    expect(everything(refused)).not.toContain('<!channel>');

    const forged = await t.press('run_demo', '../../bin/sh');
    const answered = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === forged.responseId));
    expect(everything(answered)).toContain('There is no demo called `../../bin/sh`');
    expect(proxy.requests.filter((r) => r.includes('/containers/create')).length).toBe(requestsBefore);
  });

  it('offers Run the demo on topics that have one, and runs it from the button', async () => {
    const topic = await t.command('diff');
    const answer = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === topic.responseId));
    expect(everything(answer)).toContain('"action_id":"run_demo"');
    expect(everything(answer)).toContain('"value":"diff"');
    const volumes = await t.command('volumes');
    const noDemo = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === volumes.responseId));
    expect(everything(noDemo)).not.toContain('run_demo');

    await t.press('run_demo', 'many', { user: 'U0BUTTON' });
    const final = await finishedDemo(t.stub, 'U0BUTTON');
    expect(final.body.text).toMatch(/^Live demo many: done in/);
  });

  it('falls back to the response_url where it cannot post, within its five uses', async () => {
    t.stub.queue('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const sent = await t.command('demo lifecycle', { user: 'U0OUTSIDER', channel: 'C0PRIVATE' });
    const final = await finishedDemo(t.stub, 'U0OUTSIDER');
    expect(final.method).toBe('response_url');
    expect(final.body.response_type).toBe('in_channel');
    const uses = t.stub.responses(sent.responseId);
    expect(uses.length).toBeLessThanOrEqual(5);
    expect(uses[uses.length - 1]).toBe(final);
    expect(t.stub.callsTo('chat.update').some((c) => everything(c).includes('U0OUTSIDER'))).toBe(false);
  });

  it('reports the sandbox on /healthz', async () => {
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { sandbox: Record<string, unknown> };
    expect(health.sandbox).toEqual(
      expect.objectContaining({
        status: 'ok',
        engine: expect.any(String),
        address: proxy.dockerHost,
        running: 0,
        queued: 0,
      }),
    );
  });

  it('runs a demo from the local console too', async () => {
    const result = await runMain('/docker demo diff\n', engineEnv(), 40_000);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+A \/tmp\/hello\.txt$/m);
    expect(result.stdout).toMatch(/✓ Done in/);
  });
});
