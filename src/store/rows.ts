/**
 * Rows as the tables of src/store/migrations.ts hold them, and how they become the domains' values. Shared by
 * the SQLite and the Postgres stores, which read the same tables.
 */
import type { LearnedPhrasing, Pick, QuestionSource, StoredAnswer } from '../explain/ports';
import type { PlaygroundRecord } from '../playground/store';
import type { ChannelQuiz, QuizAnswer } from '../quiz/store';
import type {
  SavedRotation,
  TeamChannel,
  TipOutcome,
  TipPost,
  TipPostStatus,
  TipSource,
  TipSubscription,
} from '../tips/store';
import type { TourCheck, TourProgress } from '../tour/store';

export interface SubscriptionRow {
  channel_id: string;
  active: number;
  source: TipSource;
  since: string;
  changed_by: string | null;
  changed_at: string;
  stopped_reason: string | null;
}

/** A row of tip_rotations or quiz_rotations, read by ROTATION_SQL (the last item's column as `last`). */
export interface RotationRow {
  cycle: number;
  remaining: string;
  shown: string;
  last: string | null;
}

export interface PostRow {
  channel_id: string;
  slot: string;
  tip_id: string;
  status: TipPostStatus;
  attempts: number;
  claimed_by: string | null;
  message_ts: string | null;
  error: string | null;
}

export interface AnswerRow {
  ref: number;
  question: string;
  answer_id: string;
  score: number;
  source: QuestionSource;
  conversation: string;
  user_id: string;
  created_at: string;
}

export interface LearnedRow {
  id: number;
  team_id: string;
  question_key: string;
  question: string;
  answer_id: string;
  learned_at: string;
}

/** Times are kept as ISO text in UTC, which sorts as time does. */
export const iso = (at: Date) => at.toISOString();

export const toSubscription = (row: SubscriptionRow): TipSubscription => ({
  channelId: row.channel_id,
  active: row.active === 1,
  source: row.source,
  since: new Date(row.since),
  changedBy: row.changed_by ?? undefined,
  changedAt: new Date(row.changed_at),
  stoppedReason: row.stopped_reason ?? undefined,
});

export const toTeamChannel = (row: SubscriptionRow & { team_id: string }): TeamChannel => ({
  team: row.team_id,
  channelId: row.channel_id,
  since: new Date(row.since),
});

export const toPost = (row: PostRow): TipPost => ({
  channelId: row.channel_id,
  slot: new Date(row.slot),
  tipId: row.tip_id,
  status: row.status,
  attempts: row.attempts,
  claimedBy: row.claimed_by ?? undefined,
  messageTs: row.message_ts ?? undefined,
  error: row.error ?? undefined,
});

export const toRotation = (row: RotationRow): SavedRotation => ({
  cycle: row.cycle,
  remaining: JSON.parse(row.remaining) as string[],
  shown: JSON.parse(row.shown) as string[],
  last: row.last ?? undefined,
});

/** The named parameters of a ROTATION_SQL write. */
export const rotationParams = (audience: string, state: SavedRotation, at: Date) => ({
  audience,
  cycle: state.cycle,
  remaining: JSON.stringify(state.remaining),
  shown: JSON.stringify(state.shown),
  last: state.last ?? null,
  at: iso(at),
});

export const toAnswer = (row: AnswerRow): StoredAnswer => ({
  ref: row.ref,
  question: row.question,
  answerId: row.answer_id,
  score: row.score,
  source: row.source,
  conversation: row.conversation,
  userId: row.user_id,
  at: new Date(row.created_at),
});

export const toLearned = (row: LearnedRow): LearnedPhrasing => ({
  id: row.id,
  questionKey: row.question_key,
  question: row.question,
  answerId: row.answer_id,
  learnedAt: new Date(row.learned_at),
  team: row.team_id,
});

/** The named parameters of TIP_SQL.claimFresh and claimRefused. */
export const claimParams = (
  channelId: string,
  slot: Date,
  tipId: string,
  at: Date,
  owner: string,
  maxAttempts: number,
) => ({ channelId, slot: iso(slot), tipId, at: iso(at), owner, maxAttempts });

/** The named parameters of TIP_SQL.finish. */
export const finishParams = (channelId: string, slot: Date, outcome: TipOutcome, at: Date) => ({
  channelId,
  slot: iso(slot),
  status: outcome.status,
  messageTs: outcome.messageTs ?? null,
  error: outcome.error ?? null,
  at: iso(at),
});

/** The named parameters of PHRASING_SQL.pick and countPicks. */
export const pickParams = (pick: Pick) => ({
  questionKey: pick.questionKey,
  answerId: pick.answerId,
  userId: pick.userId,
  question: pick.question,
  at: iso(pick.at),
});

/** The named parameters of PHRASING_SQL.learn. */
export const learnParams = (phrasing: Omit<LearnedPhrasing, 'id'>) => ({
  questionKey: phrasing.questionKey,
  question: phrasing.question,
  answerId: phrasing.answerId,
  at: iso(phrasing.learnedAt),
});

export interface PlaygroundRow {
  owner: string;
  created_at: string;
  last_active_at: string;
  commands: number;
  engine: string | null;
}

export const toPlayground = (row: PlaygroundRow): PlaygroundRecord => ({
  owner: row.owner,
  createdAt: new Date(row.created_at),
  lastActiveAt: new Date(row.last_active_at),
  commands: row.commands,
  ...(row.engine === null ? {} : { engine: row.engine }),
});

export interface TourProgressRow {
  user_id: string;
  step_id: string;
  checks: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

export const toTourProgress = (row: TourProgressRow): TourProgress => ({
  userId: row.user_id,
  stepId: row.step_id,
  checks: JSON.parse(row.checks) as Record<string, TourCheck>,
  startedAt: new Date(row.started_at),
  updatedAt: new Date(row.updated_at),
  finishedAt: row.finished_at ? new Date(row.finished_at) : undefined,
  message:
    row.message_channel && row.message_ts ? { channel: row.message_channel, ts: row.message_ts } : undefined,
});

/** The named parameters of TOUR_SQL.save. */
export const tourParams = (progress: TourProgress) => ({
  userId: progress.userId,
  stepId: progress.stepId,
  checks: JSON.stringify(progress.checks),
  startedAt: iso(progress.startedAt),
  updatedAt: iso(progress.updatedAt),
  finishedAt: progress.finishedAt ? iso(progress.finishedAt) : null,
  channel: progress.message?.channel ?? null,
  ts: progress.message?.ts ?? null,
});

export interface QuizAnswerRow {
  user_id: string;
  question_id: string;
  choice: number;
  correct: number;
  round: number | null;
  channel_quiz: number | null;
  answered_at: string;
}

export interface ChannelQuizRow {
  id: number;
  channel_id: string;
  question_id: string;
  posted_by: string | null;
  created_at: string;
}

export const toQuizAnswer = (row: QuizAnswerRow): QuizAnswer => ({
  userId: row.user_id,
  questionId: row.question_id,
  choice: row.choice,
  correct: row.correct === 1,
  at: new Date(row.answered_at),
  ...(row.round === null ? {} : { round: row.round }),
  ...(row.channel_quiz === null ? {} : { channelQuiz: row.channel_quiz }),
});

export const toChannelQuiz = (row: ChannelQuizRow): ChannelQuiz => ({
  id: row.id,
  channelId: row.channel_id,
  questionId: row.question_id,
  at: new Date(row.created_at),
  ...(row.posted_by === null ? {} : { postedBy: row.posted_by }),
});

/**
 * An answer as it is kept: a question of one's own carries its round (0 when none was given), a channel
 * quiz's answer carries no round.
 */
export const keptQuizAnswer = (answer: QuizAnswer): QuizAnswer =>
  answer.channelQuiz === undefined ? { ...answer, round: answer.round ?? 0 } : answer;

/** The named parameters of QUIZ_SQL.record, ownAnswer and channelAnswer for a kept answer. */
export const quizAnswerParams = (answer: QuizAnswer) => ({
  userId: answer.userId,
  questionId: answer.questionId,
  choice: answer.choice,
  correct: Number(answer.correct),
  round: answer.channelQuiz === undefined ? (answer.round ?? 0) : null,
  channelQuiz: answer.channelQuiz ?? null,
  at: iso(answer.at),
});
