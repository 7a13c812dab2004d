export const RATE_WINDOW_MS = 60_000;

/**
 * At most `perMinute` playground commands per person in any 60 seconds (a sliding window), as a port the
 * playground owns. CommandRate keeps it in this process (one process: a restart forgives, which is fine for
 * a limit that only keeps one person from hogging the engine); PgCommandRate keeps it in the database that
 * replicas share, so a person gets the same limit however the load balancer spreads their commands. Both pass
 * test/store/command-rate.contract.ts.
 */
export interface CommandRateLimit {
  /** Counts a command for `owner` at `now` (ms) when allowed; else the ms until one is, counting nothing. */
  admit(owner: string, now: number, perMinute: number): Promise<number | undefined>;
  /** Forgets commands older than the window, so what is kept does not grow with everyone who ever typed. */
  prune(now: number): Promise<void>;
}

/** How long until a command is allowed, given the times in the window (oldest first); undefined: now. */
export function waitFor(times: readonly number[], now: number, perMinute: number): number | undefined {
  if (times.length < perMinute) return undefined;
  return (times[times.length - perMinute] ?? now) + RATE_WINDOW_MS - now;
}

/** The limit in this process's memory. */
export class CommandRate implements CommandRateLimit {
  private readonly recent = new Map<string, number[]>();

  async admit(owner: string, now: number, perMinute: number): Promise<number | undefined> {
    const times = (this.recent.get(owner) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    const wait = waitFor(times, now, perMinute);
    if (wait === undefined) times.push(now);
    this.recent.set(owner, times);
    return wait;
  }

  async prune(now: number): Promise<void> {
    for (const [owner, times] of this.recent)
      if (!times.some((t) => t > now - RATE_WINDOW_MS)) this.recent.delete(owner);
  }
}
