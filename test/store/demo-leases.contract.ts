import type { DemoLease, DemoLeases } from '../../src/demos/leases';

/** How a test reaches one DemoLeases implementation; `open` gives a new view of the same leases (a replica). */
export interface DemoLeasesBackend {
  open(): DemoLeases;
  cleanup(): void | Promise<void>;
}

const t0 = new Date('2026-01-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const TTL = 15_000;
const lease = (runId: string, person: string, over: Partial<DemoLease> = {}): DemoLease => ({
  runId,
  person,
  engine: 'unix:///engine-a.sock',
  holder: 'host-a',
  ...over,
});

/** The promises every DemoLeases keeps; test/store/memory/ and test/store/postgres/ run them. */
export function demoLeasesContract(makeBackend: () => DemoLeasesBackend | Promise<DemoLeasesBackend>): void {
  let backend: DemoLeasesBackend;
  beforeEach(async () => {
    backend = await makeBackend();
  });
  afterEach(() => backend.cleanup());

  it('holds one demo per person, across replicas, until it is released', async () => {
    const [a, b] = [backend.open(), backend.open()];
    expect(await a.hold(lease('r1', 'T:alice'), t0, TTL)).toBe(true);
    expect(await b.hold(lease('r2', 'T:alice', { holder: 'host-b' }), t0, TTL)).toBe(false);
    expect(await b.hold(lease('r3', 'T:bob', { holder: 'host-b' }), t0, TTL)).toBe(true);
    await a.release('r1');
    expect(await b.hold(lease('r4', 'T:alice', { holder: 'host-b' }), t0, TTL)).toBe(true);
  });

  it('counts a run on the engine it starts on, which may not be the one it was held with', async () => {
    const store = backend.open();
    const engineB = 'tcp://engine-b:2376';
    expect(await store.hold(lease('r1', 'T:u1'), t0, TTL)).toBe(true);
    expect(await store.hold(lease('r2', 'T:u2'), t0, TTL)).toBe(true);
    expect(await store.start(lease('r1', 'T:u1', { engine: engineB }), 1, t0, TTL)).toBe(true);
    // engine-b's one slot is taken by r1; the engine it was held with still has its own.
    expect(await store.start(lease('r2', 'T:u2', { engine: engineB }), 1, t0, TTL)).toBe(false);
    expect(await store.start(lease('r2', 'T:u2'), 1, t0, TTL)).toBe(true);
    const live = await store.live(t0);
    expect(live.map((l) => [l.runId, l.engine, l.running])).toEqual([
      ['r1', engineB, true],
      ['r2', 'unix:///engine-a.sock', true],
    ]);
  });

  it('runs at most `capacity` per engine across replicas, and frees a slot on release', async () => {
    const [a, b] = [backend.open(), backend.open()];
    const runs = ['r1', 'r2', 'r3'].map((id, i) =>
      lease(id, `T:u${i}`, { holder: i % 2 ? 'host-b' : 'host-a' }),
    );
    for (const run of runs) expect(await a.hold(run, t0, TTL)).toBe(true);
    const other = lease('x1', 'T:other', { engine: 'tcp://engine-b:2376' });
    expect(await b.hold(other, t0, TTL)).toBe(true);
    expect(await a.start(runs[0] as DemoLease, 2, t0, TTL)).toBe(true);
    expect(await b.start(runs[1] as DemoLease, 2, t0, TTL)).toBe(true);
    expect(await a.start(runs[2] as DemoLease, 2, t0, TTL)).toBe(false);
    expect(await b.start(other, 2, t0, TTL)).toBe(true);
    expect(await a.start(runs[0] as DemoLease, 2, t0, TTL)).toBe(true);
    await b.release('r2');
    expect(await a.start(runs[2] as DemoLease, 2, t0, TTL)).toBe(true);
    const live = await a.live(t0);
    expect(
      live
        .filter((l) => l.running)
        .map((l) => l.runId)
        .sort(),
    ).toEqual(['r1', 'r3', 'x1']);
  });

  it('gives one of several replicas the last slot when they ask at once', async () => {
    const replicas = [backend.open(), backend.open(), backend.open(), backend.open()];
    const runs = replicas.map((_, i) => lease(`r${i}`, `T:u${i}`, { holder: `host-${i}` }));
    for (const [i, replica] of replicas.entries()) await replica.hold(runs[i] as DemoLease, t0, TTL);
    const started = await Promise.all(replicas.map((r, i) => r.start(runs[i] as DemoLease, 1, t0, TTL)));
    expect(started.filter(Boolean)).toHaveLength(1);
  });

  it("lets a replica's leases lapse when it stops renewing them, and keeps a live one's", async () => {
    const [dead, live] = [backend.open(), backend.open()];
    await dead.hold(lease('d1', 'T:alice', { holder: 'dead' }), t0, TTL);
    await dead.start(lease('d1', 'T:alice', { holder: 'dead' }), 1, t0, TTL);
    const mine = lease('l1', 'T:bob', { holder: 'live' });
    await live.hold(mine, t0, TTL);
    expect(await live.start(mine, 1, later(TTL - 1000), TTL)).toBe(false);
    await live.renew('live', later(TTL - 1000), TTL);
    expect(await live.start(mine, 1, later(TTL), TTL)).toBe(true);
    expect(await live.hold(lease('d2', 'T:alice', { holder: 'live' }), later(TTL), TTL)).toBe(true);
    expect((await live.live(later(TTL))).map((l) => l.runId).sort()).toEqual(['d2', 'l1']);
    expect(await live.live(later(3 * TTL))).toEqual([]);
  });

  it('holds a run again when its lease lapsed before it got a slot', async () => {
    const leases = backend.open();
    const run = lease('r1', 'T:alice');
    await leases.hold(run, t0, TTL);
    expect(await leases.start(run, 1, later(2 * TTL), TTL)).toBe(true);
    await leases.hold(lease('r2', 'T:bob'), later(2 * TTL), TTL);
    expect(await leases.start(lease('r3', 'T:bob'), 2, later(2 * TTL), TTL)).toBe(false);
  });
}
