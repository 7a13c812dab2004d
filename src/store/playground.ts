import type { Statement } from 'better-sqlite3';
import type { PlaygroundRecord, PlaygroundStore } from '../playground/store';
import { iso, type PlaygroundRow, toPlayground } from './rows';
import { PLAYGROUND_SQL } from './sql';
import { preparedStatements } from './statements';
import { Store } from './store';

/**
 * The PlaygroundStore on SQLite (migration 6), with the statements PgPlaygroundStore runs too. Times are
 * ISO 8601 in UTC, so they compare as text.
 */
export class SqlitePlaygroundStore implements PlaygroundStore {
  private readonly sql: (text: string) => Statement;

  constructor(store: Store) {
    this.sql = preparedStatements(Store.handle(store));
  }

  async get(owner: string): Promise<PlaygroundRecord | undefined> {
    const row = this.sql(PLAYGROUND_SQL.get).get({ owner }) as PlaygroundRow | undefined;
    return row && toPlayground(row);
  }

  async touch(owner: string, at: Date, engine?: string): Promise<PlaygroundRecord> {
    return toPlayground(
      this.sql(PLAYGROUND_SQL.touch).get({ owner, at: iso(at), engine: engine ?? null }) as PlaygroundRow,
    );
  }

  async idleSince(cutoff: Date): Promise<PlaygroundRecord[]> {
    return (this.sql(PLAYGROUND_SQL.idleSince).all({ cutoff: iso(cutoff) }) as PlaygroundRow[]).map(
      toPlayground,
    );
  }

  async forget(owner: string, ifIdleSince?: Date): Promise<boolean> {
    const result = ifIdleSince
      ? this.sql(PLAYGROUND_SQL.forgetIdle).run({ owner, cutoff: iso(ifIdleSince) })
      : this.sql(PLAYGROUND_SQL.forget).run({ owner });
    return result.changes === 1;
  }
}
