import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../ops/log';

/** A person's demo run (or playground command), as replicas sharing a database see it. */
export interface DemoLease {
  runId: string;
  /** Who asked (`team:user`): one live lease each. */
  person: string;
  /** The engine it runs on (its DOCKER_HOST): the capacity is counted per engine. */
  engine: string;
  /** The replica holding it (INSTANCE_ID), which renews it while it lives. */
  holder: string;
}

export interface LiveLease extends DemoLease {
  running: boolean;
  expiresAt: Date;
}

/**
 * Engine leases (named for demos, which came first; playground commands take them too, see
 * SharedCommandSlots): one per person at a time, at most `capacity` running per
 * engine, and each one lapsing at its expiry unless its holder renews it, so a replica killed mid-demo frees
 * what it held. PgDemoLeases shares them between replicas; MemoryDemoLeases stands for it in tests. Both pass
 * test/store/demo-leases.contract.ts.
 */
export interface DemoLeases {
  /** Takes the person's one lease for a run, holding no slot yet; false when they have a live one. */
  hold(lease: DemoLease, at: Date, ttlMs: number): Promise<boolean>;
  /**
   * Gives a run a slot on its engine if fewer than `capacity` live leases run there; whether it did. A run
   * whose hold lapsed meanwhile is held again first (false if its person has another lease by now).
   */
  start(lease: DemoLease, capacity: number, at: Date, ttlMs: number): Promise<boolean>;
  /** Moves the expiry of every lease `holder` has to `at + ttlMs`. */
  renew(holder: string, at: Date, ttlMs: number): Promise<void>;
  release(runId: string): Promise<void>;
  /** Leases not yet expired at `at`. */
  live(at: Date): Promise<LiveLease[]>;
}

export interface SharedCommandSlotsOptions {
  leases: DemoLeases;
  /** This replica (INSTANCE_ID); its playground leases are held as `<holder>/try`, apart from its demos'. */
  holder: string;
  /** How long a command's lease lives: longer than a command can run (it is not renewed). */
  ttlMs: number;
  /** When no slot is free, ask again this much later (ms; default 250). */
  retryMs?: number;
  logger: Logger;
  clock?: () => Date;
}

/**
 * Playground commands' slots on an engine across replicas sharing a database, in the leases demos take: a
 * command holds its person's one `try:` lease (so one person's commands run one at a time across replicas)
 * and runs once fewer than `capacity` leases run on its engine, demos and commands together. Given one slot
 * fewer than the engine has, a command never takes an engine's last free slot: one stays for a demo. A
 * lease is not renewed: it outlives the command's time limit, and lapses if the replica dies. When the
 * database does not answer, the command goes on with this replica's own slot only (logged).
 */
export class SharedCommandSlots {
  constructor(private readonly options: SharedCommandSlotsOptions) {}

  /**
   * Waits for a slot on `engine` for `owner`'s command; resolves to what gives it back. Rejects with the
   * signal's reason when it is aborted first.
   */
  async take(
    engine: string,
    owner: string,
    capacity: number,
    signal: AbortSignal,
  ): Promise<() => Promise<void>> {
    const { leases, holder, ttlMs, logger } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    const lease = { runId: randomUUID(), person: `try:${owner}`, engine, holder: `${holder}/try` };
    const release = async () => {
      await leases.release(lease.runId).catch((error: unknown) => {
        logger.warn('could not release a playground lease; it lapses on its own', { engine, error });
      });
    };
    let held = false;
    try {
      for (;;) {
        signal.throwIfAborted();
        held ||= await leases.hold(lease, clock(), ttlMs);
        if (held && (await leases.start(lease, capacity, clock(), ttlMs))) return release;
        await sleep(this.options.retryMs ?? 250, undefined, { signal });
      }
    } catch (error) {
      if (held) await release();
      if (signal.aborted) throw signal.reason;
      logger.warn('the shared engine slots did not answer; this command counts in this replica only', {
        engine,
        error,
      });
      return async () => undefined;
    }
  }
}
