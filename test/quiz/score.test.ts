import { percent, scoreLine, scoreOf } from '../../src/quiz/score';

const answers = (pattern: string) => [...pattern].map((c) => ({ correct: c === '1' }));

describe('scoreOf', () => {
  it.each([
    ['', { answered: 0, correct: 0, streak: 0, bestStreak: 0 }],
    ['111', { answered: 3, correct: 3, streak: 3, bestStreak: 3 }],
    ['11011', { answered: 5, correct: 4, streak: 2, bestStreak: 2 }],
    ['1110', { answered: 4, correct: 3, streak: 0, bestStreak: 3 }],
    ['0111101', { answered: 7, correct: 5, streak: 1, bestStreak: 4 }],
  ])('%p', (pattern, score) => {
    expect(scoreOf(answers(pattern))).toEqual(score);
  });

  it('reads as people say it', () => {
    expect(scoreLine({ answered: 0, correct: 0 })).toBe('no answers yet');
    expect(scoreLine({ answered: 9, correct: 7 })).toBe('7 of 9 right (78%)');
    expect(percent(2, 3)).toBe('67%');
    expect(percent(0, 0)).toBe('0%');
  });
});
