/**
 * Event ids already handled, so a delivery Slack retries (`X-Slack-Retry-Num`, same `event_id`) is answered
 * once. Kept in memory for longer than Slack's retry window, bounded in size.
 */
export class SeenEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
    /** Called for each repeat that is dropped (counted as `dx_events_dropped_total`). */
    private readonly onRepeat: () => void = () => undefined,
  ) {}

  /** True the first time an id is offered (within the time to live); false for repeats. */
  first(id: string | undefined): boolean {
    if (!id) return true;
    const now = this.now();
    for (const [key, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size < this.max) break;
      this.seen.delete(key);
    }
    if (this.seen.has(id)) {
      this.onRepeat();
      return false;
    }
    this.seen.set(id, now);
    return true;
  }
}
