import { loadCollection } from '../content/collection';
import { DEFAULT_CONTENT_DIR, type Topic } from '../content/load';
import { QuizQuestionFrontMatter } from '../content/schema';
import { ContentError } from '../errors';

/** A quiz question (`content/quiz/<id>.md`): the right option is `options[answer - 1]`. */
export interface QuizQuestion {
  id: string;
  topic: string;
  question: string;
  options: string[];
  /** The number (from 1) of the right option. */
  answer: number;
  /** Two sentences on why the answer is right, shown after answering. */
  explain: string;
  file: string;
}

const EXPLAIN = { min: 60, max: 450 };

/** Sentences in a text, counted by their ends; `code` is left out, so `docker.io` or `-v .` do not count. */
export function countSentences(text: string): number {
  const prose = text.replace(/`[^`]*`/g, 'code').replace(/\b(e\.g|i\.e|etc|vs)\./gi, '$1');
  return (prose.match(/[.!?](?=\s|$)/g) ?? []).length;
}

/** Loads every quiz question; the first problem throws a ContentError naming the file and the field. */
export function loadQuizQuestions(
  topics: readonly Topic[],
  contentDir: string = DEFAULT_CONTENT_DIR,
): QuizQuestion[] {
  return loadCollection(contentDir, 'quiz', QuizQuestionFrontMatter).map(({ file, front, body }) => {
    if (!topics.some((t) => t.id === front.topic))
      throw new ContentError(file, 'topic', `no topic "${front.topic}"`);
    const explain = body.trim().replace(/\s*\n\s*/g, ' ');
    if (explain.length < EXPLAIN.min || explain.length > EXPLAIN.max)
      throw new ContentError(file, 'body', `must be ${EXPLAIN.min} to ${EXPLAIN.max} characters`);
    if (countSentences(explain) !== 2)
      throw new ContentError(file, 'body', 'must be two sentences that explain the answer');
    return { ...front, explain, file };
  });
}
