import { loadContent } from '../../src/content/load';
import { plainQuestion } from '../../src/explain/question';
import { AnswerIndex } from '../../src/explain/search';
import questions from '../fixtures/questions.json';

const content = loadContent();
const index = new AnswerIndex(content);

interface Answerable {
  q: string;
  expect: string[];
  previous?: string;
  batch?: number;
}

/** The topics issue 9 added: every section of theirs is new. */
const NEW_TOPICS = ['platforms', 'ports'];

/** What issue 9 added elsewhere: gaps filled in existing topics, and new tips. */
const NEW_ELSEWHERE = [
  'cleanup#what-happens-if-i-rmi-an-image-a-running-container-uses',
  'image#what-changed-with-docker-29',
  'kernel#what-about-windows-containers-and-hyper-v-isolation',
  'lifecycle#why-does-docker-stop-take-10-seconds-and-exit-with-137',
  'tip:init-forwards-signals',
  'tip:expose-does-not-publish',
  'tip:rmi-force-keeps-running-container',
];

const NEW = [
  ...content.topics.filter((t) => NEW_TOPICS.includes(t.id)).flatMap((t) => t.sections.map((s) => s.id)),
  ...NEW_ELSEWHERE,
];

/** Batch 4 of the question set was written for these, one or more questions for each. */
const batch4 = (questions.answerable as Answerable[]).filter((q) => q.batch === 4);

describe('the sections and tips added for issue 9', () => {
  it('exist, and the new topics have their sections', () => {
    for (const id of NEW) expect(index.get(id)?.id).toBe(id);
    expect(NEW.length).toBeGreaterThanOrEqual(NEW_ELSEWHERE.length + 8);
  });

  it.each(NEW)('%s is expected by a question of batch 4', (id) => {
    expect(batch4.filter((q) => q.expect.includes(id)).map((q) => q.q)).not.toEqual([]);
  });

  it.each(NEW)('%s is the answer, or among the top 3, for one of its batch 4 questions', (id) => {
    const tried = batch4
      .filter((q) => q.expect.includes(id))
      .map((q) => {
        const found = index.find(plainQuestion(q.q), { previous: q.previous });
        const top = found.ranked.slice(0, 3).map((c) => c.doc.id);
        return { q: q.q, reached: found.best?.id === id || top.includes(id), top };
      });
    const reached = tried.some((t) => t.reached);
    if (!reached)
      throw new Error(
        `${id} is not reached:\n${tried.map((t) => `${t.q} → ${t.top.join(', ')}`).join('\n')}`,
      );
  });
});
