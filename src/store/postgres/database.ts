import pg from 'pg';
import { StoreError, StoreUnavailable } from '../../errors';
import { MIGRATIONS, type Migration, postgresSql } from '../migrations';
import { FORGET_TEAM_SQL, ownerPrefix } from '../sql';

/** Named parameters, as the statements in src/store/sql.ts take them. */
export type Params = Readonly<Record<string, unknown>>;

/** What a statement can run on: the pool, or one connection inside a transaction. */
export interface PgQueries {
  /** Every row. */
  all<R>(sql: string, params?: Params): Promise<R[]>;
  /** The first row, if any. */
  get<R>(sql: string, params?: Params): Promise<R | undefined>;
  /** How many rows the statement changed. */
  run(sql: string, params?: Params): Promise<number>;
}

export interface PgOptions {
  migrations?: readonly Migration[];
  /** Connections in the pool (default 10). */
  max?: number;
  /** How long to wait for a connection, and for a statement's answer, in ms (default 5000 and 15000). */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** Where the pool reports a connection that broke while idle (it is dropped and replaced). */
  onIdleError?: (error: Error) => void;
  /** The current workspace, bound to every statement's `@team` the caller does not name (src/tenancy.ts). */
  team?: () => string;
}

/**
 * The Postgres behind DATABASE_URL: a connection pool, the migrations of src/store/migrations.ts applied at
 * open under an advisory lock (replicas starting together migrate once), and statements with named
 * parameters. A connection problem after start-up becomes a StoreUnavailable, which transports turn into a
 * plain sentence; a statement Postgres rejects stays the error it was (a bug, logged in full).
 */
export class PgDatabase implements PgQueries {
  private lastProblem?: { at: string; reason: string };
  /** When the last statement failed for want of the database (ms): for a second after, callers fail fast. */
  private failedAt = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly pool: pg.Pool,
    /** Where the database is, without the password: for logs and /healthz. */
    readonly target: string,
    private readonly team: () => string = () => '',
  ) {}

  /** Connects, checks the schema's version and migrates; a problem throws a StoreError naming DATABASE_URL. */
  static async open(url: string, options: PgOptions = {}): Promise<PgDatabase> {
    const target = describeTarget(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      query_timeout: options.queryTimeoutMs ?? 15_000,
      idleTimeoutMillis: 30_000,
      application_name: 'docker-explainer',
    });
    // Without a listener, a connection that breaks while idle would end the process.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new PgDatabase(pool, target, options.team);
    try {
      await migrate(pool, options.migrations ?? MIGRATIONS);
      return db;
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StoreError) throw error;
      const reason = (error as Error).message || String(error);
      throw new StoreError(
        unavailable(error)
          ? `could not reach the database at DATABASE_URL (${target}): ${reason}`
          : `the database at DATABASE_URL (${target}) could not be prepared: ${reason}`,
        { cause: error },
      );
    }
  }

  all<R>(sql: string, params?: Params): Promise<R[]> {
    return this.attempt(() => this.pool.query(...statement(sql, params, this.team))).then(
      (r) => r.rows as R[],
    );
  }

  async get<R>(sql: string, params?: Params): Promise<R | undefined> {
    return (await this.all<R>(sql, params))[0];
  }

  run(sql: string, params?: Params): Promise<number> {
    return this.attempt(() => this.pool.query(...statement(sql, params, this.team))).then(
      (r) => r.rowCount ?? 0,
    );
  }

  /**
   * Runs `work` in one transaction on one connection, committed when it settles, rolled back when it throws.
   * `locks` are taken first (transaction-scoped advisory locks), so read-modify-writes on the same keys from
   * several replicas run one after another.
   */
  async transaction<T>(work: (tx: PgQueries) => Promise<T>, locks: readonly string[] = []): Promise<T> {
    const client = await this.attempt(() => this.pool.connect());
    let broken = false;
    try {
      const tx = transactionQueries(
        client,
        (error) => {
          broken ||= unavailable(error);
          return this.fail(error);
        },
        this.team,
      );
      await tx.run('BEGIN');
      for (const key of [...locks].sort())
        await tx.run('SELECT pg_advisory_xact_lock(hashtext(@key))', { key });
      const result = await work(tx);
      await tx.run('COMMIT');
      return result;
    } catch (error) {
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Deletes everything one workspace left (installation and rows in every table) in one transaction. */
  async forgetTeam(team: string): Promise<number> {
    return this.transaction(async (tx) => {
      let rows = 0;
      for (const sql of FORGET_TEAM_SQL) rows += await tx.run(sql, { team, ownerPrefix: ownerPrefix(team) });
      return rows;
    });
  }

  /** How the database last answered, for /healthz: `ok`, or `unavailable` since a failed statement. */
  health(): Record<string, unknown> {
    return {
      database: {
        kind: 'postgres',
        target: this.target,
        status: this.lastProblem ? 'unavailable' : 'ok',
        reason: this.lastProblem?.reason,
        failed_at: this.lastProblem?.at,
        connections: this.pool.totalCount,
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async attempt<T>(work: () => Promise<T>): Promise<T> {
    // While the database is down, one caller in a second waits for its timeout, not every caller.
    if (this.lastProblem && performance.now() - this.failedAt < FAIL_FAST_MS)
      throw new StoreUnavailable(this.lastProblem.reason);
    try {
      const result = await work();
      this.lastProblem = undefined;
      return result;
    } catch (error) {
      throw this.fail(error);
    }
  }

  private fail(error: unknown): unknown {
    if (error instanceof StoreUnavailable) return error;
    if (!unavailable(error)) return error;
    const reason = (error as Error).message || String(error);
    this.lastProblem = { at: new Date().toISOString(), reason };
    this.failedAt = performance.now();
    return new StoreUnavailable(reason, { cause: error });
  }
}

const FAIL_FAST_MS = 1000;

/** Statements on one connection (inside a transaction), with the same error mapping as the pool's. */
function transactionQueries(
  client: pg.PoolClient,
  fail: (error: unknown) => unknown,
  team: () => string,
): PgQueries {
  const query = async (sql: string, params?: Params) => {
    try {
      return await client.query(...statement(sql, params, team));
    } catch (error) {
      throw fail(error);
    }
  };
  return {
    all: async <R>(sql: string, params?: Params) => (await query(sql, params)).rows as R[],
    get: async <R>(sql: string, params?: Params) => (await query(sql, params)).rows[0] as R | undefined,
    run: async (sql: string, params?: Params) => (await query(sql, params)).rowCount ?? 0,
  };
}

const compiled = new Map<string, { text: string; names: string[] }>();

/**
 * `@name` parameters → `$1…` and the values in that order (each name once, however often it is used).
 * `@team`, when the params do not name it, is the current workspace.
 */
export function statement(sql: string, params: Params = {}, team?: () => string): [string, unknown[]] {
  let found = compiled.get(sql);
  if (!found) {
    const names: string[] = [];
    const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
      const at = names.indexOf(name);
      if (at >= 0) return `$${at + 1}`;
      names.push(name);
      return `$${names.length}`;
    });
    found = { text, names };
    compiled.set(sql, found);
  }
  return [
    found.text,
    found.names.map((name) => {
      if (name === 'team' && team && !Object.hasOwn(params, name)) return team();
      if (!Object.hasOwn(params, name)) throw new Error(`missing parameter @${name}`);
      return params[name];
    }),
  ];
}

/**
 * Whether an error means the database could not be reached or stopped answering (as opposed to refusing a
 * statement): a socket error, a timeout, or SQLSTATE class 08 (connection), 53 (resources), 57P (shutdown).
 */
export function unavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (/^(08|53|57P)/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /connection terminated|timeout exceeded when trying to connect|query read timeout|connection error|not queryable|pool after calling end/i.test(
    message,
  );
}

/** `host:port/database` of a postgres:// URL: where it is, never who or the password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** One advisory lock per schema, so replicas starting together migrate one after another. */
const MIGRATION_LOCK =
  "SELECT pg_advisory_lock(hashtext('docker-explainer migrations ' || current_schema()))";
const MIGRATION_UNLOCK =
  "SELECT pg_advisory_unlock(hashtext('docker-explainer migrations ' || current_schema()))";

async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(MIGRATION_LOCK);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      const newest = Math.max(0, ...applied);
      const known = Math.max(0, ...migrations.map((m) => m.version));
      if (newest > known)
        throw new StoreError(
          `the database at DATABASE_URL was written by a newer version of the app (schema ${newest}, this app knows ${known})`,
        );
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(postgresSql(migration));
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, new Date().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (unavailable(error)) throw error;
          throw new StoreError(
            `migration ${migration.version} (${migration.name}) failed on Postgres: ${(error as Error).message}`,
            { cause: error },
          );
        }
      }
    } finally {
      await client.query(MIGRATION_UNLOCK).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
