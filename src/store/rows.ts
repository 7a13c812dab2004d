/**
 * Rows as the tables of src/store/migrations.ts hold them, and how they become the domains' values. Shared by
 * the SQLite and the Postgres stores, which read the same tables.
 */
import type { LearnedPhrasing, Pick, QuestionSource, StoredAnswer } from '../explain/ports';
import type {
  SavedRotation,
  TipOutcome,
  TipPost,
  TipPostStatus,
  TipSource,
  TipSubscription,
} from '../tips/store';

export interface SubscriptionRow {
  channel_id: string;
  active: number;
  source: TipSource;
  since: string;
  changed_by: string | null;
  changed_at: string;
  stopped_reason: string | null;
}

export interface RotationRow {
  cycle: number;
  remaining: string;
  shown: string;
  last_tip: string | null;
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
  last: row.last_tip ?? undefined,
});

/** The named parameters of ROTATION_SQL.write for a rotation. */
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
