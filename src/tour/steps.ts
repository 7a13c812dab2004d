import { loadCollection } from '../content/collection';
import { DEFAULT_CONTENT_DIR, type Topic } from '../content/load';
import { TourStepFrontMatter } from '../content/schema';
import { ContentError } from '../errors';

/** One step of the guided tour (`content/tour/<id>.md`). */
export interface TourStep {
  id: string;
  order: number;
  title: string;
  topic: string;
  demo: string;
  /** A few sentences of the content's Markdown. */
  body: string;
  check: { question: string; options: string[]; answer: number; explain: string };
  file: string;
  /** Playground commands that do what the demo shows (`/docker try …`), from the demo's narrative. */
  tryIt?: string;
}

/** A step's text, in characters: a few sentences, short enough to read in a minute. */
const BODY = { min: 80, max: 700 };

/**
 * Loads the tour's steps in their `order`; the first problem throws a ContentError naming the file and the
 * field. `topics` and `demoIds` are what the steps may link to.
 */
export function loadTourSteps(
  topics: readonly Topic[],
  demoIds: readonly string[],
  contentDir: string = DEFAULT_CONTENT_DIR,
): TourStep[] {
  const steps = loadCollection(contentDir, 'tour', TourStepFrontMatter).map(
    ({ file, front, body }): TourStep => {
      if (!topics.some((t) => t.id === front.topic))
        throw new ContentError(file, 'topic', `no topic "${front.topic}"`);
      if (!demoIds.includes(front.demo))
        throw new ContentError(file, 'demo', `no demo "${front.demo}" (demos: ${demoIds.join(', ')})`);
      const text = body.trim();
      if (/^#/m.test(text)) throw new ContentError(file, 'body', 'must be paragraphs, without headings');
      if (text.length < BODY.min || text.length > BODY.max)
        throw new ContentError(file, 'body', `must be ${BODY.min} to ${BODY.max} characters`);
      return { ...front, body: text, file };
    },
  );
  steps.sort((a, b) => a.order - b.order);
  steps.forEach((step, i) => {
    const before = steps[i - 1];
    if (before?.order === step.order)
      throw new ContentError(step.file, 'order', `${step.order} is also the order of ${before.file}`);
  });
  return steps;
}
