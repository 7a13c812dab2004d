import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';
import { FORGET_TEAM_SQL, ownerPrefix } from './sql';
import { bindingTeam } from './statements';

export const DB_FILE = 'docker-explainer.sqlite';

/**
 * The one place that opens the database: SQLite in DATA_DIR, WAL journal, migrations applied at open.
 * The stores in this folder (SqliteTipStore, SqliteAnswerLog…) take a Store and keep their SQL here.
 */
export class Store {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  /** The SQLite handle behind a Store: for the stores in src/store/ (and their tests) only. */
  static handle(store: Store): Database.Database {
    return store.db;
  }

  /**
   * Opens (creating if needed) the database in `dataDir`; a problem throws a StoreError saying what to fix.
   * `team` names the current workspace: every statement that says `@team` is bound to it (src/tenancy.ts).
   */
  static open(
    dataDir: string,
    migrations: readonly Migration[] = MIGRATIONS,
    team: () => string = () => '',
  ): Store {
    const file = path.join(dataDir, DB_FILE);
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.accessSync(dataDir, fs.constants.W_OK);
    } catch (error) {
      throw new StoreError(
        `DATA_DIR ${dataDir} is not a writable folder (${(error as NodeJS.ErrnoException).code})`,
        {
          cause: error,
        },
      );
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
      migrate(db, migrations);
      return new Store(bindingTeam(db, team), file);
    } catch (error) {
      db?.close();
      if (error instanceof StoreError) throw error;
      const reason = (error as Error).message;
      const hint = /not a database|malformed|integrity/i.test(reason)
        ? ' (the file is damaged or not SQLite: move it aside to start afresh, or restore a backup)'
        : '';
      throw new StoreError(`the database ${file} could not be opened: ${reason}${hint}`, { cause: error });
    }
  }

  get schemaVersion(): number {
    return (
      (this.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ??
      0
    );
  }

  /**
   * Deletes everything one workspace left (its installation and its rows in every table) in one transaction.
   * Returns how many rows went.
   */
  forgetTeam(team: string): number {
    return this.db.transaction(() =>
      FORGET_TEAM_SQL.reduce(
        (n, sql) => n + this.db.prepare(sql).run({ team, ownerPrefix: ownerPrefix(team) }).changes,
        0,
      ),
    )();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new StoreError(
      `the database was written by a newer version of the app (schema ${newest}, this app knows ${known})`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
}
