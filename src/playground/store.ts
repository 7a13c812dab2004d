/**
 * What the playground keeps about people, as a port it owns: who has a playground and when they last used
 * it, for the idle expiry across restarts. What they have on the engine is not kept here: the engine's labels
 * are the truth about containers and images. Implementations live in src/store/ (SqlitePlaygroundStore,
 * postgres/PgPlaygroundStore, memory/MemoryPlaygroundStore); all pass test/store/playground-store.contract.ts.
 */
export interface PlaygroundStore {
  get(owner: string): Promise<PlaygroundRecord | undefined>;
  /**
   * Notes one command: creates the playground on first use (on `engine`), else moves its last use (never
   * backwards) and keeps the engine it has.
   */
  touch(owner: string, at: Date, engine?: string): Promise<PlaygroundRecord>;
  /** Playgrounds last used before `cutoff`, least recently used first. */
  idleSince(cutoff: Date): Promise<PlaygroundRecord[]>;
  /**
   * Forgets a playground (reset, expiry); false when there was none. With `ifIdleSince`, only when it was last
   * used before then, so a command that arrived meanwhile keeps it.
   */
  forget(owner: string, ifIdleSince?: Date): Promise<boolean>;
}

export interface PlaygroundRecord {
  /** Whose it is: `team:user`. */
  owner: string;
  createdAt: Date;
  lastActiveAt: Date;
  /** Commands run in it since it was created. */
  commands: number;
  /** The sandbox engine it lives on (its address); absent: the first engine (made before there were several). */
  engine?: string;
}
