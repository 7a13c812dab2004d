import type Database from 'better-sqlite3';
import type {
  AnswerLog,
  ListenChannels,
  NewAnswer,
  QuestionSource,
  StoredAnswer,
  VoteResult,
} from '../explain/ports';
import { Store } from './store';

export interface VoteSummary {
  answerId: string;
  helpful: number;
  unhelpful: number;
}

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

/** Answers given and the votes on them (migration 2), so weak answers can be found and improved. */
export class AnswerStore implements AnswerLog {
  private readonly insert: Database.Statement;
  private readonly byRef: Database.Statement;
  private readonly last: Database.Statement;
  private readonly currentVote: Database.Statement;
  private readonly upsertVote: Database.Statement;

  constructor(private readonly store: Store) {
    const db = Store.handle(store);
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

  record(answer: NewAnswer): number {
    const result = this.insert.run({ ...answer, at: answer.at.toISOString() });
    return Number(result.lastInsertRowid);
  }

  get(ref: number): StoredAnswer | undefined {
    const row = this.byRef.get(ref) as Row | undefined;
    return row && toAnswer(row);
  }

  latest(conversation: string, since: Date): StoredAnswer | undefined {
    const row = this.last.get(conversation, since.toISOString()) as Row | undefined;
    return row && toAnswer(row);
  }

  /** One vote per user per answer; a second vote replaces the first. Undefined when the answer is gone. */
  vote(ref: number, userId: string, helpful: boolean, at: Date): VoteResult | undefined {
    return Store.handle(this.store).transaction(() => {
      if (!this.byRef.get(ref)) return undefined;
      const before = this.currentVote.get(ref, userId) as { helpful: number } | undefined;
      if (before && before.helpful === Number(helpful)) return 'unchanged' as const;
      this.upsertVote.run(ref, userId, Number(helpful), at.toISOString());
      return before ? ('changed' as const) : ('recorded' as const);
    })();
  }

  /** Votes per section or tip, worst first: where the content needs work. */
  votesByAnswer(): VoteSummary[] {
    return Store.handle(this.store)
      .prepare(
        `SELECT a.answer_id AS answerId, SUM(v.helpful) AS helpful, SUM(1 - v.helpful) AS unhelpful
         FROM answer_votes v JOIN answers a ON a.ref = v.ref
         GROUP BY a.answer_id ORDER BY unhelpful DESC, helpful ASC, answerId`,
      )
      .all() as VoteSummary[];
  }

  /** Forgets questions older than `before` that nobody voted on (voted ones are what feedback is for). */
  forgetUnvotedBefore(before: Date): number {
    return Store.handle(this.store)
      .prepare(
        `DELETE FROM answers WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM answer_votes v WHERE v.ref = answers.ref)`,
      )
      .run(before.toISOString()).changes;
  }
}

/** Channels where listen mode is on (migration 2); a channel without a row is off. */
export class ListenStore implements ListenChannels {
  constructor(private readonly store: Store) {}

  isListening(channelId: string): boolean {
    return Boolean(
      Store.handle(this.store).prepare('SELECT 1 FROM listen_channels WHERE channel_id = ?').get(channelId),
    );
  }

  setListening(channelId: string, on: boolean, by: string, at: Date): void {
    if (on) {
      Store.handle(this.store)
        .prepare(
          `INSERT INTO listen_channels (channel_id, enabled_by, enabled_at) VALUES (?, ?, ?)
           ON CONFLICT (channel_id) DO NOTHING`,
        )
        .run(channelId, by, at.toISOString());
    } else {
      Store.handle(this.store).prepare('DELETE FROM listen_channels WHERE channel_id = ?').run(channelId);
    }
  }
}
