import type { RotationState, TipPick } from '../tips/rotation';

/**
 * What the quiz keeps, as a port the quiz owns: which questions each person (or channel) has seen, every
 * answer, and the quizzes posted for a whole channel. The implementations live in src/store/
 * (SqliteQuizStore), src/store/postgres/ (PgQuizStore) and src/store/memory/ (MemoryQuizStore); all pass
 * test/store/learning.contract.ts.
 */
export interface QuizStore {
  /** Where an audience (`user:<id>`, `channel:<id>`) is in its round of questions. */
  rotation(audience: string): Promise<RotationState | undefined>;
  /**
   * Picks the audience's next question and saves the round atomically. The rotation is the tips' one
   * (src/tips/rotation.ts): each question once per round, in a fresh shuffle, before any repeats.
   */
  advance(audience: string, choose: ChooseQuestion, at: Date): Promise<QuestionPick | undefined>;
  /**
   * Records an answer unless that person already answered that question in that round (a question of their
   * own) or that channel quiz; either way returns the answer that counts (the first).
   */
  record(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }>;
  /** Every answer of one person, oldest first: score and streaks are read from it. */
  answersOf(userId: string): Promise<QuizAnswer[]>;
  openChannelQuiz(channelId: string, questionId: string, at: Date, postedBy?: string): Promise<ChannelQuiz>;
  channelQuiz(id: number): Promise<ChannelQuiz | undefined>;
  /** How many people answered a channel quiz, and how many of them were right. */
  tally(channelQuizId: number): Promise<{ answered: number; correct: number }>;
  /** Everyone's answers together: how many people answered, how many answers, how many right. */
  totals(): Promise<{ people: number; answers: number; correct: number }>;
  /** The questions answered wrong most often (at least once), worst first. */
  mostMissed(limit: number): Promise<MissedQuestion[]>;
}

/** Picks the next question id from a saved round (the tips' `nextTip`, over question ids). */
export type ChooseQuestion = (saved: RotationState | undefined) => TipPick | undefined;

export interface QuestionPick {
  questionId: string;
  /** The round it was picked in (from 1). */
  round: number;
  /** How many questions this round has shown, this one included. */
  seen: number;
}

export interface QuizAnswer {
  userId: string;
  questionId: string;
  /** The option picked, from 1. */
  choice: number;
  correct: boolean;
  at: Date;
  /** For a person's own question: the round it was shown in. */
  round?: number;
  /** For a channel quiz: its id. */
  channelQuiz?: number;
}

/** A question posted for everyone in a channel to answer, once each. */
export interface ChannelQuiz {
  id: number;
  channelId: string;
  questionId: string;
  at: Date;
  /** Who posted it; none for the daily quiz. */
  postedBy?: string;
}

export interface MissedQuestion {
  questionId: string;
  answered: number;
  wrong: number;
}
