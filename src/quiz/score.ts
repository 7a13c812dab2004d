import type { QuizAnswer } from './store';

/** A person's quiz record, read from their answers. */
export interface QuizScore {
  answered: number;
  correct: number;
  /** Right answers in a row, up to the latest. */
  streak: number;
  /** The longest run of right answers so far. */
  bestStreak: number;
}

/** Score and streaks from a person's answers, oldest first. Pure. */
export function scoreOf(answers: readonly Pick<QuizAnswer, 'correct'>[]): QuizScore {
  let streak = 0;
  let bestStreak = 0;
  let correct = 0;
  for (const answer of answers) {
    if (answer.correct) {
      correct += 1;
      streak += 1;
      bestStreak = Math.max(bestStreak, streak);
    } else streak = 0;
  }
  return { answered: answers.length, correct, streak, bestStreak };
}

/** `7 of 9 right (78%)`, or `no answers yet`. */
export function scoreLine(score: Pick<QuizScore, 'answered' | 'correct'>): string {
  if (score.answered === 0) return 'no answers yet';
  return `${score.correct} of ${score.answered} right (${percent(score.correct, score.answered)})`;
}

/** A share as a whole percentage: `78%`. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}
