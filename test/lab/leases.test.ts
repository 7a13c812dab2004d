import { StoreUnavailable } from '../../src/errors';
import { type DemoLeases, SharedCommandSlots } from '../../src/lab/leases';
import { createLogger } from '../../src/ops/log';
import { MemoryDemoLeases } from '../../src/store/memory/demo-leases';
import { PgDemoLeases } from '../../src/store/postgres/replicas';
import { describeWithPostgres, openTestDatabase } from '../helpers/postgres';

const ENGINE = 'tcp://sandbox-0:2376';
const logger = createLogger('error');
const wait = (ms: number) => AbortSignal.timeout(ms);

/** Two replicas' playgrounds (and a demo) taking one engine's slots in the same leases. */
function sharedSlotsContract(make: () => Promise<{ leases: DemoLeases; cleanup(): Promise<void> }>) {
  let leases: DemoLeases;
  let cleanup: () => Promise<void>;
  let a: SharedCommandSlots;
  let b: SharedCommandSlots;
  beforeEach(async () => {
    ({ leases, cleanup } = await make());
    const replica = (holder: string) =>
      new SharedCommandSlots({ leases, holder, ttlMs: 30_000, retryMs: 20, logger });
    [a, b] = [replica('replica-a'), replica('replica-b')];
  });
  afterEach(() => cleanup());

  it("counts commands on an engine across replicas, leaving a demo's last slot free", async () => {
    // Three slots on the engine: playground commands get two of them, across both replicas.
    const first = await a.take(ENGINE, 'T1:U1', 2, wait(1000));
    const second = await b.take(ENGINE, 'T1:U2', 2, wait(1000));
    await expect(a.take(ENGINE, 'T1:U3', 2, wait(300))).rejects.toThrow();
    // The third slot is still there for a demo.
    const demo = { runId: 'demo-1', person: 'T1:U9', engine: ENGINE, holder: 'replica-b' };
    expect(await leases.hold(demo, new Date(), 15_000)).toBe(true);
    expect(await leases.start(demo, 3, new Date(), 15_000)).toBe(true);
    // A waiting command runs only while a slot stays free for a demo: a command given back is not enough
    // while the demo runs (two of three taken), the demo ending is.
    let ran = false;
    const third = a.take(ENGINE, 'T1:U3', 2, wait(2000)).then((release) => {
      ran = true;
      return release;
    });
    await first();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran).toBe(false);
    await leases.release('demo-1');
    const release = await third;
    expect((await leases.live(new Date())).filter((l) => l.running)).toHaveLength(2);
    await Promise.all([second(), release()]);
    expect(await leases.live(new Date())).toEqual([]);
  });

  it("runs one person's commands one at a time across replicas", async () => {
    const mine = await a.take(ENGINE, 'T1:U1', 5, wait(1000));
    let second = false;
    const next = b.take(ENGINE, 'T1:U1', 5, wait(2000)).then((release) => {
      second = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(second).toBe(false);
    await mine();
    await (await next)();
    expect(second).toBe(true);
  });

  it('gives up when the wait is over, leaving no lease behind', async () => {
    const held = await a.take(ENGINE, 'T1:U1', 1, wait(1000));
    await expect(b.take(ENGINE, 'T1:U2', 1, wait(200))).rejects.toThrow();
    await held();
    expect(await leases.live(new Date())).toEqual([]);
  });
}

describe('SharedCommandSlots on MemoryDemoLeases', () => {
  sharedSlotsContract(async () => ({ leases: new MemoryDemoLeases(), cleanup: async () => undefined }));
});

describeWithPostgres('SharedCommandSlots on PgDemoLeases', () => {
  sharedSlotsContract(async () => {
    const { db, cleanup } = await openTestDatabase();
    return { leases: new PgDemoLeases(db), cleanup };
  });
});

describe('SharedCommandSlots with the database down', () => {
  it("lets the command run in this replica's own slot, and says so in the log", async () => {
    const down = () => Promise.reject(new StoreUnavailable('connect ECONNREFUSED 127.0.0.1:5432'));
    const leases: DemoLeases = { hold: down, start: down, renew: down, release: down, live: down };
    const lines: string[] = [];
    const slots = new SharedCommandSlots({
      leases,
      holder: 'replica-a',
      ttlMs: 30_000,
      logger: createLogger('warn', {
        write: (line: string) => lines.push(line),
      } as unknown as NodeJS.WritableStream),
    });
    const release = await slots.take(ENGINE, 'T1:U1', 1, wait(1000));
    await release();
    expect(lines.join('')).toMatch(/shared engine slots did not answer/);
  });
});
