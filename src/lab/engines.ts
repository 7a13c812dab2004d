import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import { EngineHealth, type EngineStatus } from '../sandbox/health';
import type { ImageRef, Sandbox } from '../sandbox/types';
import { EngineCapacity } from './capacity';
import { DemoImage, type DemoImageOptions } from './image';
import { Janitor } from './janitor';

/** How often each engine of several is pinged, so one that stopped is avoided and one that is back is used. */
export const ENGINE_CHECK_MS = 3000;

/**
 * One sandbox engine with what works on it: its slots (DEMO_CONCURRENCY, shared by demos and playground
 * commands), the demo image made ready there, and whether it answers.
 */
export interface EngineLane {
  /** The engine's configured address (`tcp://host:port`, `unix:///path`): how engines are told apart. */
  readonly address: string;
  readonly sandbox: Sandbox;
  readonly image: { ensure(): Promise<ImageRef> };
  readonly capacity: EngineCapacity;
  /** Whether work may be sent there: it answered last time (or has not been asked yet). */
  readonly usable: boolean;
  /** Notes what work saw of the engine: it answered (with its version), or not (why). */
  saw(ok: boolean, error?: unknown, version?: string): void;
}

/** The engines work is spread over, as demos and the playground see them. */
export interface Engines {
  readonly lanes: readonly EngineLane[];
  /**
   * The engines that could take this work now, best first: those that answer (all of them when none does,
   * so the work fails as "unavailable" rather than waiting), least loaded first, ties taken in turn. A demo
   * needs a free slot there; a new playground only an engine.
   */
  ranked(work: 'demo' | 'playground'): EngineLane[];
  /** Notes that work went to `lane`: the next tie goes to the engine after it. */
  chose(lane: EngineLane): void;
  /** The best of `ranked(work)`, noted as chosen; undefined when none can take it. */
  pick(work: 'demo' | 'playground'): EngineLane | undefined;
  /** The engine at `address`; the first engine when `address` is undefined; undefined when it is not configured. */
  lane(address: string | undefined): EngineLane | undefined;
  /** Calls `listener` when an engine frees a slot or comes back. */
  onChange(listener: () => void): () => void;
  /** Calls `listener` when an engine that did not answer answers again. */
  onBack(listener: (lane: EngineLane) => void): () => void;
}

/** Picks among lanes: least loaded first, ties in turn starting after the last one chosen. */
class Picker {
  private turn = 0;
  private readonly listeners = new Set<() => void>();
  protected readonly backListeners = new Set<(lane: EngineLane) => void>();

  constructor(readonly lanes: readonly EngineLane[]) {
    for (const lane of lanes) lane.capacity.onFreed(() => this.changed());
  }

  ranked(work: 'demo' | 'playground'): EngineLane[] {
    const usable = this.lanes.filter((lane) => lane.usable);
    const n = this.lanes.length;
    const order = (lane: EngineLane) => (this.lanes.indexOf(lane) - this.turn + n) % n;
    return (usable.length > 0 ? usable : [...this.lanes])
      .filter((lane) => work === 'playground' || lane.capacity.canTake('demo'))
      .sort((a, b) => a.capacity.load - b.capacity.load || order(a) - order(b));
  }

  chose(lane: EngineLane): void {
    this.turn = (this.lanes.indexOf(lane) + 1) % this.lanes.length;
  }

  pick(work: 'demo' | 'playground'): EngineLane | undefined {
    const [best] = this.ranked(work);
    if (best) this.chose(best);
    return best;
  }

  lane(address: string | undefined): EngineLane | undefined {
    return address === undefined ? this.lanes[0] : this.lanes.find((lane) => lane.address === address);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onBack(listener: (lane: EngineLane) => void): () => void {
    this.backListeners.add(listener);
    return () => this.backListeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Lanes given as they are (tests, or a caller that manages health itself). */
export class FixedEngines extends Picker implements Engines {}

/** One engine that is always tried: what a runner or playground built around a single sandbox uses. */
export function oneEngine(parts: {
  sandbox: Sandbox;
  image: { ensure(): Promise<ImageRef> };
  capacity: EngineCapacity;
  address?: string;
}): Engines {
  return new FixedEngines([
    { address: parts.address ?? 'sandbox', usable: true, saw: () => undefined, ...parts },
  ]);
}

/** An engine to put in the pool: its client, its address and what is wrong with its settings, if anything. */
export interface EngineSpec {
  sandbox: Sandbox;
  address: string;
  /** How it is reached, for /healthz and logs (no key material). */
  describe?: string;
  /** Why its connection settings cannot work (a certificate missing): it is never used then. */
  problem?: string;
}

export interface EnginePoolOptions {
  engines: readonly EngineSpec[];
  /** DEMO_CONCURRENCY: slots per engine. */
  slots: number;
  /** The demo image to make ready on each engine. */
  image: Omit<DemoImageOptions, 'logger'>;
  janitorIntervalMs: number;
  /** Labels what this process creates (the janitors leave its live runs alone). */
  instance: string;
  logger: Logger;
  metrics?: AppMetrics;
  /** How often each engine is pinged when there are several (default ENGINE_CHECK_MS). */
  checkEveryMs?: number;
}

/** What /healthz shows of one engine. */
export interface EngineReport {
  address: string;
  describe: string;
  status: EngineStatus['status'];
  engine?: string;
  checked_at?: string;
  reason?: string;
  demo_image?: string;
  slots: number;
  in_use: number;
  queued: number;
}

/** One engine of the pool: its health, image and janitor as well as its slots. */
class PooledLane implements EngineLane {
  readonly address: string;
  readonly describe: string;
  readonly sandbox: Sandbox;
  readonly image: DemoImage;
  readonly capacity: EngineCapacity;
  readonly health: EngineHealth;
  readonly janitor: Janitor;
  readonly problem?: string;
  checking = false;

  /** Set by the pool: called when the engine's status changes. */
  onTurn: (lane: PooledLane, from: EngineStatus['status']) => void = () => undefined;

  constructor(spec: EngineSpec, options: EnginePoolOptions) {
    this.address = spec.address;
    this.describe = spec.describe ?? spec.address;
    this.sandbox = spec.sandbox;
    this.problem = spec.problem;
    this.capacity = new EngineCapacity(options.slots);
    const logger = options.logger;
    this.health = new EngineHealth(spec.sandbox, options.metrics, {
      address: this.address,
      onChange: (from) => this.onTurn(this, from),
    });
    this.image = new DemoImage(spec.sandbox, { ...options.image, logger });
    this.janitor = new Janitor(spec.sandbox, {
      intervalMs: options.janitorIntervalMs,
      instance: options.instance,
      logger,
      onSweep: ({ ok, error }) => this.saw(ok, error),
    });
  }

  get usable(): boolean {
    return !this.problem && this.health.status !== 'unavailable';
  }

  saw(ok: boolean, error?: unknown, version?: string): void {
    this.health.record(ok, version, error);
  }

  /** Pings the engine and notes the answer (one ping at a time); never throws. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    await this.health.check().catch(() => undefined);
    this.checking = false;
  }
}

/**
 * Every sandbox engine (DOCKER_HOSTS, or the one of DOCKER_HOST), one lane each: its own DEMO_CONCURRENCY
 * slots, demo image, janitor and health. With several engines each is pinged every few seconds besides what
 * work sees: one that stops answering gets no new work, and one that answers again gets its image made ready
 * and its leftovers swept, then work again. A single engine is never avoided: work tries it and says it is
 * unavailable, as before there could be several.
 */
export class EnginePool extends Picker implements Engines {
  declare readonly lanes: readonly PooledLane[];
  private timer?: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(private readonly options: EnginePoolOptions) {
    super(options.engines.map((spec) => new PooledLane(spec, options)));
    this.logger = options.logger;
    for (const lane of this.lanes) lane.onTurn = (turned, from) => this.turned(turned, from);
  }

  /** Starts the janitors and, with several engines, the pings; `warmUp` makes the image ready on each now. */
  start(options: { warmUp: boolean }): void {
    for (const lane of this.lanes) {
      lane.janitor.start();
      if (lane.problem) {
        // One line at start-up that names the variable; this engine is then never used.
        lane.saw(false, new Error(lane.problem));
        this.logger.error('the sandbox settings are wrong: this engine gets no demos until they are fixed', {
          engine: lane.describe,
          reason: lane.problem,
        });
      } else if (options.warmUp) void this.warmUp(lane);
    }
    if (this.lanes.length > 1) {
      this.timer = setInterval(() => {
        for (const lane of this.lanes) if (!lane.problem) void lane.check();
      }, this.options.checkEveryMs ?? ENGINE_CHECK_MS);
      this.timer.unref();
    }
  }

  /** Stops the pings and the janitors (waiting for a sweep under way). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.lanes.map((lane) => lane.janitor.stop()));
  }

  /** Each engine as /healthz shows it; a few seconds old at most (a ping refreshes it in the background). */
  report(): EngineReport[] {
    return this.lanes.map((lane) => {
      const status = lane.problem ? lane.health.known : lane.health.current();
      return {
        address: lane.address,
        describe: lane.describe,
        status: status.status,
        engine: status.engine,
        checked_at: status.checkedAt,
        reason: status.reason,
        demo_image: lane.image.ready?.ref,
        slots: lane.capacity.slots,
        in_use: lane.capacity.inUse,
        queued: lane.capacity.queued,
      };
    });
  }

  private turned(lane: PooledLane, from: EngineStatus['status']): void {
    const to = lane.health.status;
    if (to === 'unavailable' && !lane.problem && this.lanes.length > 1)
      this.logger.warn('a sandbox engine stopped answering: new work goes to the others', {
        engine: lane.describe,
        reason: lane.health.known.reason,
      });
    if (to === 'ok' && from === 'unavailable') {
      if (this.lanes.length > 1)
        this.logger.info('a sandbox engine answers again: it gets work again', { engine: lane.describe });
      lane.image.ensure().catch(() => undefined);
      void lane.janitor.sweep();
      for (const listener of this.backListeners) listener(lane);
    }
    this.changed();
  }

  private async warmUp(lane: PooledLane): Promise<void> {
    try {
      const version = await lane.health.check();
      const image = await lane.image.ensure();
      this.logger.info('sandbox ready', { engine: version, address: lane.describe, image: image.ref });
    } catch (error) {
      lane.saw(false, error);
      const words = error instanceof Error ? error.message : String(error);
      this.logger.warn('sandbox not ready at start-up (demos will say so, explanations work)', {
        address: lane.describe,
        reason: words,
      });
    }
  }
}
