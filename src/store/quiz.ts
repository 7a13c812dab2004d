import type Database from 'better-sqlite3';
import type {
  ChannelQuiz,
  ChooseQuestion,
  MissedQuestion,
  QuestionPick,
  QuizAnswer,
  QuizStore,
} from '../quiz/store';
import type { RotationState } from '../tips/rotation';
import { RotationTable } from './rotations';
import {
  type ChannelQuizRow,
  iso,
  keptQuizAnswer,
  type QuizAnswerRow,
  quizAnswerParams,
  toChannelQuiz,
  toQuizAnswer,
} from './rows';
import { QUIZ_SQL, ROTATION_SQL } from './sql';
import { preparedStatements } from './statements';
import { Store } from './store';

/**
 * The QuizStore on SQLite (migration 7), with the statements PgQuizStore runs too. An answer is counted once
 * by the database itself (two unique indexes), so two presses at the same moment cannot both count.
 */
export class SqliteQuizStore implements QuizStore {
  private readonly db: Database.Database;
  private readonly rotations: RotationTable;
  /** A prepared statement, prepared once per store. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(store: Store) {
    this.db = Store.handle(store);
    this.sql = preparedStatements(this.db);
    this.rotations = new RotationTable(this.db, ROTATION_SQL.quiz);
  }

  async rotation(audience: string): Promise<RotationState | undefined> {
    return this.rotations.read(audience);
  }

  async advance(audience: string, choose: ChooseQuestion, at: Date): Promise<QuestionPick | undefined> {
    return this.db.transaction(() => {
      const picked = choose(this.rotations.read(audience));
      if (!picked) return undefined;
      this.rotations.write(audience, picked.state, at);
      return { questionId: picked.tipId, round: picked.state.cycle, seen: picked.state.shown.length };
    })();
  }

  async record(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    return this.db.transaction(() => {
      const params = quizAnswerParams(answer);
      if (this.sql(QUIZ_SQL.record).run(params).changes === 1)
        return { recorded: true, answer: keptQuizAnswer(answer) };
      const first = this.sql(
        answer.channelQuiz === undefined ? QUIZ_SQL.ownAnswer : QUIZ_SQL.channelAnswer,
      ).get(params) as QuizAnswerRow;
      return { recorded: false, answer: toQuizAnswer(first) };
    })();
  }

  async answersOf(userId: string): Promise<QuizAnswer[]> {
    return (this.sql(QUIZ_SQL.answersOf).all({ userId }) as QuizAnswerRow[]).map(toQuizAnswer);
  }

  async openChannelQuiz(
    channelId: string,
    questionId: string,
    at: Date,
    postedBy?: string,
  ): Promise<ChannelQuiz> {
    const row = this.sql(QUIZ_SQL.openChannelQuiz).get({
      channelId,
      questionId,
      postedBy: postedBy ?? null,
      at: iso(at),
    }) as { id: number };
    return { id: row.id, channelId, questionId, at, ...(postedBy ? { postedBy } : {}) };
  }

  async channelQuiz(id: number): Promise<ChannelQuiz | undefined> {
    const row = this.sql(QUIZ_SQL.channelQuiz).get({ id }) as ChannelQuizRow | undefined;
    return row && toChannelQuiz(row);
  }

  async tally(channelQuizId: number): Promise<{ answered: number; correct: number }> {
    return this.sql(QUIZ_SQL.tally).get({ channelQuiz: channelQuizId }) as {
      answered: number;
      correct: number;
    };
  }

  async totals(): Promise<{ people: number; answers: number; correct: number }> {
    return this.sql(QUIZ_SQL.totals).get() as { people: number; answers: number; correct: number };
  }

  async mostMissed(limit: number): Promise<MissedQuestion[]> {
    return this.sql(QUIZ_SQL.mostMissed).all({ limit }) as MissedQuestion[];
  }
}
