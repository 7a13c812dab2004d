import type {
  ChannelQuiz,
  ChooseQuestion,
  MissedQuestion,
  QuestionPick,
  QuizAnswer,
  QuizStore,
} from '../../quiz/store';
import type { RotationState } from '../../tips/rotation';

const copy = <T>(value: T): T => structuredClone(value);

/** Which answer an answer competes with: the same person's same question and round, or channel quiz. */
const onceKey = (a: QuizAnswer) =>
  a.channelQuiz === undefined
    ? `own ${a.userId} ${a.questionId} ${a.round ?? 0}`
    : `channel ${a.channelQuiz} ${a.userId}`;

/**
 * The QuizStore in memory: for unit tests of the quiz and anything that quizzes without a database. It keeps
 * every promise SqliteQuizStore keeps (test/store/learning.contract.ts runs against both); each method runs to
 * its end without awaiting, which is what makes it atomic.
 */
export class MemoryQuizStore implements QuizStore {
  private readonly rotations = new Map<string, RotationState>();
  private readonly answers: QuizAnswer[] = [];
  private readonly firstAnswer = new Map<string, QuizAnswer>();
  private readonly quizzes: ChannelQuiz[] = [];

  async rotation(audience: string): Promise<RotationState | undefined> {
    const found = this.rotations.get(audience);
    return found && copy(found);
  }

  async advance(audience: string, choose: ChooseQuestion, _at: Date): Promise<QuestionPick | undefined> {
    const picked = choose(await this.rotation(audience));
    if (!picked) return undefined;
    this.rotations.set(audience, copy(picked.state));
    return { questionId: picked.tipId, round: picked.state.cycle, seen: picked.state.shown.length };
  }

  async record(answer: QuizAnswer): Promise<{ recorded: boolean; answer: QuizAnswer }> {
    const key = onceKey(answer);
    const first = this.firstAnswer.get(key);
    if (first) return { recorded: false, answer: copy(first) };
    const stored = copy(answer.channelQuiz === undefined ? { ...answer, round: answer.round ?? 0 } : answer);
    this.firstAnswer.set(key, stored);
    this.answers.push(stored);
    return { recorded: true, answer: copy(stored) };
  }

  async answersOf(userId: string): Promise<QuizAnswer[]> {
    return this.answers.filter((a) => a.userId === userId).map(copy);
  }

  async openChannelQuiz(
    channelId: string,
    questionId: string,
    at: Date,
    postedBy?: string,
  ): Promise<ChannelQuiz> {
    const quiz = {
      id: this.quizzes.length + 1,
      channelId,
      questionId,
      at,
      ...(postedBy ? { postedBy } : {}),
    };
    this.quizzes.push(quiz);
    return copy(quiz);
  }

  async channelQuiz(id: number): Promise<ChannelQuiz | undefined> {
    const found = this.quizzes.find((q) => q.id === id);
    return found && copy(found);
  }

  async tally(channelQuizId: number): Promise<{ answered: number; correct: number }> {
    const mine = this.answers.filter((a) => a.channelQuiz === channelQuizId);
    return { answered: mine.length, correct: mine.filter((a) => a.correct).length };
  }

  async totals(): Promise<{ people: number; answers: number; correct: number }> {
    return {
      people: new Set(this.answers.map((a) => a.userId)).size,
      answers: this.answers.length,
      correct: this.answers.filter((a) => a.correct).length,
    };
  }

  async mostMissed(limit: number): Promise<MissedQuestion[]> {
    const byQuestion = new Map<string, MissedQuestion>();
    for (const a of this.answers) {
      const q = byQuestion.get(a.questionId) ?? { questionId: a.questionId, answered: 0, wrong: 0 };
      q.answered += 1;
      if (!a.correct) q.wrong += 1;
      byQuestion.set(a.questionId, q);
    }
    return [...byQuestion.values()]
      .filter((q) => q.wrong > 0)
      .sort(
        (a, b) =>
          b.wrong - a.wrong ||
          b.wrong / b.answered - a.wrong / a.answered ||
          (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0),
      )
      .slice(0, limit);
  }
}
