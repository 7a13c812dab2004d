import type { DemoLease, DemoLeases } from '../lab/leases';
import type { Logger } from '../ops/log';
import type { DemoGate } from './runner';

// The lease port is the lab's (src/lab/leases.ts), shared by demos and playground commands.
export type { DemoLease, DemoLeases, LiveLease } from '../lab/leases';

export interface SharedSlotsOptions {
  leases: DemoLeases;
  /** The engine a run is held for until it gets a slot, where the runner names the engine it chose. */
  engine: string;
  holder: string;
  /** Demos running at once on the engine, across every replica (DEMO_CONCURRENCY). */
  capacity: number;
  /** How long a lease lives without renewal (default 15 s); it is renewed every third of that. */
  ttlMs?: number;
  logger: Logger;
  clock?: () => Date;
}

/**
 * The runner's gate over shared leases: holds the person, takes an engine slot, lets both go, and renews this
 * replica's leases while it has any. If the database stops answering, renewals fail (logged) and the leases
 * lapse: a slot is never held forever.
 */
export class SharedDemoSlots implements DemoGate {
  /** This replica's live leases, by run. */
  private readonly held = new Map<string, DemoLease>();
  private readonly ttlMs: number;
  private readonly clock: () => Date;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SharedSlotsOptions) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.clock = options.clock ?? (() => new Date());
  }

  async hold(runId: string, person: string): Promise<boolean> {
    const { leases, engine, holder } = this.options;
    const lease = { runId, person, engine, holder };
    if (!(await leases.hold(lease, this.clock(), this.ttlMs))) return false;
    this.held.set(runId, lease);
    this.timer ??= setInterval(() => void this.renew(), this.ttlMs / 3).unref();
    return true;
  }

  async take(runId: string, engine?: string): Promise<boolean> {
    const held = this.held.get(runId);
    if (!held) return false;
    const lease = { ...held, engine: engine ?? held.engine };
    if (!(await this.options.leases.start(lease, this.options.capacity, this.clock(), this.ttlMs)))
      return false;
    this.held.set(runId, lease);
    return true;
  }

  async free(runId: string): Promise<void> {
    this.held.delete(runId);
    if (this.held.size === 0) this.stop();
    try {
      await this.options.leases.release(runId);
    } catch (error) {
      this.options.logger.warn('could not release a demo lease; it lapses on its own', { runId, error });
    }
  }

  /** Stops renewing (at shutdown; what is still held lapses). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<void> {
    try {
      await this.options.leases.renew(this.options.holder, this.clock(), this.ttlMs);
    } catch (error) {
      this.options.logger.warn('could not renew demo leases', { error });
    }
  }
}
