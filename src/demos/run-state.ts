import type { StepShown } from './types';

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface StepState {
  title: string;
  status: StepStatus;
  shown?: StepShown;
  /** Why it failed, in a few words for the person watching. */
  reason?: string;
  ms?: number;
}

export type Phase = 'queued' | 'preparing' | 'running' | 'finished';

/** ok: every step passed. failed: a step did not. unavailable: it never started. cancelled: shutdown. */
export type Outcome = 'ok' | 'failed' | 'unavailable' | 'cancelled';

/** Everything a person watching a demo is shown, as the runner reports it after every change. */
export interface RunState {
  runId: string;
  demoId: string;
  phase: Phase;
  /** While queued: 1 means "next". */
  position?: number;
  /** The sandbox engine it runs on (its address), once admitted. */
  address?: string;
  /** Docker Engine version, once it answered. */
  engine?: string;
  /** The image the demo starts from. */
  image?: string;
  steps: StepState[];
  /** From the first step to the end of the last one. */
  elapsedMs?: number;
  outcome?: Outcome;
  /** When the outcome is not ok: what went wrong, for the person who asked. */
  problem?: string;
  /** True when cleanup could not remove everything (the janitor will). */
  leftovers?: boolean;
}
