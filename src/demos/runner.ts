import { randomBytes } from 'node:crypto';
import {
  AppError,
  DemoCancelled,
  DemoStepFailed,
  DemoTimedOut,
  describeForUser,
  SandboxRefused,
  SandboxUnavailable,
} from '../errors';
import type { EngineCapacity, Release } from '../lab/capacity';
import { type EngineLane, type Engines, oneEngine } from '../lab/engines';
import { SandboxSession } from '../lab/session';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import type { ImageRef, Sandbox } from '../sandbox/types';
import type { DemoCatalogue } from './catalogue';
import type { RunState } from './run-state';

export interface RunnerOptions {
  /**
   * The sandbox engines, each with its slots (shared with playground commands) and demo image; demos beyond
   * their slots wait in one FIFO queue. Without it, the one engine of `sandbox`, `demoImage` and `capacity`.
   */
  engines?: Engines;
  sandbox?: Sandbox;
  /** Makes the demo image ready (pull or build) and names it. */
  demoImage?: { ensure(): Promise<ImageRef> };
  catalogue: DemoCatalogue;
  /** The engine's slots, shared with playground commands; demos beyond them wait in a FIFO queue. */
  capacity?: EngineCapacity;
  /** The hard limit per demo, from its first step; then its containers are killed. */
  timeLimitMs: number;
  /** Labels this process's runs, so its janitor and tests can tell them apart. */
  instance: string;
  /** Admission shared with other processes (replicas on one database); without one, the limits above are all. */
  gate?: DemoGate;
  /** When the gate had no slot free, ask it again this much later (ms; default 250). */
  gateRetryMs?: number;
  logger: Logger;
  metrics?: AppMetrics;
  /** A monotonic clock for timings (ms). */
  now?: () => number;
  /** Wall-clock time (Unix ms) for the deadline label the janitor reads. */
  wallClock?: () => number;
}

export type RunListener = (state: RunState) => void;

/**
 * Admission shared by every process that runs demos on the same engine (replicas sharing a database): one
 * demo per person, and at most the engine's capacity running, across all of them.
 */
export interface DemoGate {
  /** Holds a person's one demo for a run; false when they have one waiting or running elsewhere. */
  hold(runId: string, person: string): Promise<boolean>;
  /**
   * Gives a held run one of `engine`'s slots (default: the engine it was held for); false while every slot
   * there is taken (the runner asks again).
   */
  take(runId: string, engine?: string): Promise<boolean>;
  /** Lets go of a run's hold and slot. It never throws: what it could not free lapses on its own. */
  free(runId: string): Promise<void>;
}

/** A place in the queue, taken before the demo's message is posted, so no one can jump it meanwhile. */
export interface Reservation {
  /** The state when reserved (queued, with its place in line). */
  readonly state: RunState;
  /** Lets the demo run when its turn comes, reporting every change; settles once it ended and cleaned up. */
  start(listener: RunListener): Promise<RunState>;
  /** Gives the place up (the demo's message could not be posted). */
  cancel(): void;
}

interface Ticket {
  userKey: string;
  state: RunState;
  released: boolean;
  listener?: RunListener;
  controller: AbortController;
  /** Gives its engine slot back, once it has one. */
  release?: Release;
  /** The engine it runs on, once admitted. */
  lane?: EngineLane;
  done: Promise<RunState>;
  settle: (state: RunState) => void;
}

/**
 * Runs catalogue demos on the sandbox. It owns everything a demo must not be able to forget: the concurrency
 * limit and FIFO queue, one demo per person, the hard time limit, the labels and limits on every container
 * (through SandboxSession), and removing what each run created, whether it succeeded or not.
 */
export class DemoRunner {
  private readonly waiting: Ticket[] = [];
  private readonly running = new Set<Ticket>();
  private readonly byUser = new Map<string, Ticket>();
  private readonly now: () => number;
  private readonly wallClock: () => number;
  private isClosed = false;
  /** The gate is being asked for a slot (one question at a time, in queue order). */
  private admitting = false;
  private retryTimer?: NodeJS.Timeout;
  readonly engines: Engines;

  constructor(private readonly options: RunnerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.wallClock = options.wallClock ?? Date.now;
    this.engines = options.engines ?? singleEngine(options);
    this.engines.onChange(() => this.pump());
  }

  get load(): { running: number; queued: number } {
    return { running: this.running.size, queued: this.waiting.length };
  }

  /** Demos running on the engine at `address`. */
  runningOn(address: string): number {
    return [...this.running].filter((ticket) => ticket.lane?.address === address).length;
  }

  /** The demo a person has waiting or running, if any. */
  activeFor(userKey: string): RunState | undefined {
    const ticket = this.byUser.get(userKey);
    return ticket && snapshot(ticket.state);
  }

  /**
   * Queues a catalogue demo for a person; undefined when they already have one waiting or running, here or
   * (with a gate) on another replica.
   */
  async reserve(demoId: string, userKey: string): Promise<Reservation | undefined> {
    if (this.isClosed) throw new DemoCancelled();
    const entry = this.options.catalogue.get(demoId);
    if (!entry) throw new Error(`"${demoId}" is not in the catalogue`);
    if (this.byUser.has(userKey)) return undefined;

    let settle: (state: RunState) => void = () => undefined;
    const done = new Promise<RunState>((resolve) => {
      settle = resolve;
    });
    const ticket: Ticket = {
      userKey,
      released: false,
      controller: new AbortController(),
      done,
      settle,
      state: {
        runId: randomBytes(4).toString('hex'),
        demoId,
        phase: 'queued',
        steps: entry.demo.steps.map((step) => ({ title: step.title, status: 'pending' })),
      },
    };
    this.waiting.push(ticket);
    this.byUser.set(userKey, ticket);
    ticket.state.position = this.positionOf(ticket);
    const { gate } = this.options;
    if (gate) {
      let held = false;
      try {
        held = await gate.hold(ticket.state.runId, userKey);
      } finally {
        if (!held) this.drop(ticket);
      }
      if (!held) return undefined;
    }
    return {
      state: snapshot(ticket.state),
      start: (listener) => {
        ticket.listener = listener;
        ticket.released = true;
        this.pump();
        return ticket.done;
      },
      cancel: () => {
        if (ticket.released) return;
        this.drop(ticket);
        void gate?.free(ticket.state.runId);
      },
    };
  }

  /** Whether new demos are refused because the app is stopping. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Takes a ticket that never ran out of the queue. */
  private drop(ticket: Ticket): void {
    const at = this.waiting.indexOf(ticket);
    if (at >= 0) this.waiting.splice(at, 1);
    if (this.byUser.get(ticket.userKey) === ticket) this.byUser.delete(ticket.userKey);
    this.pump();
  }

  /** Ends a ticket that never ran: its person is told why, and its hold is let go. */
  private endWaiting(ticket: Ticket, outcome: 'cancelled' | 'unavailable', problem: string): void {
    this.drop(ticket);
    Object.assign(ticket.state, { phase: 'finished', outcome, position: undefined, problem });
    this.emit(ticket);
    ticket.settle(snapshot(ticket.state));
    void this.options.gate?.free(ticket.state.runId);
  }

  /**
   * Refuses new demos and tells queued people; demos still preparing are stopped. Running demos go on for up
   * to `drainMs` (each still within its own time limit), then are stopped. Settles once all have cleaned up.
   */
  async stop(drainMs = 0): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.retryTimer);
    for (const ticket of [...this.waiting])
      this.endWaiting(ticket, 'cancelled', describeForUser(new DemoCancelled()));
    const running = [...this.running];
    const cancel = (ticket: Ticket) => ticket.controller.abort(new DemoCancelled());
    for (const ticket of running) if (drainMs <= 0 || ticket.state.phase !== 'running') cancel(ticket);
    const cut = setTimeout(() => running.forEach(cancel), Math.max(0, drainMs));
    await Promise.all(running.map((ticket) => ticket.done));
    clearTimeout(cut);
  }

  /** 0 when a slot is free for it, else its place in line (counting the slots of engines that answer). */
  private positionOf(ticket: Ticket): number {
    const ahead = this.waiting.indexOf(ticket);
    const usable = this.engines.lanes.filter((lane) => lane.usable);
    const lanes = usable.length > 0 ? usable : this.engines.lanes;
    const inUse = lanes.reduce((sum, lane) => sum + lane.capacity.inUse, 0);
    const slots = lanes.reduce((sum, lane) => sum + lane.capacity.slots, 0);
    return Math.max(0, inUse + ahead + 1 - slots);
  }

  private pump(): void {
    if (this.options.gate) void this.admit(this.options.gate);
    else
      for (;;) {
        const ticket = this.waiting.find((t) => t.released);
        if (!ticket) break;
        const lane = this.engines.pick('demo');
        const release = lane?.capacity.tryTake('demo');
        if (!lane || !release) break;
        this.begin(ticket, lane, release);
      }
    this.reposition();
  }

  private begin(ticket: Ticket, lane: EngineLane, release: Release): void {
    this.waiting.splice(this.waiting.indexOf(ticket), 1);
    ticket.release = release;
    ticket.lane = lane;
    ticket.state.address = lane.address;
    this.running.add(ticket);
    this.options.metrics?.engineDemosStarted.inc({ engine: lane.address });
    void this.execute(ticket);
  }

  /**
   * Starts queued demos, in order, as slots come: a slot on the least loaded engine in this process (shared
   * with playground commands), then one of that engine's slots across replicas from the gate (the next
   * engine when its slots are all taken elsewhere). When the gate has none, the local slot goes back and the
   * gate is asked again a little later (a slot frees when a demo ends on any replica, or when a dead
   * replica's lease lapses).
   */
  private async admit(gate: DemoGate): Promise<void> {
    if (this.admitting) return;
    this.admitting = true;
    clearTimeout(this.retryTimer);
    try {
      admitting: while (!this.closed) {
        const ticket = this.waiting.find((t) => t.released);
        if (!ticket) break;
        const lanes = this.engines.ranked('demo');
        if (lanes.length === 0) break; // a slot given back here pumps again
        for (const lane of lanes) {
          const release = lane.capacity.tryTake('demo');
          if (!release) continue;
          let taken: boolean;
          try {
            taken = await gate.take(ticket.state.runId, lane.address);
          } catch (error) {
            release();
            this.options.logger.warn('demo could not get a slot', { runId: ticket.state.runId, error });
            this.endWaiting(ticket, 'unavailable', describeForUser(error));
            continue admitting;
          }
          if (!this.waiting.includes(ticket)) {
            release();
            if (taken) await gate.free(ticket.state.runId);
            continue admitting;
          }
          if (taken) {
            this.engines.chose(lane);
            this.begin(ticket, lane, release);
            continue admitting;
          }
          release();
        }
        this.retryTimer = setTimeout(() => void this.admit(gate), this.options.gateRetryMs ?? 250);
        break;
      }
    } finally {
      this.admitting = false;
    }
    this.reposition();
  }

  /** Tells queued people their new place, and records the load. */
  private reposition(): void {
    for (const ticket of this.waiting) {
      const position = this.positionOf(ticket);
      if (position !== ticket.state.position) {
        ticket.state.position = position;
        if (ticket.released) this.emit(ticket);
      }
    }
    const { metrics } = this.options;
    metrics?.demosRunning.set(this.running.size);
    metrics?.demosQueued.set(this.waiting.length);
    if (metrics)
      for (const lane of this.engines.lanes) {
        metrics.engineDemosRunning.set(this.runningOn(lane.address), { engine: lane.address });
        metrics.engineSlotsInUse.set(lane.capacity.inUse, { engine: lane.address });
      }
  }

  private emit(ticket: Ticket): void {
    try {
      ticket.listener?.(snapshot(ticket.state));
    } catch (error) {
      this.options.logger.warn('a progress listener failed', { runId: ticket.state.runId, error });
    }
  }

  private async execute(ticket: Ticket): Promise<void> {
    const { catalogue, timeLimitMs, instance, logger } = this.options;
    const { state, controller } = ticket;
    const lane = ticket.lane as EngineLane;
    const { sandbox } = lane;
    const signal = controller.signal;
    const entry = catalogue.get(state.demoId);
    let context: SandboxSession | undefined;
    let timer: NodeJS.Timeout | undefined;
    const began = this.now();
    try {
      state.phase = 'preparing';
      state.position = undefined;
      this.emit(ticket);
      if (!entry) throw new Error(`"${state.demoId}" is not in the catalogue`);
      state.engine = (await sandbox.ping(signal)).version;
      lane.saw(true, undefined, state.engine);
      const image = await untilAborted(lane.image.ensure(), signal);
      state.image = image.ref;

      state.phase = 'running';
      const identity = {
        sessionId: state.runId,
        purpose: state.demoId,
        instance,
        expiresAt: this.wallClock() + timeLimitMs,
      };
      context = new SandboxSession(sandbox, { image, identity, lifetimeMs: timeLimitMs, signal });
      timer = setTimeout(() => controller.abort(new DemoTimedOut(timeLimitMs)), timeLimitMs);
      const started = this.now();
      const shared = entry.demo.init();
      for (const [i, step] of entry.demo.steps.entries()) {
        const view = state.steps[i];
        if (!view) break;
        view.status = 'running';
        this.emit(ticket);
        const stepStarted = this.now();
        try {
          view.shown = await untilAborted(step.run(context, shared), signal);
          view.status = 'ok';
        } catch (error) {
          if (error instanceof SandboxUnavailable) lane.saw(false, error);
          view.status = 'failed';
          view.reason = this.reasonFor(error, state.runId, step.title);
          state.outcome = signal.reason instanceof DemoCancelled ? 'cancelled' : 'failed';
          state.problem = view.reason;
          for (const rest of state.steps.slice(i + 1)) rest.status = 'skipped';
          break;
        } finally {
          view.ms = this.now() - stepStarted;
          state.elapsedMs = this.now() - started;
          this.emit(ticket);
        }
      }
    } catch (error) {
      if (error instanceof SandboxUnavailable) lane.saw(false, error);
      state.outcome =
        error instanceof DemoCancelled
          ? 'cancelled'
          : error instanceof SandboxUnavailable
            ? 'unavailable'
            : 'failed';
      state.problem = describeForUser(error);
      if (error instanceof AppError)
        logger.warn('demo could not start', {
          runId: state.runId,
          demo: state.demoId,
          reason: error.message,
        });
      else logger.error('demo could not start', { runId: state.runId, demo: state.demoId, error });
    } finally {
      clearTimeout(timer);
      if (context) state.leftovers = (await context.cleanup(logger)).length > 0;
      state.outcome ??= 'ok';
      state.phase = 'finished';
      this.running.delete(ticket);
      this.byUser.delete(ticket.userKey);
      // Not awaited: a slow database must not hold up the summary; what it cannot free lapses.
      void this.options.gate?.free(state.runId);
      logger.info(
        `run ${state.runId} (${state.demoId}) ${state.outcome} in ${Math.round(this.now() - began)} ms${state.leftovers ? ' (leftovers for the janitor)' : ''}`,
      );
      this.options.metrics?.demoRuns.inc({ demo: state.demoId, outcome: state.outcome });
      this.options.metrics?.demoDuration.observe((this.now() - began) / 1000, { demo: state.demoId });
      this.emit(ticket);
      ticket.settle(snapshot(state));
      ticket.release?.(); // the next demo, or else a waiting playground command, gets the slot
      this.pump();
    }
  }

  /** A step's failure in a few words; anything unexpected is logged in full. */
  private reasonFor(error: unknown, runId: string, title: string): string {
    if (error instanceof SandboxRefused) return `the engine said: ${error.reason}`;
    if (error instanceof SandboxUnavailable) return 'the sandbox engine stopped answering';
    if (error instanceof DemoStepFailed || error instanceof DemoTimedOut || error instanceof DemoCancelled)
      return describeForUser(error);
    this.options.logger.error('demo step failed unexpectedly', { runId, step: title, error });
    return 'an unexpected error (it has been logged)';
  }
}

/** The one engine of a runner given a sandbox, its demo image and its capacity rather than engines. */
function singleEngine({ sandbox, demoImage, capacity }: RunnerOptions): Engines {
  if (!sandbox || !demoImage || !capacity)
    throw new Error('a DemoRunner needs engines, or a sandbox with its demo image and capacity');
  return oneEngine({ sandbox, image: demoImage, capacity });
}

/** Settles with the work, or rejects with the signal's reason as soon as it is aborted. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function snapshot(state: RunState): RunState {
  return structuredClone(state);
}
