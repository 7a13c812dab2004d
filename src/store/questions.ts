import type Database from 'better-sqlite3';
import type {
  AnswerLog,
  ListenChannels,
  NewAnswer,
  StoredAnswer,
  VoteResult,
  VoteSummary,
} from '../explain/ports';
import { type AnswerRow, iso, toAnswer } from './rows';
import { ANSWER_SQL, LISTEN_SQL } from './sql';
import { Store } from './store';

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
    this.insert = db.prepare(ANSWER_SQL.record);
    this.byRef = db.prepare(ANSWER_SQL.get);
    this.last = db.prepare(ANSWER_SQL.latest);
    this.currentVote = db.prepare(ANSWER_SQL.vote);
    this.upsertVote = db.prepare(ANSWER_SQL.writeVote);
  }

  async record(answer: NewAnswer): Promise<number> {
    return (this.insert.get({ ...answer, at: iso(answer.at) }) as { ref: number }).ref;
  }

  async get(ref: number): Promise<StoredAnswer | undefined> {
    const row = this.byRef.get({ ref }) as AnswerRow | undefined;
    return row && toAnswer(row);
  }

  async latest(conversation: string, since: Date): Promise<StoredAnswer | undefined> {
    const row = this.last.get({ conversation, since: iso(since) }) as AnswerRow | undefined;
    return row && toAnswer(row);
  }

  async vote(ref: number, userId: string, helpful: boolean, at: Date): Promise<VoteResult | undefined> {
    return this.db.transaction(() => {
      if (!this.byRef.get({ ref })) return undefined;
      const before = this.currentVote.get({ ref, userId }) as { helpful: number } | undefined;
      if (before && before.helpful === Number(helpful)) return 'unchanged' as const;
      this.upsertVote.run({ ref, userId, helpful: Number(helpful), at: iso(at) });
      return before ? ('changed' as const) : ('recorded' as const);
    })();
  }

  async votesByAnswer(): Promise<VoteSummary[]> {
    return this.db.prepare(ANSWER_SQL.votesByAnswer).all() as VoteSummary[];
  }

  async forgetUnvotedBefore(before: Date): Promise<number> {
    return this.db.prepare(ANSWER_SQL.forgetUnvoted).run({ before: iso(before) }).changes;
  }
}

/** ListenChannels on SQLite (migration 2): a channel without a row is off. */
export class SqliteListenChannels implements ListenChannels {
  private readonly db: Database.Database;

  constructor(store: Store) {
    this.db = Store.handle(store);
  }

  async isListening(channelId: string): Promise<boolean> {
    return Boolean(this.db.prepare(LISTEN_SQL.isListening).get({ channelId }));
  }

  async setListening(channelId: string, on: boolean, by: string, at: Date): Promise<void> {
    if (on) this.db.prepare(LISTEN_SQL.on).run({ channelId, by, at: iso(at) });
    else this.db.prepare(LISTEN_SQL.off).run({ channelId });
  }
}
