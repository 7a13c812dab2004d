import type { Logger } from '../ops/log';
import type { DeliveryLedger } from '../transport';

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

/** Whether this replica should handle an event: the first delivery of its id, here or on any replica. */
export type FirstDelivery = (eventId: string | undefined) => Promise<boolean>;

/**
 * Events are taken in this process's memory first (a repeat here costs no round trip), then, with replicas,
 * in the shared ledger. When the ledger cannot be reached, the event is answered: a rare double answer from
 * two replicas beats a question nobody answers.
 */
export function firstDelivery(
  shared: DeliveryLedger | undefined,
  logger: Logger,
  local = new SeenEvents(),
): FirstDelivery {
  return async (eventId) => {
    if (!local.first(eventId)) return false;
    if (!shared || !eventId) return true;
    try {
      return await shared.first(eventId, new Date());
    } catch (error) {
      logger.warn('could not claim the event in the database; answering it anyway', { eventId, error });
      return true;
    }
  };
}
