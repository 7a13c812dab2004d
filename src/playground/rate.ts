const WINDOW_MS = 60_000;

/**
 * At most `perMinute` commands per person in any 60 seconds (a sliding window), kept in memory: a restart
 * forgives, which is fine for a limit that only keeps one person from hogging the engine.
 */
export class CommandRate {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Counts a command for `owner` at `now` (ms) when allowed; else the ms until one is, counting nothing. */
  admit(owner: string, now: number): number | undefined {
    const times = (this.recent.get(owner) ?? []).filter((t) => t > now - WINDOW_MS);
    if (times.length >= this.perMinute) {
      this.recent.set(owner, times);
      return (times[0] ?? now) + WINDOW_MS - now;
    }
    times.push(now);
    this.recent.set(owner, times);
    return undefined;
  }

  /** Drops people with nothing in the window, so the map does not grow with everyone who ever typed. */
  prune(now: number): void {
    for (const [owner, times] of this.recent)
      if (!times.some((t) => t > now - WINDOW_MS)) this.recent.delete(owner);
  }
}
