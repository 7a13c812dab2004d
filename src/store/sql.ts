/**
 * The statements the stores run, written once for SQLite and Postgres: named parameters (`@name`, which
 * better-sqlite3 binds and PgDatabase turns into `$1…`), ON CONFLICT, RETURNING, quoted aliases and explicit
 * casts where the two would answer differently (Postgres counts in bigint, which node-postgres returns as text).
 *
 * `@team` is the workspace: the database layer binds it from the tenancy context (src/tenancy.ts), so a
 * statement that names it reads and writes only the current workspace's rows. A statement without it spans
 * every workspace, and is only for work that is not any one workspace's (retention, the tip schedule).
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
  read: `SELECT cycle, remaining, shown, ${lastColumn} AS last FROM ${table} WHERE team_id = @team AND audience = @audience`,
  write: `INSERT INTO ${table} (team_id, audience, cycle, remaining, shown, ${lastColumn}, updated_at)
      VALUES (@team, @audience, @cycle, @remaining, @shown, @last, @at)
      ON CONFLICT (team_id, audience) DO UPDATE SET cycle = excluded.cycle, remaining = excluded.remaining,
        shown = excluded.shown, ${lastColumn} = excluded.${lastColumn}, updated_at = excluded.updated_at`,
});

export const ROTATION_SQL = {
  tips: rotationSql('tip_rotations', 'last_tip'),
  quiz: rotationSql('quiz_rotations', 'last_question'),
} as const;

export const TIP_SQL = {
  subscription: 'SELECT * FROM tip_subscriptions WHERE team_id = @team AND channel_id = @channelId',
  active: 'SELECT * FROM tip_subscriptions WHERE team_id = @team AND active = 1 ORDER BY channel_id',
  /** Every workspace's active channels, for the schedule (which posts to each inside its workspace). */
  activeEverywhere: 'SELECT * FROM tip_subscriptions WHERE active = 1 ORDER BY team_id, channel_id',
  configActive:
    "SELECT channel_id FROM tip_subscriptions WHERE team_id = @team AND source = 'config' AND active = 1",
  subscribe: `INSERT INTO tip_subscriptions
        (team_id, channel_id, active, source, since, changed_by, changed_at, stopped_reason)
      VALUES (@team, @channelId, 1, @source, @at, @by, @at, NULL)
      ON CONFLICT (team_id, channel_id) DO UPDATE SET
        since = CASE WHEN tip_subscriptions.active = 1 THEN tip_subscriptions.since ELSE @at END,
        active = 1, source = @source, changed_by = @by, changed_at = @at, stopped_reason = NULL
      WHERE tip_subscriptions.active = 0 OR (tip_subscriptions.source = 'command' AND @source = 'config')`,
  unsubscribe: `UPDATE tip_subscriptions SET active = 0, changed_by = @by, changed_at = @at, stopped_reason = @reason
      WHERE team_id = @team AND channel_id = @channelId AND active = 1`,
  // A fresh slot: the insert wins only when no row exists. A refused slot with attempts left: the update wins
  // only while it is still refused. Either way the database, not a read before, decides.
  claimFresh: `INSERT INTO tip_posts (team_id, channel_id, slot, tip_id, status, attempts, claimed_at, claimed_by)
      VALUES (@team, @channelId, @slot, @tipId, 'claimed', 1, @at, @owner)
      ON CONFLICT (team_id, channel_id, slot) DO NOTHING`,
  claimRefused: `UPDATE tip_posts SET tip_id = @tipId, status = 'claimed', attempts = attempts + 1,
        claimed_at = @at, claimed_by = @owner, finished_at = NULL, message_ts = NULL, error = NULL
      WHERE team_id = @team AND channel_id = @channelId AND slot = @slot AND status = 'refused'
        AND attempts < @maxAttempts`,
  finish: `UPDATE tip_posts SET status = @status, message_ts = @messageTs, error = @error, finished_at = @at
      WHERE team_id = @team AND channel_id = @channelId AND slot = @slot`,
  // Claims from before migration 4 have no owner: one process was all there was, so they are ours.
  inFlight:
    "SELECT * FROM tip_posts WHERE status = 'claimed' AND (claimed_by = @owner OR claimed_by IS NULL)",
  abandon: `UPDATE tip_posts SET status = 'unknown', finished_at = @at, error = @error
      WHERE status = 'claimed' AND (claimed_by = @owner OR claimed_by IS NULL)`,
  posts: 'SELECT * FROM tip_posts WHERE team_id = @team AND channel_id = @channelId ORDER BY slot',
} as const;

export const ANSWER_SQL = {
  record: `INSERT INTO answers (team_id, question, answer_id, score, source, conversation, user_id, created_at)
      VALUES (@team, @question, @answerId, @score, @source, @conversation, @userId, @at) RETURNING ref`,
  get: 'SELECT * FROM answers WHERE team_id = @team AND ref = @ref',
  latest: `SELECT * FROM answers WHERE team_id = @team AND conversation = @conversation AND created_at >= @since AND answer_id <> ''
      ORDER BY created_at DESC, ref DESC LIMIT 1`,
  vote: 'SELECT helpful FROM answer_votes WHERE ref = @ref AND user_id = @userId',
  writeVote: `INSERT INTO answer_votes (team_id, ref, user_id, helpful, voted_at)
      VALUES (@team, @ref, @userId, @helpful, @at)
      ON CONFLICT (ref, user_id) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at`,
  votesByAnswer: `SELECT a.answer_id AS "answerId", CAST(SUM(v.helpful) AS INTEGER) AS helpful,
        CAST(SUM(1 - v.helpful) AS INTEGER) AS unhelpful
      FROM answer_votes v JOIN answers a ON a.ref = v.ref
      GROUP BY a.answer_id ORDER BY unhelpful DESC, helpful ASC, "answerId"`,
  forgetUnvoted: `DELETE FROM answers WHERE created_at < @before
      AND NOT EXISTS (SELECT 1 FROM answer_votes v WHERE v.ref = answers.ref)`,
} as const;

export const LISTEN_SQL = {
  isListening: 'SELECT 1 AS on_ FROM listen_channels WHERE team_id = @team AND channel_id = @channelId',
  on: `INSERT INTO listen_channels (team_id, channel_id, enabled_by, enabled_at) VALUES (@team, @channelId, @by, @at)
      ON CONFLICT (team_id, channel_id) DO NOTHING`,
  off: 'DELETE FROM listen_channels WHERE team_id = @team AND channel_id = @channelId',
} as const;

export const PHRASING_SQL = {
  pick: `INSERT INTO answer_picks (team_id, question_key, answer_id, user_id, question, picked_at)
      VALUES (@team, @questionKey, @answerId, @userId, @question, @at)
      ON CONFLICT (team_id, question_key, answer_id, user_id) DO NOTHING`,
  countPicks: `SELECT CAST(count(*) AS INTEGER) AS n FROM answer_picks
      WHERE team_id = @team AND question_key = @questionKey AND answer_id = @answerId`,
  learn: `INSERT INTO learned_phrasings (team_id, question_key, question, answer_id, learned_at)
      VALUES (@team, @questionKey, @question, @answerId, @at)
      ON CONFLICT (team_id, question_key, answer_id) DO NOTHING RETURNING id, team_id`,
  learned: 'SELECT * FROM learned_phrasings WHERE team_id = @team ORDER BY id',
  // For the operator (npm run phrasings): every workspace's, each naming its team.
  learnedEverywhere: 'SELECT * FROM learned_phrasings ORDER BY id',
  remove: 'DELETE FROM learned_phrasings WHERE id = @id RETURNING team_id, question_key, answer_id',
  // Without this, the next pick of the same question would learn it straight back.
  forgetPicks: `DELETE FROM answer_picks
      WHERE team_id = @team AND question_key = @questionKey AND answer_id = @answerId`,
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
  progress: 'SELECT * FROM tour_progress WHERE team_id = @team AND user_id = @userId',
  save: `INSERT INTO tour_progress
        (team_id, user_id, step_id, checks, started_at, updated_at, finished_at, message_channel, message_ts)
      VALUES (@team, @userId, @stepId, @checks, @startedAt, @updatedAt, @finishedAt, @channel, @ts)
      ON CONFLICT (team_id, user_id) DO UPDATE SET step_id = excluded.step_id, checks = excluded.checks,
        started_at = excluded.started_at, updated_at = excluded.updated_at,
        finished_at = excluded.finished_at, message_channel = excluded.message_channel,
        message_ts = excluded.message_ts`,
  counts: `SELECT CAST(COUNT(*) AS INTEGER) AS started, CAST(COUNT(finished_at) AS INTEGER) AS finished
      FROM tour_progress WHERE team_id = @team`,
} as const;

export const QUIZ_SQL = {
  // Counted once by the database itself (two partial unique indexes): two presses at once cannot both count.
  record: `INSERT INTO quiz_answers
        (team_id, user_id, question_id, choice, correct, round, channel_quiz, answered_at)
      VALUES (@team, @userId, @questionId, @choice, @correct, @round, @channelQuiz, @at)
      ON CONFLICT DO NOTHING`,
  ownAnswer: `SELECT * FROM quiz_answers
      WHERE team_id = @team AND user_id = @userId AND question_id = @questionId AND round = @round
        AND channel_quiz IS NULL`,
  channelAnswer:
    'SELECT * FROM quiz_answers WHERE team_id = @team AND channel_quiz = @channelQuiz AND user_id = @userId',
  answersOf: 'SELECT * FROM quiz_answers WHERE team_id = @team AND user_id = @userId ORDER BY id',
  openChannelQuiz: `INSERT INTO channel_quizzes (team_id, channel_id, question_id, posted_by, created_at)
      VALUES (@team, @channelId, @questionId, @postedBy, @at) RETURNING id`,
  channelQuiz: 'SELECT * FROM channel_quizzes WHERE team_id = @team AND id = @id',
  tally: `SELECT CAST(COUNT(*) AS INTEGER) AS answered, CAST(COALESCE(SUM(correct), 0) AS INTEGER) AS correct
      FROM quiz_answers WHERE team_id = @team AND channel_quiz = @channelQuiz`,
  totals: `SELECT CAST(COUNT(DISTINCT user_id) AS INTEGER) AS people, CAST(COUNT(*) AS INTEGER) AS answers,
        CAST(COALESCE(SUM(correct), 0) AS INTEGER) AS correct
      FROM quiz_answers WHERE team_id = @team`,
  mostMissed: `SELECT question_id AS "questionId", CAST(COUNT(*) AS INTEGER) AS answered,
        CAST(SUM(1 - correct) AS INTEGER) AS wrong
      FROM quiz_answers WHERE team_id = @team GROUP BY question_id HAVING SUM(1 - correct) > 0
      ORDER BY wrong DESC, CAST(SUM(1 - correct) AS REAL) / COUNT(*) DESC, "questionId" LIMIT @limit`,
} as const;

/**
 * Everything one workspace left behind, deleted in one transaction when it uninstalls the app (or revokes its
 * bot token): its installation and its rows in every table. Votes before answers, answers before their quiz
 * (foreign keys). Its playgrounds (owners `team:user`) are expired rather than deleted: the playground sweep
 * finds them by their row, removes their containers and images from the engine, then the row. Demo leases
 * (seconds long, person `team:user`) lapse by themselves.
 */
export const FORGET_TEAM_SQL: readonly string[] = [
  'DELETE FROM slack_installations WHERE team_id = @team',
  'DELETE FROM listen_channels WHERE team_id = @team',
  'DELETE FROM answer_votes WHERE team_id = @team OR ref IN (SELECT ref FROM answers WHERE team_id = @team)',
  'DELETE FROM answers WHERE team_id = @team',
  'DELETE FROM tip_subscriptions WHERE team_id = @team',
  'DELETE FROM tip_rotations WHERE team_id = @team',
  'DELETE FROM tip_posts WHERE team_id = @team',
  'DELETE FROM answer_picks WHERE team_id = @team',
  'DELETE FROM learned_phrasings WHERE team_id = @team',
  'DELETE FROM tour_progress WHERE team_id = @team',
  'DELETE FROM quiz_rotations WHERE team_id = @team',
  `DELETE FROM quiz_answers WHERE team_id = @team
      OR channel_quiz IN (SELECT id FROM channel_quizzes WHERE team_id = @team)`,
  'DELETE FROM channel_quizzes WHERE team_id = @team',
  "UPDATE playgrounds SET last_active_at = '1970-01-01T00:00:00.000Z' WHERE owner LIKE @ownerPrefix ESCAPE '\\'",
];

/** A LIKE pattern for the `team:user` owners of one team. */
export const ownerPrefix = (team: string): string => `${team.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`;
