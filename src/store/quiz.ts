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
import { preparedStatements } from './statements';
import { Store } from './store';

interface AnswerRow {
  user_id: string;
  question_id: string;
  choice: number;
  correct: number;
  round: number | null;
  channel_quiz: number | null;
  answered_at: string;
}

interface ChannelQuizRow {
  id: number;
  channel_id: string;
  question_id: string;
  posted_by: string | null;
  created_at: string;
}

const toAnswer = (row: AnswerRow): QuizAnswer => ({
  userId: row.user_id,
  questionId: row.question_id,
  choice: row.choice,
  correct: row.correct === 1,
  at: new Date(row.answered_at),
  ...(row.round === null ? {} : { round: row.round }),
  ...(row.channel_quiz === null ? {} : { channelQuiz: row.channel_quiz }),
});

const toChannelQuiz = (row: ChannelQuizRow): ChannelQuiz => ({
  id: row.id,
  channelId: row.channel_id,
  questionId: row.question_id,
  at: new Date(row.created_at),
  ...(row.posted_by === null ? {} : { postedBy: row.posted_by }),
});

/**
 * The QuizStore on SQLite (migration 7). An answer is counted once by the database itself (two unique
 * indexes), so two presses at the same moment cannot both count.
 */
export class SqliteQuizStore implements QuizStore {
  private readonly db: Database.Database;
  private readonly rotations: RotationTable;
  /** A prepared statement, prepared once per store. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(store: Store) {
    this.db = Store.handle(store);
    this.sql = preparedStatements(this.db);
    this.rotations = new RotationTable(this.db, 'quiz_rotations', 'last_question');
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
      const inserted = this.sql(
        `INSERT INTO quiz_answers (user_id, question_id, choice, correct, round, channel_quiz, answered_at)
           VALUES (@userId, @questionId, @choice, @correct, @round, @channelQuiz, @at)
           ON CONFLICT DO NOTHING`,
      ).run({
        userId: answer.userId,
        questionId: answer.questionId,
        choice: answer.choice,
        correct: Number(answer.correct),
        round: answer.channelQuiz === undefined ? (answer.round ?? 0) : null,
        channelQuiz: answer.channelQuiz ?? null,
        at: answer.at.toISOString(),
      });
      if (inserted.changes === 1)
        return {
          recorded: true,
          answer: answer.channelQuiz === undefined ? { ...answer, round: answer.round ?? 0 } : answer,
        };
      const first = (
        answer.channelQuiz === undefined
          ? this.sql(
              'SELECT * FROM quiz_answers WHERE user_id = ? AND question_id = ? AND round = ? AND channel_quiz IS NULL',
            ).get(answer.userId, answer.questionId, answer.round ?? 0)
          : this.sql('SELECT * FROM quiz_answers WHERE channel_quiz = ? AND user_id = ?').get(
              answer.channelQuiz,
              answer.userId,
            )
      ) as AnswerRow;
      return { recorded: false, answer: toAnswer(first) };
    })();
  }

  async answersOf(userId: string): Promise<QuizAnswer[]> {
    return (
      this.sql('SELECT * FROM quiz_answers WHERE user_id = ? ORDER BY id').all(userId) as AnswerRow[]
    ).map(toAnswer);
  }

  async openChannelQuiz(
    channelId: string,
    questionId: string,
    at: Date,
    postedBy?: string,
  ): Promise<ChannelQuiz> {
    const result = this.sql(
      'INSERT INTO channel_quizzes (channel_id, question_id, posted_by, created_at) VALUES (?, ?, ?, ?)',
    ).run(channelId, questionId, postedBy ?? null, at.toISOString());
    return {
      id: Number(result.lastInsertRowid),
      channelId,
      questionId,
      at,
      ...(postedBy ? { postedBy } : {}),
    };
  }

  async channelQuiz(id: number): Promise<ChannelQuiz | undefined> {
    const row = this.sql('SELECT * FROM channel_quizzes WHERE id = ?').get(id) as ChannelQuizRow | undefined;
    return row && toChannelQuiz(row);
  }

  async tally(channelQuizId: number): Promise<{ answered: number; correct: number }> {
    return this.sql(
      'SELECT COUNT(*) AS answered, COALESCE(SUM(correct), 0) AS correct FROM quiz_answers WHERE channel_quiz = ?',
    ).get(channelQuizId) as { answered: number; correct: number };
  }

  async totals(): Promise<{ people: number; answers: number; correct: number }> {
    return this.sql(
      `SELECT COUNT(DISTINCT user_id) AS people, COUNT(*) AS answers, COALESCE(SUM(correct), 0) AS correct
         FROM quiz_answers`,
    ).get() as { people: number; answers: number; correct: number };
  }

  async mostMissed(limit: number): Promise<MissedQuestion[]> {
    return this.sql(
      `SELECT question_id AS questionId, COUNT(*) AS answered, SUM(1 - correct) AS wrong FROM quiz_answers
         GROUP BY question_id HAVING SUM(1 - correct) > 0
         ORDER BY wrong DESC, CAST(SUM(1 - correct) AS REAL) / COUNT(*) DESC, questionId LIMIT ?`,
    ).all(limit) as MissedQuestion[];
  }
}
