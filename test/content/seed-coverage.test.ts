import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type Topic } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import { loadQuizQuestions } from '../../src/quiz/questions';
import { loadTourSteps } from '../../src/tour/steps';

/** The facts the explanations must cover (a copy of the seed, kept here so CI has it). */
const SEED = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'seed', 'docker-images-vs-containers.md'),
  'utf8',
);
const FACTS: { fact: string; topic: string; mustMention: string[] }[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-facts.json'), 'utf8'),
);
const content = loadContent();

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function topicText(topic: Topic): string {
  const compare = topic.compare?.rows.map((r) => `${r.aspect} ${r.left} ${r.right}`).join(' ') ?? '';
  return [topic.title, topic.summary, compare, ...topic.sections.map((s) => `${s.heading} ${s.body}`)]
    .join(' ')
    .toLowerCase();
}

describe('seed coverage', () => {
  it('maps at least 18 facts of the seed', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(18);
  });

  it.each(FACTS.map((f) => [f.fact, f.topic, f.mustMention]))('%s (topic %s)', (_fact, topicId, terms) => {
    const topic = content.topics.find((t) => t.id === topicId);
    expect(topic).toBeDefined();
    const text = topicText(topic as Topic);
    for (const term of terms)
      expect(`${topicId}: ${text.includes(term.toLowerCase()) ? term : `missing "${term}"`}`).toBe(
        `${topicId}: ${term}`,
      );
  });
});

describe('content is written in our own words', () => {
  const RUN = 8;
  const seedWords = wordsOf(SEED);
  const seedRuns = new Set<string>();
  for (let i = 0; i + RUN <= seedWords.length; i++) seedRuns.add(seedWords.slice(i, i + RUN).join(' '));

  const files = [
    ...content.topics.map((t) => ({ file: t.file, text: topicText(t) })),
    ...content.tips.map((t) => ({ file: t.file, text: `${t.title} ${t.body}` })),
    ...loadTourSteps(
      content.topics,
      DEMOS.map((d) => d.id),
    ).map((s) => ({
      file: s.file,
      text: [s.title, s.body, s.check.question, ...s.check.options, s.check.explain].join(' '),
    })),
    ...loadQuizQuestions(content.topics).map((q) => ({
      file: q.file,
      text: [q.question, ...q.options, q.explain].join(' '),
    })),
  ];

  it.each(files.map((f) => [f.file, f.text]))(
    `%s shares no run of ${RUN} words with the seed`,
    (_file, text) => {
      const ws = wordsOf(text);
      const copied: string[] = [];
      for (let i = 0; i + RUN <= ws.length; i++) {
        const run = ws.slice(i, i + RUN).join(' ');
        if (seedRuns.has(run)) copied.push(run);
      }
      expect(copied).toEqual([]);
    },
  );
});
