import type Database from 'better-sqlite3';
import type { PgQueries } from './postgres/database';
import { iso } from './rows';
import { Store } from './store';

/**
 * Where the app is installed (migration 9): one sealed blob per workspace, or per org for an org-wide
 * install. The blob is opaque here; src/slack/installations.ts seals and opens it.
 */
export interface InstallationTable {
  put(key: InstallationKey, sealed: string, at: Date): Promise<void>;
  get(key: InstallationKey): Promise<string | undefined>;
  remove(key: InstallationKey): Promise<void>;
}

/** A workspace install: enterpriseId ''. An org-wide install: teamId ''. */
export interface InstallationKey {
  enterpriseId: string;
  teamId: string;
}

export const INSTALLATION_SQL = {
  put: `INSERT INTO slack_installations (enterprise_id, team_id, sealed, installed_at)
      VALUES (@enterpriseId, @teamId, @sealed, @at)
      ON CONFLICT (enterprise_id, team_id) DO UPDATE SET sealed = excluded.sealed, installed_at = excluded.installed_at`,
  get: 'SELECT sealed FROM slack_installations WHERE enterprise_id = @enterpriseId AND team_id = @teamId',
  remove: 'DELETE FROM slack_installations WHERE enterprise_id = @enterpriseId AND team_id = @teamId',
} as const;

export class SqliteInstallations implements InstallationTable {
  private readonly db: Database.Database;

  constructor(store: Store) {
    this.db = Store.handle(store);
  }

  async put(key: InstallationKey, sealed: string, at: Date): Promise<void> {
    this.db.prepare(INSTALLATION_SQL.put).run({ ...key, sealed, at: iso(at) });
  }

  async get(key: InstallationKey): Promise<string | undefined> {
    return (this.db.prepare(INSTALLATION_SQL.get).get({ ...key }) as { sealed: string } | undefined)?.sealed;
  }

  async remove(key: InstallationKey): Promise<void> {
    this.db.prepare(INSTALLATION_SQL.remove).run({ ...key });
  }
}

export class PgInstallations implements InstallationTable {
  constructor(private readonly db: PgQueries) {}

  async put(key: InstallationKey, sealed: string, at: Date): Promise<void> {
    await this.db.run(INSTALLATION_SQL.put, { ...key, sealed, at: iso(at) });
  }

  async get(key: InstallationKey): Promise<string | undefined> {
    return (await this.db.get<{ sealed: string }>(INSTALLATION_SQL.get, { ...key }))?.sealed;
  }

  async remove(key: InstallationKey): Promise<void> {
    await this.db.run(INSTALLATION_SQL.remove, { ...key });
  }
}
