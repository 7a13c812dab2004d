import type { CommandRateLimit } from '../../src/playground/rate';

/**
 * The playground's per-person command limit: at most so many commands in any 60 seconds, then how long to wait.
 * test/playground/rate.test.ts runs it on CommandRate (one process), test/store/postgres/replicas.test.ts on
 * PgCommandRate (replicas sharing a database).
 */
export function commandRateContract(
  make: () => Promise<{ rate: CommandRateLimit; cleanup(): Promise<void> }>,
) {
  let rate: CommandRateLimit;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ rate, cleanup } = await make());
  });
  afterEach(() => cleanup());

  it('admits so many commands in any minute, then says how long to wait', async () => {
    expect(await rate.admit('T1:a', 0, 2)).toBeUndefined();
    expect(await rate.admit('T1:a', 10_000, 2)).toBeUndefined();
    expect(await rate.admit('T1:a', 20_000, 2)).toBe(40_000);
    // A refused command is not counted: the wait is still from the first one.
    expect(await rate.admit('T1:a', 30_000, 2)).toBe(30_000);
    expect(await rate.admit('T1:b', 20_000, 2)).toBeUndefined();
    expect(await rate.admit('T1:a', 60_001, 2)).toBeUndefined();
    expect(await rate.admit('T1:a', 60_002, 2)).toBe(9_998);
  });

  it('forgets what is older than the window when pruned, keeping what is in it', async () => {
    expect(await rate.admit('T1:a', 0, 1)).toBeUndefined();
    expect(await rate.admit('T1:b', 50_000, 1)).toBeUndefined();
    await rate.prune(70_000);
    expect(await rate.admit('T1:a', 70_000, 1)).toBeUndefined();
    expect(await rate.admit('T1:b', 70_000, 1)).toBe(40_000);
  });
}
