/**
 * Versioned schema changes, applied in order, each once, inside a transaction. Never edit a migration that
 * has shipped: add a new one. Versions are claimed per feature so parallel work cannot collide:
 * 1 base · 2 questions (listen mode, feedback) · 3 tips (subscriptions, rotation, posts).
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
];
