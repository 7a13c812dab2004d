import type Database from 'better-sqlite3';
import type {
  AnswerLog,
  ListenChannels,
  NewAnswer,
  QuestionSource,
  StoredAnswer,
  VoteResult,
  VoteSummary,
} from '../explain/ports';
import { Store } from './store';

interface Row {
  ref: number;
  question: string;
  answer_id: string;
  score: number;
  source: QuestionSource;
  conversation: string;
  user_id: string;
  created_at: string;
}

const toAnswer = (row: Row): StoredAnswer => ({
  ref: row.ref,
  question: row.question,
  answerId: row.answer_id,
  score: row.score,
  source: row.source,
  conversation: row.conversation,
  userId: row.user_id,
  at: new Date(row.created_at),
});

/** The AnswerLog on SQLite: answers given and the votes on them (migration 2). */
export class SqliteAnswerLog implements AnswerLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly byRef: Database.Statement;
  private readonly last: Database.Statement;
  private readonly currentVote: Database.Statement;
  private readonly upsertVote: Database.Statement;

  constructor(store: Store) {
    const db = Store.handle(store);
    this.db = db;
    this.insert = db.prepare(
      `INSERT INTO answers (question, answer_id, score, source, conversation, user_id, created_at)
       VALUES (@question, @answerId, @score, @source, @conversation, @userId, @at)`,
    );
    this.byRef = db.prepare('SELECT * FROM answers WHERE ref = ?');
    this.last = db.prepare(
      "SELECT * FROM answers WHERE conversation = ? AND created_at >= ? AND answer_id <> '' ORDER BY created_at DESC, ref DESC LIMIT 1",
    );
    this.currentVote = db.prepare('SELECT helpful FROM answer_votes WHERE ref = ? AND user_id = ?');
    this.upsertVote = db.prepare(
      `INSERT INTO answer_votes (ref, user_id, helpful, voted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ref, user_id) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at`,
    );
  }

  async record(answer: NewAnswer): Promise<number> {
    const result = this.insert.run({ ...answer, at: answer.at.toISOString() });
    return Number(result.lastInsertRowid);
  }

  async get(ref: number): Promise<StoredAnswer | undefined> {
    const row = this.byRef.get(ref) as Row | undefined;
    return row && toAnswer(row);
  }

  async latest(conversation: string, since: Date): Promise<StoredAnswer | undefined> {
    const row = this.last.get(conversation, since.toISOString()) as Row | undefined;
    return row && toAnswer(row);
  }

  async vote(ref: number, userId: string, helpful: boolean, at: Date): Promise<VoteResult | undefined> {
    return this.db.transaction(() => {
      if (!this.byRef.get(ref)) return undefined;
      const before = this.currentVote.get(ref, userId) as { helpful: number } | undefined;
      if (before && before.helpful === Number(helpful)) return 'unchanged' as const;
      this.upsertVote.run(ref, userId, Number(helpful), at.toISOString());
      return before ? ('changed' as const) : ('recorded' as const);
    })();
  }

  async votesByAnswer(): Promise<VoteSummary[]> {
    return this.db
      .prepare(
        `SELECT a.answer_id AS answerId, SUM(v.helpful) AS helpful, SUM(1 - v.helpful) AS unhelpful
         FROM answer_votes v JOIN answers a ON a.ref = v.ref
         GROUP BY a.answer_id ORDER BY unhelpful DESC, helpful ASC, answerId`,
      )
      .all() as VoteSummary[];
  }

  async forgetUnvotedBefore(before: Date): Promise<number> {
    return this.db
      .prepare(
        `DELETE FROM answers WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM answer_votes v WHERE v.ref = answers.ref)`,
      )
      .run(before.toISOString()).changes;
  }
}

/** ListenChannels on SQLite (migration 2): a channel without a row is off. */
export class SqliteListenChannels implements ListenChannels {
  private readonly db: Database.Database;

  constructor(store: Store) {
    this.db = Store.handle(store);
  }

  async isListening(channelId: string): Promise<boolean> {
    return Boolean(this.db.prepare('SELECT 1 FROM listen_channels WHERE channel_id = ?').get(channelId));
  }

  async setListening(channelId: string, on: boolean, by: string, at: Date): Promise<void> {
    if (on) {
      this.db
        .prepare(
          `INSERT INTO listen_channels (channel_id, enabled_by, enabled_at) VALUES (?, ?, ?)
           ON CONFLICT (channel_id) DO NOTHING`,
        )
        .run(channelId, by, at.toISOString());
    } else {
      this.db.prepare('DELETE FROM listen_channels WHERE channel_id = ?').run(channelId);
    }
  }
}
