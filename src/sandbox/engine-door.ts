import type Docker from 'dockerode';
import type { ProcessOutput } from './types';

/** How long one engine call may take before the engine counts as unavailable. */
export interface SandboxTimeouts {
  /** Connecting, and quick calls such as ping and inspect. */
  quickMs: number;
  /** Calls that do work: create, start, exec, commit, remove. */
  workMs: number;
  /** Pulls and builds. */
  slowMs: number;
}

export const DEFAULT_TIMEOUTS: SandboxTimeouts = { quickMs: 3000, workMs: 10_000, slowMs: 120_000 };

/** What the resource clients share: the dockerode client, the timeouts, and the one door every call takes. */
export interface EngineDoor {
  readonly docker: Docker;
  readonly timeouts: SandboxTimeouts;
  call<T>(
    what: string,
    timeoutMs: number,
    outer: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  follow(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<ProgressEvent[]>;
  demux(stream: NodeJS.ReadableStream): Promise<ProcessOutput>;
}

export interface ProgressEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export function labelFilter(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
