import type { PlaygroundStore } from '../../src/playground/store';

/** How a test reaches one PlaygroundStore implementation: `open` as a (re)started process would. */
export interface PlaygroundStoreBackend {
  open(): PlaygroundStore;
  /** Drops the store last opened, as a crash would. */
  crash(): void;
  cleanup(): void | Promise<void>;
}

const t0 = new Date('2026-11-29T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** The promises every PlaygroundStore keeps; the SQLite, memory and Postgres tests run them. */
export function playgroundStoreContract(
  makeBackend: () => PlaygroundStoreBackend | Promise<PlaygroundStoreBackend>,
): void {
  let backend: PlaygroundStoreBackend;
  beforeEach(async () => {
    backend = await makeBackend();
  });
  afterEach(() => backend.cleanup());

  it('creates a playground on first use and counts commands, surviving a restart', async () => {
    const store = backend.open();
    expect(await store.get('T1:U1')).toBeUndefined();
    expect(await store.touch('T1:U1', t0)).toEqual({
      owner: 'T1:U1',
      createdAt: t0,
      lastActiveAt: t0,
      commands: 1,
    });
    await store.touch('T1:U1', later(5));
    backend.crash();
    expect(await backend.open().get('T1:U1')).toEqual({
      owner: 'T1:U1',
      createdAt: t0,
      lastActiveAt: later(5),
      commands: 2,
    });
  });

  it('never moves the last use backwards (commands finishing out of order)', async () => {
    const store = backend.open();
    await store.touch('T1:U1', later(10));
    const record = await store.touch('T1:U1', later(3));
    expect(record.lastActiveAt).toEqual(later(10));
    expect(record.commands).toBe(2);
  });

  it('lists idle playgrounds, least recently used first, and keeps people apart', async () => {
    const store = backend.open();
    await store.touch('T1:U2', later(2));
    await store.touch('T1:U1', later(1));
    await store.touch('T2:U1', later(40));
    expect((await store.idleSince(later(30))).map((r) => r.owner)).toEqual(['T1:U1', 'T1:U2']);
    expect(await store.idleSince(later(1))).toEqual([]);
  });

  it('forgets a playground, but not one used since the idle cutoff', async () => {
    const store = backend.open();
    await store.touch('T1:U1', t0);
    await store.touch('T1:U2', t0);
    await store.touch('T1:U2', later(31));
    expect(await store.forget('T1:U1', later(30))).toBe(true);
    expect(await store.forget('T1:U2', later(30))).toBe(false);
    expect(await store.get('T1:U2')).toBeDefined();
    expect(await store.forget('T1:U2')).toBe(true);
    expect(await store.forget('T1:U2')).toBe(false);
    expect(await store.idleSince(later(100))).toEqual([]);
  });

  it('keeps the engine a playground was made on, whatever later commands say (migration 10)', async () => {
    const store = backend.open();
    expect(await store.touch('T1:U1', t0, 'tcp://sandbox-1:2376')).toEqual(
      expect.objectContaining({ engine: 'tcp://sandbox-1:2376', commands: 1 }),
    );
    expect((await store.touch('T1:U1', later(1), 'tcp://sandbox-0:2376')).engine).toBe(
      'tcp://sandbox-1:2376',
    );
    await store.touch('T1:U2', t0);
    backend.crash();
    const reopened = backend.open();
    expect((await reopened.get('T1:U1'))?.engine).toBe('tcp://sandbox-1:2376');
    // Made before engines were recorded: none, which means the first engine.
    expect(await reopened.get('T1:U2')).not.toHaveProperty('engine');
    expect((await reopened.idleSince(later(5))).map((r) => r.engine)).toEqual([
      undefined,
      'tcp://sandbox-1:2376',
    ]);
  });

  it('hands out copies: changing a returned record changes nothing stored', async () => {
    const store = backend.open();
    const record = await store.touch('T1:U1', t0);
    record.commands = 99;
    record.lastActiveAt.setTime(0);
    expect(await store.get('T1:U1')).toEqual(expect.objectContaining({ commands: 1, lastActiveAt: t0 }));
  });
}
