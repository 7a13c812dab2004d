/**
 * Versioned schema changes, applied in order, each once, inside a transaction. Never edit a migration that
 * has shipped: add a new one. Versions are claimed per feature so parallel work cannot collide:
 * 1 base · 2 questions (listen mode, feedback) · 3 tips (subscriptions, rotation, posts) · 4 tip claim owner ·
 * 5 phrasings (picks, learned phrasings) · 6 playground (who has one, last used) · 7 learning path (tour,
 * quiz). New SQL keeps to what Postgres reads the same way, where that costs nothing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'base',
    sql: `CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  },
  {
    version: 2,
    name: 'questions',
    sql: `
      CREATE TABLE listen_channels (
        channel_id TEXT PRIMARY KEY,
        enabled_by TEXT NOT NULL,
        enabled_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE answers (
        ref INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        score REAL NOT NULL,
        source TEXT NOT NULL,
        conversation TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX answers_by_conversation ON answers (conversation, created_at);
      CREATE INDEX answers_by_time ON answers (created_at);
      CREATE TABLE answer_votes (
        ref INTEGER NOT NULL REFERENCES answers (ref) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (ref, user_id)
      ) STRICT;`,
  },
  {
    version: 3,
    name: 'tips',
    sql: `
      -- Channels that get daily tips. Slots before "since" are not theirs to catch up on.
      CREATE TABLE tip_subscriptions (
        channel_id TEXT PRIMARY KEY,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        source TEXT NOT NULL CHECK (source IN ('config', 'command')),
        since TEXT NOT NULL,
        changed_by TEXT,
        changed_at TEXT NOT NULL,
        stopped_reason TEXT
      ) STRICT;
      -- Where each audience (a channel, or user:<id> for /docker tip) is in its shuffled cycle of tips.
      CREATE TABLE tip_rotations (
        audience TEXT PRIMARY KEY,
        cycle INTEGER NOT NULL,
        remaining TEXT NOT NULL,
        shown TEXT NOT NULL,
        last_tip TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- One row per (channel, scheduled time): the primary key is what makes a slot post at most once.
      CREATE TABLE tip_posts (
        channel_id TEXT NOT NULL,
        slot TEXT NOT NULL,
        tip_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'refused', 'gone', 'unknown')),
        attempts INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        message_ts TEXT,
        error TEXT,
        PRIMARY KEY (channel_id, slot)
      ) STRICT;
      CREATE INDEX tip_posts_by_status ON tip_posts (status);`,
  },
  {
    version: 4,
    name: 'tip claim owner',
    sql: `
      -- Which process claimed a slot, so a restart settles only its own unfinished posts, never a live replica's.
      ALTER TABLE tip_posts ADD COLUMN claimed_by TEXT;`,
  },
  {
    version: 5,
    name: 'phrasings',
    sql: `
      -- A person said "this question is answered by that section" (a pick after 👎, or a "did you mean").
      CREATE TABLE answer_picks (
        question_key TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        question TEXT NOT NULL,
        picked_at TEXT NOT NULL,
        PRIMARY KEY (question_key, answer_id, user_id)
      ) STRICT;
      -- Questions learned from picks: later questions that match one get its section.
      CREATE TABLE learned_phrasings (
        id INTEGER PRIMARY KEY,
        question_key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        learned_at TEXT NOT NULL,
        UNIQUE (question_key, answer_id)
      ) STRICT;`,
  },
  {
    version: 6,
    name: 'playground',
    sql: `
      -- One row per person with a playground on the sandbox engine (owner: team:user). The engine's labels
      -- say what they have there; this says when they last used it, for the idle expiry.
      CREATE TABLE playgrounds (
        owner TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        last_active_at TEXT NOT NULL,
        commands INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX playgrounds_by_activity ON playgrounds (last_active_at);`,
  },
  {
    version: 7,
    name: 'learning path',
    sql: `
      -- Where each person is in the guided tour, and the direct message that shows it (edited at each step).
      CREATE TABLE tour_progress (
        user_id TEXT PRIMARY KEY,
        step_id TEXT NOT NULL,
        checks TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        message_channel TEXT,
        message_ts TEXT
      ) STRICT;
      -- Which questions an audience (user:<id>, channel:<id>) has been shown in its current round.
      CREATE TABLE quiz_rotations (
        audience TEXT PRIMARY KEY,
        cycle INTEGER NOT NULL,
        remaining TEXT NOT NULL,
        shown TEXT NOT NULL,
        last_question TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- A question posted for a whole channel (by a person, or by the daily schedule when posted_by is NULL).
      CREATE TABLE channel_quizzes (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        posted_by TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      -- Every answer: to a question of one's own (with the round it was shown in) or to a channel quiz.
      CREATE TABLE quiz_answers (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        choice INTEGER NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        round INTEGER,
        channel_quiz INTEGER REFERENCES channel_quizzes (id),
        answered_at TEXT NOT NULL,
        CHECK ((round IS NULL) <> (channel_quiz IS NULL))
      ) STRICT;
      -- Each question of one's own is answered once per round, and each channel quiz once per person.
      CREATE UNIQUE INDEX quiz_answers_own_once ON quiz_answers (user_id, question_id, round)
        WHERE channel_quiz IS NULL;
      CREATE UNIQUE INDEX quiz_answers_channel_once ON quiz_answers (channel_quiz, user_id)
        WHERE channel_quiz IS NOT NULL;
      CREATE INDEX quiz_answers_by_user ON quiz_answers (user_id, id);`,
  },
];
