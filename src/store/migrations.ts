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
];
