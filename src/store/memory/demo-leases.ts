import type { DemoLease, DemoLeases, LiveLease } from '../../demos/leases';

/**
 * DemoLeases in memory, keeping every promise PgDemoLeases keeps (the same contract test runs against both).
 * Several runners given one instance stand for replicas sharing a database.
 */
export class MemoryDemoLeases implements DemoLeases {
  private readonly leases = new Map<string, LiveLease>();

  async hold(lease: DemoLease, at: Date, ttlMs: number): Promise<boolean> {
    this.lapse(at);
    if ([...this.leases.values()].some((l) => l.person === lease.person)) return false;
    this.leases.set(lease.runId, { ...lease, running: false, expiresAt: new Date(at.getTime() + ttlMs) });
    return true;
  }

  async start(lease: DemoLease, capacity: number, at: Date, ttlMs: number): Promise<boolean> {
    this.lapse(at);
    const found = this.leases.get(lease.runId);
    if (found?.running) return true;
    const running = [...this.leases.values()].filter((l) => l.engine === lease.engine && l.running).length;
    if (running >= capacity) return false;
    if (!found && [...this.leases.values()].some((l) => l.person === lease.person)) return false;
    this.leases.set(lease.runId, { ...lease, running: true, expiresAt: new Date(at.getTime() + ttlMs) });
    return true;
  }

  async renew(holder: string, at: Date, ttlMs: number): Promise<void> {
    for (const [runId, lease] of this.leases)
      if (lease.holder === holder && lease.expiresAt > at)
        this.leases.set(runId, { ...lease, expiresAt: new Date(at.getTime() + ttlMs) });
  }

  async release(runId: string): Promise<void> {
    this.leases.delete(runId);
  }

  async live(at: Date): Promise<LiveLease[]> {
    this.lapse(at);
    return [...this.leases.values()].map((lease) => structuredClone(lease));
  }

  private lapse(at: Date): void {
    for (const [runId, lease] of this.leases) if (lease.expiresAt <= at) this.leases.delete(runId);
  }
}
