import type { PlaygroundRecord, PlaygroundStore } from '../../playground/store';
import { iso, type PlaygroundRow, toPlayground } from '../rows';
import { PLAYGROUND_SQL } from '../sql';
import type { PgDatabase } from './database';

/**
 * The PlaygroundStore on Postgres, shared by replicas: the statements SqlitePlaygroundStore runs. Each is one
 * statement, so a command noted through one replica and an expiry swept by another cannot undo each other
 * (the expiry forgets only a playground still idle).
 */
export class PgPlaygroundStore implements PlaygroundStore {
  constructor(private readonly db: PgDatabase) {}

  async get(owner: string): Promise<PlaygroundRecord | undefined> {
    const row = await this.db.get<PlaygroundRow>(PLAYGROUND_SQL.get, { owner });
    return row && toPlayground(row);
  }

  async touch(owner: string, at: Date, engine?: string): Promise<PlaygroundRecord> {
    return toPlayground(
      (await this.db.get<PlaygroundRow>(PLAYGROUND_SQL.touch, {
        owner,
        at: iso(at),
        engine: engine ?? null,
      })) as PlaygroundRow,
    );
  }

  async idleSince(cutoff: Date): Promise<PlaygroundRecord[]> {
    return (await this.db.all<PlaygroundRow>(PLAYGROUND_SQL.idleSince, { cutoff: iso(cutoff) })).map(
      toPlayground,
    );
  }

  async forget(owner: string, ifIdleSince?: Date): Promise<boolean> {
    const changed = ifIdleSince
      ? await this.db.run(PLAYGROUND_SQL.forgetIdle, { owner, cutoff: iso(ifIdleSince) })
      : await this.db.run(PLAYGROUND_SQL.forget, { owner });
    return changed === 1;
  }
}
