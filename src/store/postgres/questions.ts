import type {
  AnswerLog,
  LearnedPhrasing,
  ListenChannels,
  NewAnswer,
  PhrasingBook,
  Pick,
  StoredAnswer,
  VoteResult,
  VoteSummary,
} from '../../explain/ports';
import { type AnswerRow, iso, type LearnedRow, learnParams, pickParams, toAnswer, toLearned } from '../rows';
import { ANSWER_SQL, LISTEN_SQL, PHRASING_SQL } from '../sql';
import type { PgDatabase } from './database';

/** The AnswerLog on Postgres: the statements SqliteAnswerLog runs. */
export class PgAnswerLog implements AnswerLog {
  constructor(private readonly db: PgDatabase) {}

  async record(answer: NewAnswer): Promise<number> {
    const row = await this.db.get<{ ref: number }>(ANSWER_SQL.record, { ...answer, at: iso(answer.at) });
    return (row as { ref: number }).ref;
  }

  async get(ref: number): Promise<StoredAnswer | undefined> {
    const row = await this.db.get<AnswerRow>(ANSWER_SQL.get, { ref });
    return row && toAnswer(row);
  }

  async latest(conversation: string, since: Date): Promise<StoredAnswer | undefined> {
    const row = await this.db.get<AnswerRow>(ANSWER_SQL.latest, { conversation, since: iso(since) });
    return row && toAnswer(row);
  }

  async vote(ref: number, userId: string, helpful: boolean, at: Date): Promise<VoteResult | undefined> {
    return this.db.transaction(
      async (tx) => {
        if (!(await tx.get(ANSWER_SQL.get, { ref }))) return undefined;
        const before = await tx.get<{ helpful: number }>(ANSWER_SQL.vote, { ref, userId });
        if (before && before.helpful === Number(helpful)) return 'unchanged' as const;
        await tx.run(ANSWER_SQL.writeVote, { ref, userId, helpful: Number(helpful), at: iso(at) });
        return before ? ('changed' as const) : ('recorded' as const);
      },
      [`vote ${ref} ${userId}`],
    );
  }

  votesByAnswer(): Promise<VoteSummary[]> {
    return this.db.all<VoteSummary>(ANSWER_SQL.votesByAnswer);
  }

  forgetUnvotedBefore(before: Date): Promise<number> {
    return this.db.run(ANSWER_SQL.forgetUnvoted, { before: iso(before) });
  }
}

/**
 * ListenChannels on Postgres. Every question reads the table (no cache), so listen mode turned on through one
 * replica holds on every replica from the next message.
 */
export class PgListenChannels implements ListenChannels {
  constructor(private readonly db: PgDatabase) {}

  async isListening(channelId: string): Promise<boolean> {
    return Boolean(await this.db.get(LISTEN_SQL.isListening, { channelId }));
  }

  async setListening(channelId: string, on: boolean, by: string, at: Date): Promise<void> {
    if (on) await this.db.run(LISTEN_SQL.on, { channelId, by, at: iso(at) });
    else await this.db.run(LISTEN_SQL.off, { channelId });
  }
}

/** The PhrasingBook on Postgres: the statements SqlitePhrasingBook runs. */
export class PgPhrasingBook implements PhrasingBook {
  constructor(private readonly db: PgDatabase) {}

  async pick(pick: Pick): Promise<number> {
    await this.db.run(PHRASING_SQL.pick, pickParams(pick));
    return ((await this.db.get<{ n: number }>(PHRASING_SQL.countPicks, pickParams(pick))) as { n: number }).n;
  }

  async learn(phrasing: Omit<LearnedPhrasing, 'id'>): Promise<LearnedPhrasing | undefined> {
    const row = await this.db.get<{ id: number; team_id: string }>(PHRASING_SQL.learn, learnParams(phrasing));
    return row && { ...phrasing, id: row.id, team: row.team_id };
  }

  async learned(): Promise<LearnedPhrasing[]> {
    return (await this.db.all<LearnedRow>(PHRASING_SQL.learned)).map(toLearned);
  }

  async learnedEverywhere(): Promise<LearnedPhrasing[]> {
    return (await this.db.all<LearnedRow>(PHRASING_SQL.learnedEverywhere)).map(toLearned);
  }

  async remove(id: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<LearnedRow>(PHRASING_SQL.remove, { id });
      if (row)
        await tx.run(PHRASING_SQL.forgetPicks, {
          team: row.team_id,
          questionKey: row.question_key,
          answerId: row.answer_id,
        });
      return Boolean(row);
    });
  }
}
