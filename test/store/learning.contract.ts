import type { QuizAnswer, QuizStore } from '../../src/quiz/store';
import { nextTip } from '../../src/tips/rotation';
import type { TourProgress, TourStore } from '../../src/tour/store';
import { END_OF_TOUR } from '../../src/tour/store';
import { seededRandom } from '../helpers/seeded-random';

/** One implementation of the learning path's ports, on data that outlives a `reopen` (a restart of the app). */
export interface LearningStores {
  tour: TourStore;
  quiz: QuizStore;
}

export interface LearningStoresBackend {
  open(): LearningStores;
  reopen(): LearningStores;
  cleanup(): void | Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
const QUESTIONS = ['q1', 'q2', 'q3', 'q4'];

const progress = (over: Partial<TourProgress> = {}): TourProgress => ({
  userId: 'U1',
  stepId: 'layers',
  checks: { 'what-is-an-image': { choice: 2, correct: true } },
  startedAt: at(0),
  updatedAt: at(3),
  ...over,
});

const own = (over: Partial<QuizAnswer> = {}): QuizAnswer => ({
  userId: 'U1',
  questionId: 'q1',
  choice: 2,
  correct: true,
  at: at(1),
  round: 1,
  ...over,
});

/**
 * The promises every implementation of src/tour/store.ts and src/quiz/store.ts keeps; test/store/learning.test.ts,
 * test/store/memory/learning.test.ts and test/store/postgres/learning.test.ts run them.
 */
export function learningStoresContract(
  makeBackend: () => LearningStoresBackend | Promise<LearningStoresBackend>,
): void {
  let backend: LearningStoresBackend;
  beforeEach(async () => {
    backend = await makeBackend();
  });
  afterEach(() => backend.cleanup());

  describe('TourStore', () => {
    it('keeps each person’s progress, with the DM message that shows it, across a restart', async () => {
      const { tour } = backend.open();
      expect(await tour.progress('U1')).toBeUndefined();
      const saved = progress({ message: { channel: 'D0U1', ts: '1700000000.000100' } });
      await tour.save(saved);
      await tour.save(progress({ userId: 'U2' }));
      expect(await backend.reopen().tour.progress('U1')).toEqual(saved);
      expect(await backend.reopen().tour.progress('U2')).toEqual(progress({ userId: 'U2' }));
    });

    it('replaces progress on save and counts who started and who finished', async () => {
      const { tour } = backend.open();
      await tour.save(progress());
      await tour.save(progress({ userId: 'U2' }));
      expect(await tour.counts()).toEqual({ started: 2, finished: 0 });
      await tour.save(progress({ stepId: END_OF_TOUR, finishedAt: at(9), checks: {} }));
      expect(await tour.progress('U1')).toEqual(
        progress({ stepId: END_OF_TOUR, finishedAt: at(9), checks: {} }),
      );
      expect(await tour.counts()).toEqual({ started: 2, finished: 1 });
    });
  });

  describe('QuizStore', () => {
    it('advances an audience through a round of questions, each once, and keeps it across a restart', async () => {
      let { quiz } = backend.open();
      const random = seededRandom(7);
      const seen: string[] = [];
      for (let i = 0; i < QUESTIONS.length; i++) {
        const pick = await quiz.advance('user:U1', (saved) => nextTip(saved, QUESTIONS, random), at(i));
        expect(pick).toEqual({ questionId: expect.any(String), round: 1, seen: i + 1 });
        seen.push(pick?.questionId ?? '');
        if (i === 1) {
          quiz = backend.reopen().quiz;
          expect((await quiz.rotation('user:U1'))?.shown).toEqual(seen);
        }
      }
      expect([...seen].sort()).toEqual(QUESTIONS);
      const reopened = backend.reopen().quiz;
      expect(await reopened.rotation('user:U2')).toBeUndefined();
      const next = await reopened.advance('user:U1', (saved) => nextTip(saved, QUESTIONS, random), at(9));
      expect(next).toMatchObject({ round: 2, seen: 1 });
      expect(await reopened.advance('user:U1', () => undefined, at(9))).toBeUndefined();
    });

    it('counts a person’s own question once per round, and returns the first answer after that', async () => {
      const { quiz } = backend.open();
      expect(await quiz.record(own())).toEqual({ recorded: true, answer: own() });
      const again = await quiz.record(own({ choice: 3, correct: false, at: at(2) }));
      expect(again).toEqual({ recorded: false, answer: own() });
      expect((await quiz.record(own({ round: 2, correct: false }))).recorded).toBe(true);
      expect((await quiz.record(own({ userId: 'U2' }))).recorded).toBe(true);
      const answers = await backend.reopen().quiz.answersOf('U1');
      expect(answers).toEqual([own(), own({ round: 2, correct: false })]);
    });

    it('keeps channel quizzes and counts each person once per quiz, with a tally', async () => {
      const { quiz } = backend.open();
      const first = await quiz.openChannelQuiz('C1', 'q2', at(0), 'U9');
      const daily = await quiz.openChannelQuiz('C1', 'q3', at(1));
      expect(first).toEqual({
        id: expect.any(Number),
        channelId: 'C1',
        questionId: 'q2',
        at: at(0),
        postedBy: 'U9',
      });
      expect(daily.id).not.toBe(first.id);
      expect(await backend.reopen().quiz.channelQuiz(daily.id)).toEqual(daily);
      const store = backend.reopen().quiz;
      expect(await store.channelQuiz(daily.id + first.id + 100)).toBeUndefined();
      const answer = (userId: string, correct: boolean) =>
        store.record({
          userId,
          questionId: 'q2',
          choice: correct ? 1 : 2,
          correct,
          at: at(5),
          channelQuiz: first.id,
        });
      expect((await answer('U1', true)).recorded).toBe(true);
      expect((await answer('U2', false)).recorded).toBe(true);
      expect((await answer('U3', true)).recorded).toBe(true);
      const twice = await answer('U2', true);
      expect(twice.recorded).toBe(false);
      expect(twice.answer).toMatchObject({ userId: 'U2', correct: false, channelQuiz: first.id });
      expect(await store.tally(first.id)).toEqual({ answered: 3, correct: 2 });
      expect(await store.tally(daily.id)).toEqual({ answered: 0, correct: 0 });
      // A channel quiz and a question of one's own with the same question are different answers.
      expect((await store.record(own({ userId: 'U2', questionId: 'q2' }))).recorded).toBe(true);
    });

    it('sums everyone up and lists the questions missed most, worst first', async () => {
      const { quiz } = backend.open();
      expect(await quiz.totals()).toEqual({ people: 0, answers: 0, correct: 0 });
      expect(await quiz.mostMissed(5)).toEqual([]);
      await quiz.record(own({ questionId: 'q1', correct: false }));
      await quiz.record(own({ questionId: 'q2', correct: false }));
      await quiz.record(own({ questionId: 'q3', correct: true }));
      await quiz.record(own({ userId: 'U2', questionId: 'q2', correct: false }));
      await quiz.record(own({ userId: 'U3', questionId: 'q1', correct: true }));
      await quiz.record(own({ userId: 'U3', questionId: 'q4', correct: false }));
      await quiz.record(own({ userId: 'U4', questionId: 'q4', correct: true }));
      const store = backend.reopen().quiz;
      expect(await store.totals()).toEqual({ people: 4, answers: 7, correct: 3 });
      expect(await store.mostMissed(5)).toEqual([
        { questionId: 'q2', answered: 2, wrong: 2 },
        { questionId: 'q1', answered: 2, wrong: 1 },
        { questionId: 'q4', answered: 2, wrong: 1 },
      ]);
      expect(await store.mostMissed(1)).toEqual([{ questionId: 'q2', answered: 2, wrong: 2 }]);
    });
  });
}
