import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { describeTarget, PgDatabase, type PgOptions } from '../../src/store/postgres/database';
import { describeNeeding } from './needs';

/**
 * Tests that need a real Postgres: the server TEST_DATABASE_URL names (a postgres:// URL to a database the
 * tests may create schemas in; .ci/run starts one). Each test gets a schema of its own, so files running side
 * by side, and runs after one another, never see each other's rows.
 */

export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

let available: boolean | undefined;

/** Whether TEST_DATABASE_URL answers (checked once, synchronously, so test files can decide what to run). */
export function postgresAvailable(): boolean {
  const url = testDatabaseUrl();
  if (!url) return false;
  if (available === undefined) {
    const script = `const pg = require('pg'); const c = new pg.Client({ connectionString: process.env.URL,
      connectionTimeoutMillis: 3000 }); c.connect().then(() => c.query('SELECT 1')).then(() => c.end())
      .then(() => process.exit(0), () => process.exit(1));`;
    available =
      spawnSync(process.execPath, ['-e', script], {
        cwd: path.join(__dirname, '..', '..'),
        env: { ...process.env, URL: url },
        timeout: 10_000,
      }).status === 0;
  }
  return available;
}

const where = () => {
  const url = testDatabaseUrl();
  return url ? describeTarget(url) : 'TEST_DATABASE_URL is not set';
};

const BANNER = () => `
######################################################################################
##  POSTGRES TESTS SKIPPED: no Postgres answered (${where()})
##  The Postgres stores and the replica tests did NOT run.
##  Set TEST_DATABASE_URL=postgres://user@127.0.0.1:port/db (.ci/run starts a server),
##  or REQUIRE_POSTGRES=1 to make this a failure (CI does).
######################################################################################
`;

/**
 * `describe` for tests that need Postgres. Without one they are skipped with a loud banner, unless
 * REQUIRE_POSTGRES=1 (CI), where the missing server fails the suite instead.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  describeNeeding(
    {
      what: 'Postgres',
      available: postgresAvailable,
      requireVariable: 'REQUIRE_POSTGRES',
      failure: () => `REQUIRE_POSTGRES=1 but no Postgres answers (${where()})`,
      banner: BANNER,
    },
    name,
    body,
  );
}

export interface TestSchema {
  name: string;
  /** TEST_DATABASE_URL with this schema as the search path: give it to the app as DATABASE_URL. */
  url: string;
  /** Runs one statement as the test (outside the app), in this schema. */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A new empty schema on the test server. */
export async function freshSchema(prefix = 'dx'): Promise<TestSchema> {
  const base = testDatabaseUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name}`);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`CREATE SCHEMA ${name}`);
  return {
    name,
    url: url.toString(),
    query: async (sql, params) => (await client.query(sql, params)).rows,
    async drop() {
      await client.query(`DROP SCHEMA ${name} CASCADE`).catch(() => undefined);
      await client.end();
    },
  };
}

/** A PgDatabase on a fresh schema (migrated), and how to be rid of both. */
export async function openTestDatabase(
  options: PgOptions = {},
): Promise<{ db: PgDatabase; schema: TestSchema; cleanup(): Promise<void> }> {
  const schema = await freshSchema();
  const db = await PgDatabase.open(schema.url, options);
  return {
    db,
    schema,
    async cleanup() {
      await db.close().catch(() => undefined);
      await schema.drop();
    },
  };
}
