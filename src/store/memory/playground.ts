import type { PlaygroundRecord, PlaygroundStore } from '../../playground/store';

/**
 * The PlaygroundStore in memory: for unit tests and anything that needs a playground without a database.
 * It keeps every promise SqlitePlaygroundStore keeps (the same contract test runs against both).
 */
export class MemoryPlaygroundStore implements PlaygroundStore {
  constructor(readonly data = new Map<string, PlaygroundRecord>()) {}

  async get(owner: string): Promise<PlaygroundRecord | undefined> {
    const found = this.data.get(owner);
    return found && structuredClone(found);
  }

  async touch(owner: string, at: Date, engine?: string): Promise<PlaygroundRecord> {
    const found = this.data.get(owner);
    const record = found
      ? {
          ...found,
          commands: found.commands + 1,
          lastActiveAt: found.lastActiveAt < at ? at : found.lastActiveAt,
        }
      : { owner, createdAt: at, lastActiveAt: at, commands: 1, ...(engine === undefined ? {} : { engine }) };
    this.data.set(owner, record);
    return structuredClone(record);
  }

  async idleSince(cutoff: Date): Promise<PlaygroundRecord[]> {
    return [...this.data.values()]
      .filter((record) => record.lastActiveAt < cutoff)
      .sort(
        (a, b) =>
          a.lastActiveAt.getTime() - b.lastActiveAt.getTime() ||
          (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0),
      )
      .map((record) => structuredClone(record));
  }

  async forget(owner: string, ifIdleSince?: Date): Promise<boolean> {
    const found = this.data.get(owner);
    if (!found || (ifIdleSince && found.lastActiveAt >= ifIdleSince)) return false;
    return this.data.delete(owner);
  }
}
