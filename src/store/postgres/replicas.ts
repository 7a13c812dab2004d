import type { DemoLease, DemoLeases, LiveLease } from '../../demos/leases';
import { type CommandRateLimit, RATE_WINDOW_MS, waitFor } from '../../playground/rate';
import type { DeliveryLedger } from '../../transport';
import { iso } from '../rows';
import type { PgDatabase } from './database';

const SEEN_SQL = {
  take: 'INSERT INTO seen_events (event_id, seen_at) VALUES (@id, @at) ON CONFLICT (event_id) DO NOTHING',
  forget: 'DELETE FROM seen_events WHERE seen_at < @before',
} as const;

/**
 * Slack event ids claimed in the database (migration 8): the first replica to insert an id answers the event,
 * so a retry that Slack delivers to another replica is not answered again. Ids are kept for an hour, longer
 * than Slack retries.
 */
export class PgSeenEvents implements DeliveryLedger {
  private forgotAt = 0;

  constructor(
    private readonly db: PgDatabase,
    private readonly keepMs = 60 * 60 * 1000,
  ) {}

  async first(id: string, at: Date): Promise<boolean> {
    const taken = (await this.db.run(SEEN_SQL.take, { id, at: iso(at) })) === 1;
    if (at.getTime() - this.forgotAt > this.keepMs / 6) {
      this.forgotAt = at.getTime();
      await this.db.run(SEEN_SQL.forget, { before: iso(new Date(at.getTime() - this.keepMs)) });
    }
    return taken;
  }
}

interface LeaseRow {
  run_id: string;
  person: string;
  engine: string;
  holder: string;
  running: number;
  expires_at: string;
}

const LEASE_SQL = {
  lapsePerson: 'DELETE FROM demo_leases WHERE person = @person AND expires_at <= @at',
  lapseEngine: 'DELETE FROM demo_leases WHERE engine = @engine AND expires_at <= @at',
  hold: `INSERT INTO demo_leases (run_id, person, engine, holder, running, expires_at)
      VALUES (@runId, @person, @engine, @holder, @running, @expires) ON CONFLICT DO NOTHING`,
  get: 'SELECT running FROM demo_leases WHERE run_id = @runId',
  running: 'SELECT CAST(count(*) AS INTEGER) AS n FROM demo_leases WHERE engine = @engine AND running = 1',
  // The engine is decided when the run gets its slot (the least loaded one then), not when it was held.
  start: 'UPDATE demo_leases SET running = 1, engine = @engine, expires_at = @expires WHERE run_id = @runId',
  renew: 'UPDATE demo_leases SET expires_at = @expires WHERE holder = @holder AND expires_at > @at',
  release: 'DELETE FROM demo_leases WHERE run_id = @runId',
  live: 'SELECT * FROM demo_leases WHERE expires_at > @at ORDER BY run_id',
} as const;

const leaseParams = (lease: DemoLease, running: boolean, at: Date, ttlMs: number) => ({
  ...lease,
  running: Number(running),
  expires: iso(new Date(at.getTime() + ttlMs)),
});

/**
 * DemoLeases on Postgres (migration 8), shared by replicas. A person's lease is one row (the person is
 * unique); taking a slot counts the engine's running rows under an advisory lock on the engine, so two
 * replicas cannot both take its last slot. Expired rows are cleared before each decision.
 */
export class PgDemoLeases implements DemoLeases {
  constructor(private readonly db: PgDatabase) {}

  hold(lease: DemoLease, at: Date, ttlMs: number): Promise<boolean> {
    return this.db.transaction(
      async (tx) => {
        await tx.run(LEASE_SQL.lapsePerson, { person: lease.person, at: iso(at) });
        return (await tx.run(LEASE_SQL.hold, leaseParams(lease, false, at, ttlMs))) === 1;
      },
      [`demo person ${lease.person}`],
    );
  }

  start(lease: DemoLease, capacity: number, at: Date, ttlMs: number): Promise<boolean> {
    return this.db.transaction(
      async (tx) => {
        await tx.run(LEASE_SQL.lapseEngine, { engine: lease.engine, at: iso(at) });
        const found = await tx.get<{ running: number }>(LEASE_SQL.get, { runId: lease.runId });
        if (found?.running === 1) return true;
        const running = await tx.get<{ n: number }>(LEASE_SQL.running, { engine: lease.engine });
        if ((running?.n ?? 0) >= capacity) return false;
        const params = leaseParams(lease, true, at, ttlMs);
        if (found) return (await tx.run(LEASE_SQL.start, params)) === 1;
        await tx.run(LEASE_SQL.lapsePerson, { person: lease.person, at: iso(at) });
        return (await tx.run(LEASE_SQL.hold, params)) === 1;
      },
      [`demo engine ${lease.engine}`],
    );
  }

  async renew(holder: string, at: Date, ttlMs: number): Promise<void> {
    await this.db.run(LEASE_SQL.renew, { holder, at: iso(at), expires: iso(new Date(at.getTime() + ttlMs)) });
  }

  async release(runId: string): Promise<void> {
    await this.db.run(LEASE_SQL.release, { runId });
  }

  async live(at: Date): Promise<LiveLease[]> {
    return (await this.db.all<LeaseRow>(LEASE_SQL.live, { at: iso(at) })).map((row) => ({
      runId: row.run_id,
      person: row.person,
      engine: row.engine,
      holder: row.holder,
      running: row.running === 1,
      expiresAt: new Date(row.expires_at),
    }));
  }
}

const RATE_SQL = {
  recent: 'SELECT at FROM playground_commands WHERE owner = @owner AND at > @since ORDER BY at',
  count: 'INSERT INTO playground_commands (owner, at) VALUES (@owner, @at)',
  prune: 'DELETE FROM playground_commands WHERE at <= @since',
} as const;

/**
 * The playground's per-person command limit in the database replicas share (migration 11): each admitted
 * command is a row, and a person's count and insert run under their own advisory lock, so two replicas
 * answering the same person at once cannot both take the last command of the minute.
 */
export class PgCommandRate implements CommandRateLimit {
  constructor(private readonly db: PgDatabase) {}

  admit(owner: string, now: number, perMinute: number): Promise<number | undefined> {
    return this.db.transaction(
      async (tx) => {
        const rows = await tx.all<{ at: string }>(RATE_SQL.recent, {
          owner,
          since: iso(new Date(now - RATE_WINDOW_MS)),
        });
        const wait = waitFor(
          rows.map((row) => Date.parse(row.at)),
          now,
          perMinute,
        );
        if (wait === undefined) await tx.run(RATE_SQL.count, { owner, at: iso(new Date(now)) });
        return wait;
      },
      [`playground rate ${owner}`],
    );
  }

  async prune(now: number): Promise<void> {
    await this.db.run(RATE_SQL.prune, { since: iso(new Date(now - RATE_WINDOW_MS)) });
  }
}
