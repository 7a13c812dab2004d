import type {
  ChannelQuiz,
  ChooseQuestion,
  MissedQuestion,
  QuestionPick,
  QuizAnswer,
  QuizStore,
} from '../../quiz/store';
import type { RotationState } from '../../tips/rotation';
import type { TourProgress, TourStore } from '../../tour/store';
import {
  type ChannelQuizRow,
  iso,
  keptQuizAnswer,
  type QuizAnswerRow,
  quizAnswerParams,
  type TourProgressRow,
  toChannelQuiz,
  toQuizAnswer,
  toTourProgress,
  tourParams,
} from '../rows';
import { QUIZ_SQL, ROTATION_SQL, TOUR_SQL } from '../sql';
import type { PgDatabase } from './database';
import { readRotation, writeRotation } from './rotations';

/** The TourStore on Postgres, shared by replicas: the statements SqliteTourStore runs. */
export class PgTourStore implements TourStore {
  constructor(private readonly db: PgDatabase) {}

  async progress(userId: string): Promise<TourProgress | undefined> {
    const row = await this.db.get<TourProgressRow>(TOUR_SQL.progress, { userId });
    return row && toTourProgress(row);
  }

  async save(progress: TourProgress): Promise<void> {
    await this.db.run(TOUR_SQL.save, tourParams(progress));
  }

  async counts(): Promise<{ started: number; finished: number }> {
    return (await this.db.get<{ started: number; finished: number }>(TOUR_SQL.counts)) as {
      started: number;
      finished: number;
    };
  }
}

/** Serializes moving one audience's round of questions on across replicas. */
const rotationLock = (audience: string) => `quiz rotation ${audience}`;

/**
 * The QuizStore on Postgres, shared by replicas: the statements SqliteQuizStore runs. An answer is counted
 * once by the unique indexes (a press on each of two replicas at once counts once); a round is moved on
 * behind an advisory lock on its audience, so two replicas never show the same question twice in a round.
 */
export class PgQuizStore implements QuizStore {
  constructor(private readonly db: PgDatabase) {}

  async rotation(audience: string): Promise<RotationState | undefined> {
    return readRotation(this.db, ROTATION_SQL.quiz, audience);
  }

  async advance(audience: string, choose: ChooseQuestion, at: Date): Promise<QuestionPick | undefined> {
    return this.db.transaction(
      async (tx) => {
        const picked = choose(await readRotation(tx, ROTATION_SQL.quiz, audience));
        if (!picked) return undefined;
        await writeRotation(tx, ROTATION_SQL.quiz, audience, picked.state, at);
        return { questionId: picked.tipId, round: picked.state.cycle, seen: picked.state.shown.length };
      },
      [rotationLock(audience)],
    );
  }

  async record(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    const params = quizAnswerParams(answer);
    // A conflicting insert waits for the other one to commit, so the first answer is there to read after.
    if ((await this.db.run(QUIZ_SQL.record, params)) === 1)
      return { recorded: true, answer: keptQuizAnswer(answer) };
    const first = (await this.db.get<QuizAnswerRow>(
      answer.channelQuiz === undefined ? QUIZ_SQL.ownAnswer : QUIZ_SQL.channelAnswer,
      params,
    )) as QuizAnswerRow;
    return { recorded: false, answer: toQuizAnswer(first) };
  }

  async answersOf(userId: string): Promise<QuizAnswer[]> {
    return (await this.db.all<QuizAnswerRow>(QUIZ_SQL.answersOf, { userId })).map(toQuizAnswer);
  }

  async openChannelQuiz(
    channelId: string,
    questionId: string,
    at: Date,
    postedBy?: string,
  ): Promise<ChannelQuiz> {
    const row = (await this.db.get<{ id: number }>(QUIZ_SQL.openChannelQuiz, {
      channelId,
      questionId,
      postedBy: postedBy ?? null,
      at: iso(at),
    })) as { id: number };
    return { id: row.id, channelId, questionId, at, ...(postedBy ? { postedBy } : {}) };
  }

  async channelQuiz(id: number): Promise<ChannelQuiz | undefined> {
    const row = await this.db.get<ChannelQuizRow>(QUIZ_SQL.channelQuiz, { id });
    return row && toChannelQuiz(row);
  }

  async tally(channelQuizId: number): Promise<{ answered: number; correct: number }> {
    return (await this.db.get(QUIZ_SQL.tally, { channelQuiz: channelQuizId })) as {
      answered: number;
      correct: number;
    };
  }

  async totals(): Promise<{ people: number; answers: number; correct: number }> {
    return (await this.db.get(QUIZ_SQL.totals)) as { people: number; answers: number; correct: number };
  }

  async mostMissed(limit: number): Promise<MissedQuestion[]> {
    return this.db.all<MissedQuestion>(QUIZ_SQL.mostMissed, { limit });
  }
}
