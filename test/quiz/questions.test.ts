import { loadContent } from '../../src/content/load';
import { countSentences, loadQuizQuestions } from '../../src/quiz/questions';
import { contentErrorWith } from '../helpers/content-copy';

const { topics } = loadContent();

describe('the quiz in content/quiz', () => {
  const questions = loadQuizQuestions(topics);

  it('has at least 40 questions, each tied to a topic, covering every topic', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((q) => q.topic))).toEqual(new Set(topics.map((t) => t.id)));
  });

  it('asks about the misconceptions people really have', () => {
    const wrong = questions.flatMap((q) => q.options.filter((_o, i) => i !== q.answer - 1)).join('\n');
    expect(wrong).toMatch(/image is updated with the new files/i);
    expect(wrong).toMatch(/It is deleted too/);
    expect(wrong).toMatch(/boots its own kernel/i);
  });

  it.each(questions.map((q) => [q.file, q]))(
    '%s: 3 or 4 different options and a two-sentence explanation',
    (_file, q) => {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.length).toBeLessThanOrEqual(4);
      expect(new Set(q.options).size).toBe(q.options.length);
      expect(q.options[q.answer - 1]).toBeDefined();
      expect(countSentences(q.explain)).toBe(2);
    },
  );

  it('spreads the right answers over the places', () => {
    const counts = [1, 2, 3, 4].map((place) => questions.filter((q) => q.answer === place).length);
    expect(Math.max(...counts)).toBeLessThan(questions.length / 2);
  });
});

describe('countSentences', () => {
  it('counts sentence ends, not dots in code or abbreviations', () => {
    expect(countSentences('One. Two!')).toBe(2);
    expect(countSentences('Pull `nginx:1.27` from `docker.io`. Then run it, e.g. with `-p 8080:80`.')).toBe(
      2,
    );
    expect(countSentences('Just one, with no end')).toBe(0);
  });
});

describe('a broken quiz question stops start-up naming the file and the field', () => {
  const FILE = 'quiz/rm-keeps-the-image.md';
  it.each([
    [
      'no question',
      (t: string) => t.replace(/^question: .*\n/m, ''),
      'content/quiz/rm-keeps-the-image.md: question:',
    ],
    [
      'an unknown topic',
      (t: string) => t.replace('topic: cleanup', 'topic: laundry'),
      'content/quiz/rm-keeps-the-image.md: topic: no topic "laundry"',
    ],
    [
      'five options',
      (t: string) => t.replace('options:', 'options:\n  - "a"\n  - "b"'),
      'content/quiz/rm-keeps-the-image.md: options: must list 3 or 4 options',
    ],
    [
      'the same option twice',
      (t: string) => t.replace('"It is deleted too"', '"It stays; images are removed with docker rmi"'),
      'content/quiz/rm-keeps-the-image.md: options: must all be different',
    ],
    [
      'answer 0',
      (t: string) => t.replace(/^answer: \d$/m, 'answer: 0'),
      'content/quiz/rm-keeps-the-image.md: answer: must be the number of an option',
    ],
    [
      'one sentence of explanation',
      (t: string) => t.replace(/\. Remove images.*$/s, ', and remove images with rmi.\n'),
      'content/quiz/rm-keeps-the-image.md: body: must be two sentences',
    ],
    [
      'an option too long for a button',
      (t: string) => t.replace('"It is deleted too"', `"${'x'.repeat(80)}"`),
      'content/quiz/rm-keeps-the-image.md: options.',
    ],
    [
      'an id that is not the file name',
      (t: string) => t.replace('id: rm-keeps-the-image', 'id: rm-keeps-image'),
      'content/quiz/rm-keeps-the-image.md: id:',
    ],
  ])('%s', async (_what, edit, message) => {
    expect(await contentErrorWith(FILE, edit, (dir) => loadQuizQuestions(topics, dir))).toContain(message);
  });
});
