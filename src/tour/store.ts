import type { MessageRef } from '../transport';

/**
 * What the tour keeps per person, as a port the tour owns. The implementations live in src/store/
 * (SqliteTourStore), src/store/postgres/ (PgTourStore) and src/store/memory/ (MemoryTourStore); all pass
 * test/store/learning.contract.ts.
 */
export interface TourStore {
  progress(userId: string): Promise<TourProgress | undefined>;
  /** Replaces the person's progress with this one. */
  save(progress: TourProgress): Promise<void>;
  /** How many people started the tour, and how many of them reached its end at least once. */
  counts(): Promise<{ started: number; finished: number }>;
}

/** Where the tour stands at its end, after the last step (not a step id: ids are slugs). */
export const END_OF_TOUR = '#end';

/** A person's answer to a step's check question; the first answer is the one kept. */
export interface TourCheck {
  /** The option picked, from 1. */
  choice: number;
  correct: boolean;
}

export interface TourProgress {
  userId: string;
  /** The step shown now, or END_OF_TOUR. */
  stepId: string;
  /** Answers to the check questions, by step id. */
  checks: Record<string, TourCheck>;
  startedAt: Date;
  updatedAt: Date;
  /** When they first reached the end; a restart keeps it. */
  finishedAt?: Date;
  /** The message in their direct message with the bot that shows the tour, edited at each step. */
  message?: MessageRef;
}
