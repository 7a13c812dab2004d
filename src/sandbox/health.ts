import { SandboxRefused } from '../errors';
import type { AppMetrics } from '../ops/metrics';
import type { Sandbox } from './types';

/** How often /healthz may trigger a fresh ping of the engine. */
const PING_EVERY_MS = 5000;

export interface EngineStatus {
  status: 'unknown' | 'ok' | 'unavailable';
  checkedAt?: string;
  /** The engine's version, once it answered. */
  engine?: string;
  /** Why it is unavailable. */
  reason?: string;
}

export interface EngineHealthOptions {
  /** The engine's address, the `engine` label of its dx_sandbox_up series. */
  address?: string;
  /** Called when the status changes (unknown → ok, ok → unavailable, …). */
  onChange?: (from: EngineStatus['status'], to: EngineStatus['status']) => void;
}

/**
 * Whether the sandbox engine answers, as last seen by anything that used it (a demo, the janitor, the
 * warm-up, a playground, the pool's pings) or by a ping that /healthz triggers when the news is a few seconds
 * old.
 */
export class EngineHealth {
  private engine: EngineStatus = { status: 'unknown' };
  private lastPing = 0;

  constructor(
    private readonly sandbox: Pick<Sandbox, 'ping'>,
    private readonly metrics?: AppMetrics,
    private readonly options: EngineHealthOptions = {},
  ) {}

  /** The status as last seen, without pinging. */
  get known(): EngineStatus {
    return this.engine;
  }

  get status(): EngineStatus['status'] {
    return this.engine.status;
  }

  /** Notes whether the engine answered; an engine that answered "no" still counts as available. */
  record(ok: boolean, engine?: string, error?: unknown): void {
    const from = this.engine.status;
    const unavailable = !ok && !(error instanceof SandboxRefused);
    this.engine = {
      status: unavailable ? 'unavailable' : 'ok',
      checkedAt: new Date().toISOString(),
      engine: engine ?? (ok ? this.engine.engine : undefined),
      reason: unavailable && error instanceof Error ? error.message : undefined,
    };
    const { address } = this.options;
    this.metrics?.sandboxUp.set(unavailable ? 0 : 1, address === undefined ? {} : { engine: address });
    if (this.engine.status !== from) this.options.onChange?.(from, this.engine.status);
  }

  /** Pings the engine and notes the answer; returns its version, or throws what the ping threw. */
  async check(): Promise<string> {
    try {
      const { version } = await this.sandbox.ping();
      this.record(true, version);
      return version;
    } catch (error) {
      this.record(false, undefined, error);
      throw error;
    }
  }

  /** What is known now, at once; pings in the background when its last ping is a few seconds old. */
  current(): EngineStatus {
    if (Date.now() - this.lastPing > PING_EVERY_MS) {
      this.lastPing = Date.now();
      this.check().catch(() => undefined);
    }
    return this.engine;
  }
}
