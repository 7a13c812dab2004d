import { DemoCatalogue } from '../../src/demos/catalogue';
import { type DemoLeases, SharedDemoSlots } from '../../src/demos/leases';
import type { Narrative } from '../../src/demos/narratives';
import type { RunState } from '../../src/demos/run-state';
import { type DemoGate, DemoRunner, type Reservation } from '../../src/demos/runner';
import { type ContainerRef, defineDemo } from '../../src/demos/types';
import { DemoCancelled, DemoStepFailed, StoreUnavailable } from '../../src/errors';
import { EngineCapacity } from '../../src/lab/capacity';
import { FixedEngines } from '../../src/lab/engines';
import { LIMITS } from '../../src/lab/policy';
import { createLogger } from '../../src/ops/log';
import { MemoryDemoLeases } from '../../src/store/memory/demo-leases';
import { MemorySandbox } from '../helpers/memory-sandbox';

/** Steps of the `gated` demo wait here until the test lets them through, one run at a time. */
const gates: (() => void)[] = [];
const passGate = () => new Promise<void>((resolve) => gates.push(resolve));

const gated = defineDemo<{ box?: ContainerRef }>({
  id: 'gated',
  init: () => ({}),
  steps: [
    {
      title: 'Start a container',
      async run(ctx, state) {
        state.box = await ctx.run('box');
        return { transcript: [{ command: 'docker run', output: state.box.id }] };
      },
    },
    {
      title: 'Wait for the test',
      async run(ctx, state) {
        await passGate();
        const result = await ctx.exec(state.box as ContainerRef, ['true']);
        return { transcript: [{ command: 'docker exec', output: result.stdout }] };
      },
    },
  ],
});

const failing = defineDemo<unknown>({
  id: 'failing',
  init: () => ({}),
  steps: [
    {
      title: 'Start two containers',
      async run(ctx) {
        await ctx.run('one');
        await ctx.run('two');
        return { transcript: [] };
      },
    },
    {
      title: 'Fail',
      async run() {
        throw new DemoStepFailed('the command exited with code 1');
      },
    },
    { title: 'Never reached', run: async () => ({ transcript: [] }) },
  ],
});

const hanging = defineDemo<unknown>({
  id: 'hanging',
  init: () => ({}),
  steps: [
    {
      title: 'Start a container',
      async run(ctx) {
        await ctx.run('box');
        return { transcript: [] };
      },
    },
    { title: 'Hang', run: () => new Promise(() => undefined) },
  ],
});

const narrative = (id: string): Narrative => ({
  id,
  title: id,
  summary: id,
  topic: 'image',
  intro: 'intro',
  outro: 'outro',
  try: '`/docker try run busybox echo hello`',
  file: `content/demos/${id}.md`,
});
const catalogue = new DemoCatalogue(
  [gated, failing, hanging],
  ['gated', 'failing', 'hanging'].map(narrative),
);

function makeRunner(
  sandbox: MemorySandbox,
  options: { concurrency?: number; timeLimitMs?: number; gate?: DemoGate } = {},
) {
  return new DemoRunner({
    gate: options.gate,
    gateRetryMs: 10,
    sandbox,
    demoImage: { ensure: async () => ({ ref: 'busybox:test', id: 'sha256:test' }) },
    catalogue,
    capacity: new EngineCapacity(options.concurrency ?? 4),
    timeLimitMs: options.timeLimitMs ?? 10_000,
    instance: 'testinst',
    logger: createLogger('error'),
  });
}

/** Waits (bounded) until `probe` holds, letting timers and promises run. */
async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterEach(() => {
  for (const open of gates.splice(0)) open();
});

describe('DemoRunner', () => {
  it('queues past the concurrency limit in FIFO order, telling each person their place', async () => {
    const runner = makeRunner(new MemorySandbox(), { concurrency: 2 });
    const users = ['a', 'b', 'c', 'd'];
    const seen: Record<string, RunState[]> = {};
    const started: string[] = [];
    const reservations: { user: string; reservation: Reservation }[] = [];
    for (const user of users) {
      const reservation = await runner.reserve('gated', user);
      if (!reservation) throw new Error('refused');
      reservations.push({ user, reservation });
    }
    expect(reservations.map((r) => r.reservation.state.position)).toEqual([0, 0, 1, 2]);
    const done = reservations.map(({ user, reservation }) =>
      reservation.start((state) => {
        seen[user] = [...(seen[user] ?? []), state];
        if (state.phase === 'preparing') started.push(user);
      }),
    );
    await until('two runs at the gate', () => gates.length === 2);
    expect(started).toEqual(['a', 'b']);
    expect(runner.load).toEqual({ running: 2, queued: 2 });

    gates.shift()?.();
    await until('c to start', () => started.length === 3);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(seen.d?.map((s) => s.position).filter((p) => p !== undefined)).toEqual([1]);

    while (started.length < 4 || gates.length) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const finals = await Promise.all(done);
    expect(started).toEqual(users);
    expect(finals.map((s) => s.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(runner.load).toEqual({ running: 0, queued: 0 });
  });

  it('lets a person have one demo at a time', async () => {
    const runner = makeRunner(new MemorySandbox());
    const first = await runner.reserve('gated', 'alice');
    expect(await runner.reserve('failing', 'alice')).toBeUndefined();
    expect(runner.activeFor('alice')?.demoId).toBe('gated');
    expect(await runner.reserve('gated', 'bob')).toBeDefined();
    const done = first?.start(() => undefined);
    await until('the gate', () => gates.length > 0);
    expect(await runner.reserve('gated', 'alice')).toBeUndefined();
    gates.shift()?.();
    await done;
    expect(runner.activeFor('alice')).toBeUndefined();
    expect(await runner.reserve('gated', 'alice')).toBeDefined();
  });

  it("gives every container the limits and the run's labels, and removes it at the end", async () => {
    const sandbox = new MemorySandbox();
    const runner = makeRunner(sandbox);
    const before = Date.now();
    const done = (await runner.reserve('gated', 'alice'))?.start(() => undefined);
    await until('the gate', () => gates.length > 0);
    expect(sandbox.boxes.size).toBe(1);
    gates.shift()?.();
    const final = await done;
    const [spec] = sandbox.created;
    expect(spec).toEqual(
      expect.objectContaining({
        image: 'busybox:test',
        user: '65534:65534',
        memoryBytes: LIMITS.memoryBytes,
        pidsLimit: LIMITS.pidsLimit,
        nanoCpus: LIMITS.nanoCpus,
        name: `dx-${final?.runId}-box`,
        cmd: ['sleep', '15'],
      }),
    );
    expect(spec?.labels).toEqual({
      'docker-explainer.managed': 'true',
      'docker-explainer.instance': 'testinst',
      'docker-explainer.run': final?.runId,
      'docker-explainer.demo': 'gated',
      'docker-explainer.expires': expect.stringMatching(/^\d+$/),
    });
    const expires = Number(spec?.labels['docker-explainer.expires']);
    expect(expires).toBeGreaterThanOrEqual(before + 10_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 10_000);
    expect(sandbox.boxes.size).toBe(0);
  });

  it('marks a failing step ✗ with its reason, skips the rest, and still removes what the run made', async () => {
    const sandbox = new MemorySandbox();
    const final = await (await makeRunner(sandbox).reserve('failing', 'alice'))?.start(() => undefined);
    expect(final?.outcome).toBe('failed');
    expect(final?.steps.map((s) => s.status)).toEqual(['ok', 'failed', 'skipped']);
    expect(final?.steps[1]?.reason).toBe('the command exited with code 1');
    expect(sandbox.created).toHaveLength(2);
    expect(sandbox.boxes.size).toBe(0);
    expect(final?.leftovers).toBe(false);
  });

  it('stops a demo at its hard time limit and removes its containers', async () => {
    const sandbox = new MemorySandbox();
    const final = await (await makeRunner(sandbox, { timeLimitMs: 200 }).reserve('hanging', 'alice'))?.start(
      () => undefined,
    );
    expect(final?.outcome).toBe('failed');
    expect(final?.steps.map((s) => s.status)).toEqual(['ok', 'failed']);
    expect(final?.steps[1]?.reason).toMatch(/^Timed out: the demo ran past its 0.2 s limit/);
    expect(sandbox.created).toHaveLength(1);
    expect(sandbox.boxes.size).toBe(0);
  });

  it('says the sandbox is unavailable when the engine does not answer, and frees the person', async () => {
    const sandbox = new MemorySandbox();
    sandbox.down = true;
    const runner = makeRunner(sandbox);
    const final = await (await runner.reserve('gated', 'alice'))?.start(() => undefined);
    expect(final?.outcome).toBe('unavailable');
    expect(final?.problem).toMatch(/The demo sandbox is unavailable right now/);
    expect(final?.steps.every((s) => s.status === 'pending')).toBe(true);
    expect(sandbox.created).toHaveLength(0);
    expect(runner.activeFor('alice')).toBeUndefined();
  });

  it('on stop, cancels queued demos, stops running ones and cleans up, then refuses new ones', async () => {
    const sandbox = new MemorySandbox();
    const runner = makeRunner(sandbox, { concurrency: 1 });
    const running = (await runner.reserve('hanging', 'alice'))?.start(() => undefined);
    const queued = (await runner.reserve('gated', 'bob'))?.start(() => undefined);
    await until('the first container', () => sandbox.boxes.size === 1);
    await runner.stop();
    const [a, b] = await Promise.all([running, queued]);
    expect(a?.outcome).toBe('cancelled');
    expect(a?.steps[1]?.reason).toMatch(/the bot is restarting/);
    expect(b?.outcome).toBe('cancelled');
    expect(b?.steps.every((s) => s.status === 'pending')).toBe(true);
    expect(sandbox.boxes.size).toBe(0);
    await expect(runner.reserve('gated', 'carol')).rejects.toThrow(DemoCancelled);
  });

  it('on a stop with time to drain, lets a running demo finish, and stops one that runs past it', async () => {
    const sandbox = new MemorySandbox();
    const runner = makeRunner(sandbox, { concurrency: 2 });
    const finishing = (await runner.reserve('gated', 'alice'))?.start(() => undefined);
    const hanging = (await runner.reserve('hanging', 'bob'))?.start(() => undefined);
    await until('both containers', () => sandbox.boxes.size === 2);
    const began = Date.now();
    const stopped = runner.stop(300);
    expect(runner.closed).toBe(true);
    await expect(runner.reserve('gated', 'carol')).rejects.toThrow(DemoCancelled);
    for (const open of gates.splice(0)) open();
    expect((await finishing)?.outcome).toBe('ok');
    const cut = await hanging;
    expect(cut?.outcome).toBe('cancelled');
    await stopped;
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(sandbox.boxes.size).toBe(0);
  });

  it('gives a place back when its message could not be posted', async () => {
    const runner = makeRunner(new MemorySandbox(), { concurrency: 1 });
    const first = await runner.reserve('gated', 'a');
    const second = await runner.reserve('gated', 'b');
    expect(second?.state.position).toBe(1);
    first?.cancel();
    expect(runner.load.queued).toBe(1);
    expect((await runner.reserve('gated', 'a'))?.state.position).toBe(1);
  });
});

describe('DemoRunner with a gate shared by replicas', () => {
  /** Two runners (replicas) on one set of leases, with room for `capacity` demos on their engine. */
  function replicas(capacity: number, leases: DemoLeases = new MemoryDemoLeases()) {
    const sandbox = new MemorySandbox();
    return ['host-a', 'host-b'].map((holder) =>
      makeRunner(sandbox, {
        gate: new SharedDemoSlots({
          leases,
          engine: 'unix:///engine.sock',
          holder,
          capacity,
          logger: createLogger('error'),
        }),
      }),
    ) as [DemoRunner, DemoRunner];
  }

  it("keeps a demo queued while another replica's demos fill the engine, and starts it when one ends", async () => {
    const [a, b] = replicas(1);
    const started: string[] = [];
    const first = (await a.reserve('gated', 'alice'))?.start((s) => {
      if (s.phase === 'preparing') started.push('alice');
    });
    await until('alice at the gate', () => gates.length === 1);
    const second = (await b.reserve('gated', 'bob'))?.start((s) => {
      if (s.phase === 'preparing') started.push('bob');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toEqual(['alice']);
    expect(b.load).toEqual({ running: 0, queued: 1 });
    gates.shift()?.();
    await until('bob at the gate', () => gates.length === 1);
    expect(started).toEqual(['alice', 'bob']);
    gates.shift()?.();
    expect((await Promise.all([first, second])).map((s) => s?.outcome)).toEqual(['ok', 'ok']);
  });

  it('lets a person have one demo at a time across replicas', async () => {
    const [a, b] = replicas(4);
    const first = (await a.reserve('gated', 'alice'))?.start(() => undefined);
    expect(await b.reserve('gated', 'alice')).toBeUndefined();
    await until('the gate', () => gates.length === 1);
    gates.shift()?.();
    await first;
    expect(await b.reserve('gated', 'alice')).toBeDefined();
  });

  it('ends a queued demo with a plain sentence when the database cannot give it a slot', async () => {
    const leases = new MemoryDemoLeases();
    leases.start = () => Promise.reject(new StoreUnavailable('connect ECONNREFUSED'));
    const [a] = replicas(1, leases);
    const final = await (await a.reserve('gated', 'alice'))?.start(() => undefined);
    expect(final?.outcome).toBe('unavailable');
    expect(final?.problem).toMatch(/My database is not answering right now/);
    expect(a.activeFor('alice')).toBeUndefined();
    expect(await leases.live(new Date())).toEqual([]);
  });

  it("takes a slot on another engine when one's slots are all taken by other replicas, and counts each engine apart", async () => {
    const leases = new MemoryDemoLeases();
    const engines = ['tcp://sandbox-0:2376', 'tcp://sandbox-1:2376'].map((address) => ({
      address,
      sandbox: new MemorySandbox(),
    }));
    const [a, b] = ['host-a', 'host-b'].map(
      (holder) =>
        new DemoRunner({
          engines: new FixedEngines(
            engines.map(({ address, sandbox }) => ({
              address,
              sandbox,
              usable: true,
              saw: () => undefined,
              image: { ensure: async () => ({ ref: 'busybox:test', id: 'sha256:test' }) },
              capacity: new EngineCapacity(4),
            })),
          ),
          gate: new SharedDemoSlots({
            leases,
            engine: engines[0]?.address ?? '',
            holder,
            capacity: 1,
            logger: createLogger('error'),
          }),
          gateRetryMs: 10,
          catalogue,
          timeLimitMs: 10_000,
          instance: holder,
          logger: createLogger('error'),
        }),
    ) as [DemoRunner, DemoRunner];
    const alice = (await a.reserve('gated', 'alice'))?.start(() => undefined);
    await until('alice at the gate', () => gates.length === 1);
    // b's first choice is sandbox-0 as well (idle here, and first in turn), but a holds its one slot.
    const bob = (await b.reserve('gated', 'bob'))?.start(() => undefined);
    await until('bob at the gate', () => gates.length === 2);
    const running = (await leases.live(new Date())).filter((l) => l.running);
    expect(running.map((l) => [l.person, l.engine]).sort()).toEqual([
      ['alice', 'tcp://sandbox-0:2376'],
      ['bob', 'tcp://sandbox-1:2376'],
    ]);
    // Both engines are full across the replicas: carol waits, then gets the slot the first run to end frees.
    const carol = (await a.reserve('gated', 'carol'))?.start(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.load).toEqual({ running: 1, queued: 1 });
    gates.shift()?.();
    await until('carol at the gate', () => gates.length === 2);
    gates.shift()?.();
    gates.shift()?.();
    const finals = await Promise.all([alice, bob, carol]);
    expect(finals.map((s) => [s?.outcome, s?.address])).toEqual([
      ['ok', 'tcp://sandbox-0:2376'],
      ['ok', 'tcp://sandbox-1:2376'],
      ['ok', 'tcp://sandbox-0:2376'],
    ]);
  });
});
