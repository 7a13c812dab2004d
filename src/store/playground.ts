import type { Statement } from 'better-sqlite3';
import type { PlaygroundRecord, PlaygroundStore } from '../playground/store';
import { preparedStatements } from './statements';
import { Store } from './store';

interface Row {
  owner: string;
  created_at: string;
  last_active_at: string;
  commands: number;
}

const toRecord = (row: Row): PlaygroundRecord => ({
  owner: row.owner,
  createdAt: new Date(row.created_at),
  lastActiveAt: new Date(row.last_active_at),
  commands: row.commands,
});

/** The PlaygroundStore on SQLite (migration 6). Times are ISO 8601 in UTC, so they compare as text. */
export class SqlitePlaygroundStore implements PlaygroundStore {
  private readonly sql: (text: string) => Statement;

  constructor(store: Store) {
    this.sql = preparedStatements(Store.handle(store));
  }

  async get(owner: string): Promise<PlaygroundRecord | undefined> {
    const row = this.sql('SELECT * FROM playgrounds WHERE owner = ?').get(owner) as Row | undefined;
    return row && toRecord(row);
  }

  async touch(owner: string, at: Date): Promise<PlaygroundRecord> {
    const row = this.sql(
      `INSERT INTO playgrounds (owner, created_at, last_active_at, commands) VALUES (@owner, @at, @at, 1)
         ON CONFLICT (owner) DO UPDATE SET commands = playgrounds.commands + 1,
           last_active_at = CASE WHEN playgrounds.last_active_at < @at THEN @at ELSE playgrounds.last_active_at END
         RETURNING *`,
    ).get({ owner, at: at.toISOString() }) as Row;
    return toRecord(row);
  }

  async idleSince(cutoff: Date): Promise<PlaygroundRecord[]> {
    return (
      this.sql('SELECT * FROM playgrounds WHERE last_active_at < ? ORDER BY last_active_at, owner').all(
        cutoff.toISOString(),
      ) as Row[]
    ).map(toRecord);
  }

  async forget(owner: string, ifIdleSince?: Date): Promise<boolean> {
    const result = ifIdleSince
      ? this.sql('DELETE FROM playgrounds WHERE owner = ? AND last_active_at < ?').run(
          owner,
          ifIdleSince.toISOString(),
        )
      : this.sql('DELETE FROM playgrounds WHERE owner = ?').run(owner);
    return result.changes === 1;
  }
}
