/**
 * The statements the stores run, written once for SQLite and Postgres: named parameters (`@name`, which
 * better-sqlite3 binds and PgDatabase turns into `$1…`), ON CONFLICT, RETURNING, quoted aliases and explicit
 * casts where the two would answer differently (Postgres counts in bigint, which node-postgres returns as text).
 */

export interface RotationStatements {
  read: string;
  write: string;
}

/**
 * A saved rotation's statements: tip_rotations and quiz_rotations have the same shape and differ in the name
 * of the column of the last item, read back as `last`.
 */
const rotationSql = (table: string, lastColumn: string): RotationStatements => ({
  read: `SELECT cycle, remaining, shown, ${lastColumn} AS last FROM ${table} WHERE audience = @audience`,
  write: `INSERT INTO ${table} (audience, cycle, remaining, shown, ${lastColumn}, updated_at)
      VALUES (@audience, @cycle, @remaining, @shown, @last, @at)
      ON CONFLICT (audience) DO UPDATE SET cycle = excluded.cycle, remaining = excluded.remaining,
        shown = excluded.shown, ${lastColumn} = excluded.${lastColumn}, updated_at = excluded.updated_at`,
});

export const ROTATION_SQL = {
  tips: rotationSql('tip_rotations', 'last_tip'),
  quiz: rotationSql('quiz_rotations', 'last_question'),
} as const;

export const TIP_SQL = {
  subscription: 'SELECT * FROM tip_subscriptions WHERE channel_id = @channelId',
  active: 'SELECT * FROM tip_subscriptions WHERE active = 1 ORDER BY channel_id',
  configActive: "SELECT channel_id FROM tip_subscriptions WHERE source = 'config' AND active = 1",
  subscribe: `INSERT INTO tip_subscriptions (channel_id, active, source, since, changed_by, changed_at, stopped_reason)
      VALUES (@channelId, 1, @source, @at, @by, @at, NULL)
      ON CONFLICT (channel_id) DO UPDATE SET
        since = CASE WHEN tip_subscriptions.active = 1 THEN tip_subscriptions.since ELSE @at END,
        active = 1, source = @source, changed_by = @by, changed_at = @at, stopped_reason = NULL
      WHERE tip_subscriptions.active = 0 OR (tip_subscriptions.source = 'command' AND @source = 'config')`,
  unsubscribe: `UPDATE tip_subscriptions SET active = 0, changed_by = @by, changed_at = @at, stopped_reason = @reason
      WHERE channel_id = @channelId AND active = 1`,
  // A fresh slot: the insert wins only when no row exists. A refused slot with attempts left: the update wins
  // only while it is still refused. Either way the database, not a read before, decides.
  claimFresh: `INSERT INTO tip_posts (channel_id, slot, tip_id, status, attempts, claimed_at, claimed_by)
      VALUES (@channelId, @slot, @tipId, 'claimed', 1, @at, @owner)
      ON CONFLICT (channel_id, slot) DO NOTHING`,
  claimRefused: `UPDATE tip_posts SET tip_id = @tipId, status = 'claimed', attempts = attempts + 1,
        claimed_at = @at, claimed_by = @owner, finished_at = NULL, message_ts = NULL, error = NULL
      WHERE channel_id = @channelId AND slot = @slot AND status = 'refused' AND attempts < @maxAttempts`,
  finish: `UPDATE tip_posts SET status = @status, message_ts = @messageTs, error = @error, finished_at = @at
      WHERE channel_id = @channelId AND slot = @slot`,
  // Claims from before migration 4 have no owner: one process was all there was, so they are ours.
  inFlight:
    "SELECT * FROM tip_posts WHERE status = 'claimed' AND (claimed_by = @owner OR claimed_by IS NULL)",
  abandon: `UPDATE tip_posts SET status = 'unknown', finished_at = @at, error = @error
      WHERE status = 'claimed' AND (claimed_by = @owner OR claimed_by IS NULL)`,
  posts: 'SELECT * FROM tip_posts WHERE channel_id = @channelId ORDER BY slot',
} as const;

export const ANSWER_SQL = {
  record: `INSERT INTO answers (question, answer_id, score, source, conversation, user_id, created_at)
      VALUES (@question, @answerId, @score, @source, @conversation, @userId, @at) RETURNING ref`,
  get: 'SELECT * FROM answers WHERE ref = @ref',
  latest: `SELECT * FROM answers WHERE conversation = @conversation AND created_at >= @since AND answer_id <> ''
      ORDER BY created_at DESC, ref DESC LIMIT 1`,
  vote: 'SELECT helpful FROM answer_votes WHERE ref = @ref AND user_id = @userId',
  writeVote: `INSERT INTO answer_votes (ref, user_id, helpful, voted_at) VALUES (@ref, @userId, @helpful, @at)
      ON CONFLICT (ref, user_id) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at`,
  votesByAnswer: `SELECT a.answer_id AS "answerId", CAST(SUM(v.helpful) AS INTEGER) AS helpful,
        CAST(SUM(1 - v.helpful) AS INTEGER) AS unhelpful
      FROM answer_votes v JOIN answers a ON a.ref = v.ref
      GROUP BY a.answer_id ORDER BY unhelpful DESC, helpful ASC, "answerId"`,
  forgetUnvoted: `DELETE FROM answers WHERE created_at < @before
      AND NOT EXISTS (SELECT 1 FROM answer_votes v WHERE v.ref = answers.ref)`,
} as const;

export const LISTEN_SQL = {
  isListening: 'SELECT 1 AS on_ FROM listen_channels WHERE channel_id = @channelId',
  on: `INSERT INTO listen_channels (channel_id, enabled_by, enabled_at) VALUES (@channelId, @by, @at)
      ON CONFLICT (channel_id) DO NOTHING`,
  off: 'DELETE FROM listen_channels WHERE channel_id = @channelId',
} as const;

export const PHRASING_SQL = {
  pick: `INSERT INTO answer_picks (question_key, answer_id, user_id, question, picked_at)
      VALUES (@questionKey, @answerId, @userId, @question, @at)
      ON CONFLICT (question_key, answer_id, user_id) DO NOTHING`,
  countPicks: `SELECT CAST(count(*) AS INTEGER) AS n FROM answer_picks
      WHERE question_key = @questionKey AND answer_id = @answerId`,
  learn: `INSERT INTO learned_phrasings (question_key, question, answer_id, learned_at)
      VALUES (@questionKey, @question, @answerId, @at)
      ON CONFLICT (question_key, answer_id) DO NOTHING RETURNING id`,
  learned: 'SELECT * FROM learned_phrasings ORDER BY id',
  remove: 'DELETE FROM learned_phrasings WHERE id = @id RETURNING question_key, answer_id',
  // Without this, the next pick of the same question would learn it straight back.
  forgetPicks: 'DELETE FROM answer_picks WHERE question_key = @questionKey AND answer_id = @answerId',
} as const;

export const PLAYGROUND_SQL = {
  get: 'SELECT * FROM playgrounds WHERE owner = @owner',
  // The last use never moves backwards: a command that finished late does not undo a later one.
  // A playground stays on the engine it was made on: only its first use records one.
  touch: `INSERT INTO playgrounds (owner, created_at, last_active_at, commands, engine)
      VALUES (@owner, @at, @at, 1, @engine)
      ON CONFLICT (owner) DO UPDATE SET commands = playgrounds.commands + 1,
        last_active_at = CASE WHEN playgrounds.last_active_at < @at THEN @at ELSE playgrounds.last_active_at END
      RETURNING *`,
  idleSince: 'SELECT * FROM playgrounds WHERE last_active_at < @cutoff ORDER BY last_active_at, owner',
  forget: 'DELETE FROM playgrounds WHERE owner = @owner',
  forgetIdle: 'DELETE FROM playgrounds WHERE owner = @owner AND last_active_at < @cutoff',
} as const;

export const TOUR_SQL = {
  progress: 'SELECT * FROM tour_progress WHERE user_id = @userId',
  save: `INSERT INTO tour_progress
        (user_id, step_id, checks, started_at, updated_at, finished_at, message_channel, message_ts)
      VALUES (@userId, @stepId, @checks, @startedAt, @updatedAt, @finishedAt, @channel, @ts)
      ON CONFLICT (user_id) DO UPDATE SET step_id = excluded.step_id, checks = excluded.checks,
        started_at = excluded.started_at, updated_at = excluded.updated_at,
        finished_at = excluded.finished_at, message_channel = excluded.message_channel,
        message_ts = excluded.message_ts`,
  counts: `SELECT CAST(COUNT(*) AS INTEGER) AS started, CAST(COUNT(finished_at) AS INTEGER) AS finished
      FROM tour_progress`,
} as const;

export const QUIZ_SQL = {
  // Counted once by the database itself (two partial unique indexes): two presses at once cannot both count.
  record: `INSERT INTO quiz_answers (user_id, question_id, choice, correct, round, channel_quiz, answered_at)
      VALUES (@userId, @questionId, @choice, @correct, @round, @channelQuiz, @at)
      ON CONFLICT DO NOTHING`,
  ownAnswer: `SELECT * FROM quiz_answers
      WHERE user_id = @userId AND question_id = @questionId AND round = @round AND channel_quiz IS NULL`,
  channelAnswer: 'SELECT * FROM quiz_answers WHERE channel_quiz = @channelQuiz AND user_id = @userId',
  answersOf: 'SELECT * FROM quiz_answers WHERE user_id = @userId ORDER BY id',
  openChannelQuiz: `INSERT INTO channel_quizzes (channel_id, question_id, posted_by, created_at)
      VALUES (@channelId, @questionId, @postedBy, @at) RETURNING id`,
  channelQuiz: 'SELECT * FROM channel_quizzes WHERE id = @id',
  tally: `SELECT CAST(COUNT(*) AS INTEGER) AS answered, CAST(COALESCE(SUM(correct), 0) AS INTEGER) AS correct
      FROM quiz_answers WHERE channel_quiz = @channelQuiz`,
  totals: `SELECT CAST(COUNT(DISTINCT user_id) AS INTEGER) AS people, CAST(COUNT(*) AS INTEGER) AS answers,
        CAST(COALESCE(SUM(correct), 0) AS INTEGER) AS correct
      FROM quiz_answers`,
  mostMissed: `SELECT question_id AS "questionId", CAST(COUNT(*) AS INTEGER) AS answered,
        CAST(SUM(1 - correct) AS INTEGER) AS wrong
      FROM quiz_answers GROUP BY question_id HAVING SUM(1 - correct) > 0
      ORDER BY wrong DESC, CAST(SUM(1 - correct) AS REAL) / COUNT(*) DESC, "questionId" LIMIT @limit`,
} as const;
