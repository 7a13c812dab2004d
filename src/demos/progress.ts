import type { Message } from '../message';
import type { Logger } from '../ops/log';
import type { Posted } from '../transport';

/** Least time between two edits of one message, so a burst of demos stays inside Slack's rate limits. */
const MIN_INTERVAL_MS = 250;

/**
 * Keeps one posted message in step with a demo. Edits go out one at a time and in order; while one is on
 * its way, newer states replace each other and only the latest is sent. When the transport allows only a
 * few edits (a response_url), one is kept for the final state and the others are spread out over the run.
 */
export class ProgressMessage {
  private latest: Message | undefined;
  private final = false;
  private used = 0;
  private sending: Promise<void> | undefined;
  private lastSentAt = 0;
  private readonly spacingMs: number;

  constructor(
    private readonly posted: Posted,
    private readonly logger: Logger,
    /** How long a run may take, to spread a limited number of edits over it. */
    expectedMs: number,
  ) {
    const budget = posted.maxUpdates;
    this.spacingMs =
      budget === undefined ? MIN_INTERVAL_MS : Math.max(MIN_INTERVAL_MS, expectedMs / Math.max(1, budget));
  }

  /** Shows this state next; `final` marks the last one, which is always sent. */
  show(message: Message, final = false): void {
    if (this.final) return;
    this.latest = message;
    this.final = final;
    this.sending ??= this.drain().finally(() => {
      this.sending = undefined;
    });
  }

  /** Settles once the latest state has been sent (or dropped, when nothing more may be sent). */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async drain(): Promise<void> {
    while (this.latest) {
      const budget = this.posted.maxUpdates;
      const left = budget === undefined ? Number.POSITIVE_INFINITY : budget - this.used;
      if (left <= 0) {
        this.latest = undefined;
        return;
      }
      if (!this.final) {
        // With one edit left, keep it for the final state.
        if (left === 1) return;
        const wait = this.lastSentAt + this.spacingMs - Date.now();
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
      }
      const message = this.latest;
      this.latest = undefined;
      this.used++;
      this.lastSentAt = Date.now();
      try {
        await this.posted.update(message);
      } catch (error) {
        this.logger.warn('could not update a demo message', { error });
      }
    }
  }
}
