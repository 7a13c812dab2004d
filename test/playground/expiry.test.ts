import { EngineCapacity } from '../../src/lab/capacity';
import { DemoImage } from '../../src/lab/image';
import { Janitor } from '../../src/lab/janitor';
import { JANITOR_GRACE_MS } from '../../src/lab/policy';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import { PLAYGROUND_LIFETIME_MS, PlaygroundService } from '../../src/playground/service';
import type { ContainerClient, ImageClient, Sandbox } from '../../src/sandbox/types';
import { MemoryPlaygroundStore } from '../../src/store/memory/playground';
import { containersLabelled, describeWithDocker, imagesLabelled } from '../helpers/docker-engine';
import { realSandbox } from '../helpers/sandbox';

const text = (message: Message) => JSON.stringify(message.blocks);
const mine = (owner: string) => ({ 'docker-explainer.owner': owner });

/**
 * The idle expiry and the crash backstops, on a real engine with a clock the test moves: a playground unused
 * for PLAYGROUND_IDLE_MINUTES is removed, one in use is not, objects whose owner has no playground on record
 * are removed, and the janitor removes anything past its four-hour expiry label.
 */
describeWithDocker('playground expiry', () => {
  const sandbox = realSandbox();
  const logger = createLogger('error');
  const store = new MemoryPlaygroundStore();
  let now = Date.now();
  const options = {
    sandbox,
    image: new DemoImage(sandbox, { image: 'busybox:1.36.1', busyboxPath: '/bin/busybox', logger }),
    demoImage: 'busybox:1.36.1',
    capacity: new EngineCapacity(2),
    store,
    config: {
      idleMs: 30 * 60_000,
      maxContainers: 3,
      maxImages: 3,
      commandsPerMinute: 100,
      timeLimitMs: 5000,
    },
    instance: 'expiry-test',
    logger,
    sweepIntervalMs: 60_000,
    now: () => now,
  };
  const playground = new PlaygroundService(options);
  /** The engine as a janitor sees it, limited to one owner's objects. */
  const onlyOf = (owner: string): Sandbox => ({
    ping: (signal) => sandbox.ping(signal),
    containers: Object.assign(Object.create(sandbox.containers) as ContainerClient, {
      list: (labels: Record<string, string>, signal?: AbortSignal) =>
        sandbox.containers.list({ ...labels, ...mine(owner) }, signal),
    }),
    images: Object.assign(Object.create(sandbox.images) as ImageClient, {
      list: (labels: Record<string, string>, signal?: AbortSignal) =>
        sandbox.images.list({ ...labels, ...mine(owner) }, signal),
    }),
  });
  const owners = ['T0EXP:U0IDLE', 'T0EXP:U0BUSY', 'T0EXP:U0ELSEWHERE', 'T0EXP:U0CRASH'];

  afterAll(async () => {
    for (const owner of owners) await playground.reset(owner);
    await playground.stop();
    for (const owner of owners) {
      expect(await containersLabelled(mine(owner))).toEqual([]);
      expect(await imagesLabelled(mine(owner))).toEqual([]);
    }
  }, 30_000);

  it('removes a playground idle for PLAYGROUND_IDLE_MINUTES, and keeps one in use', async () => {
    for (const owner of ['T0EXP:U0IDLE', 'T0EXP:U0BUSY']) {
      expect(text(await playground.answer(owner, 'run -d --name web busybox sleep 600'))).toMatch(
        /[0-9a-f]{64}/,
      );
      expect(text(await playground.answer(owner, 'commit web keep:1'))).toContain('sha256:');
    }
    now += 20 * 60_000;
    await playground.answer('T0EXP:U0BUSY', 'ps');
    now += 11 * 60_000; // idle: 31 minutes; busy: 11
    await playground.sweep();

    expect(await containersLabelled(mine('T0EXP:U0IDLE'))).toEqual([]);
    expect(await imagesLabelled(mine('T0EXP:U0IDLE'))).toEqual([]);
    expect(await store.get('T0EXP:U0IDLE')).toBeUndefined();
    expect(await containersLabelled(mine('T0EXP:U0BUSY'))).toHaveLength(1);
    expect(await imagesLabelled(mine('T0EXP:U0BUSY'))).toHaveLength(1);
    expect(text(await playground.answer('T0EXP:U0IDLE', 'ps -a'))).not.toContain('web');
  }, 30_000);

  it('leaves alone what owners it has no record of (another deployment on the same engine) to the janitor', async () => {
    const elsewhere = new PlaygroundService({ ...options, store: new MemoryPlaygroundStore() });
    await elsewhere.answer('T0EXP:U0ELSEWHERE', 'run -d --name web busybox sleep 600');
    now += 60 * 60_000;
    await playground.sweep();
    expect(await containersLabelled(mine('T0EXP:U0ELSEWHERE'))).toHaveLength(1);
    expect(await containersLabelled(mine('T0EXP:U0BUSY'))).toEqual([]);
    await elsewhere.reset('T0EXP:U0ELSEWHERE');
    await elsewhere.stop();
  }, 30_000);

  it('labels everything to expire within four hours, so the janitor removes it if the bot never comes back', async () => {
    await playground.answer('T0EXP:U0CRASH', 'run -d --name web busybox sleep 600');
    await playground.answer('T0EXP:U0CRASH', 'commit web keep:1');
    const [container] = await containersLabelled(mine('T0EXP:U0CRASH'));
    const expires = Number(container?.Labels['docker-explainer.expires']);
    expect(expires).toBe(now + PLAYGROUND_LIFETIME_MS);

    // Janitors that see only this owner's objects: other tests share the engine, and their objects expire too.
    const early = new Janitor(onlyOf('T0EXP:U0CRASH'), {
      intervalMs: 60_000,
      logger,
      now: () => expires - 1000,
    });
    await early.sweep();
    expect(await containersLabelled(mine('T0EXP:U0CRASH'))).toHaveLength(1);
    const late = new Janitor(onlyOf('T0EXP:U0CRASH'), {
      intervalMs: 60_000,
      logger,
      now: () => expires + JANITOR_GRACE_MS + 1,
    });
    const swept = await late.sweep();
    expect(swept.containers).toBeGreaterThanOrEqual(1);
    expect(await containersLabelled(mine('T0EXP:U0CRASH'))).toEqual([]);
    expect(await imagesLabelled(mine('T0EXP:U0CRASH'))).toEqual([]);
  }, 30_000);
});
