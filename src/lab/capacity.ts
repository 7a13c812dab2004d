/** What takes a slot on the engine: a whole demo run, or one playground command. */
export type EngineWork = 'demo' | 'playground';

/** Gives a slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
}

/**
 * How much work runs on the sandbox engine at once (DEMO_CONCURRENCY slots), shared by demos and playground
 * commands so that neither can overload the engine. Demos come first: a freed slot goes to a waiting demo
 * before any playground command, and playground commands never hold the last slot when there are two or
 * more, so a busy playground cannot starve demos (a playground command is short and has its own time limit,
 * a demo may not be). Among playground commands, first come first served.
 */
export class EngineCapacity {
  private readonly busy: Record<EngineWork, number> = { demo: 0, playground: 0 };
  private readonly waiting: Waiter[] = [];
  private readonly freed = new Set<() => void>();
  /** At most this many playground commands at once. */
  readonly playgroundSlots: number;

  constructor(readonly slots: number) {
    this.playgroundSlots = Math.max(1, slots - 1);
  }

  /** Slots in use now. */
  get inUse(): number {
    return this.busy.demo + this.busy.playground;
  }

  /** Playground commands waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Calls `listener` each time a slot is given back, before waiting playground commands get it. */
  onFreed(listener: () => void): () => void {
    this.freed.add(listener);
    return () => this.freed.delete(listener);
  }

  /** Whether `tryTake(work)` would give a slot now. */
  canTake(work: EngineWork): boolean {
    if (!this.free(work)) return false;
    return work === 'demo' || this.waiting.length === 0; // no jumping the line
  }

  /** How busy the engine is: work holding or waiting for a slot, per slot. */
  get load(): number {
    return (this.inUse + this.waiting.length) / this.slots;
  }

  /** A slot now, when one is free for this kind of work; undefined otherwise. */
  tryTake(work: EngineWork): Release | undefined {
    return this.canTake(work) ? this.hold(work) : undefined;
  }

  /** Waits in line for a playground slot; rejects with the signal's reason when it is aborted first. */
  take(signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    const now = this.tryTake('playground');
    if (now) return Promise.resolve(now);
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private free(work: EngineWork): boolean {
    if (this.inUse >= this.slots) return false;
    return work === 'demo' || this.busy.playground < this.playgroundSlots;
  }

  private hold(work: EngineWork): Release {
    this.busy[work]++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.busy[work]--;
      for (const listener of this.freed) listener();
      while (this.waiting.length > 0 && this.free('playground')) {
        const next = this.waiting.shift();
        next?.grant(this.hold('playground'));
      }
    };
  }
}
