/**
 * `npm run bench:ask`: how well and how fast questions are answered, in process. Reports accuracy on
 * test/fixtures/questions.json, p50/p99 latency per question, and index build time, for our AnswerIndex and,
 * in the same run, for a plain MiniSearch query over the same sections (no synonyms, spelling, comparisons
 * or confidence) as the baseline. Machines are shared: compare the ratios, not the absolute times.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { loadContent } from '../src/content/load';
import { QuestionAnswerer } from '../src/explain/ask';
import { plainQuestion } from '../src/explain/question';
import { AnswerIndex } from '../src/explain/search';
import { AnswerStore } from '../src/store/questions';
import { Store } from '../src/store/store';
import questions from '../test/fixtures/questions.json';
import { fmt, summary } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const BUILDS = Number(process.env.BENCH_BUILDS ?? 20);

interface Asked {
  q: string;
  expect?: string[];
  previous?: string;
  heldOut?: boolean;
  batch?: number;
}

const answerable = questions.answerable as Asked[];
const offTopic = questions.offTopic as Asked[];
const content = loadContent();

type Finder = (question: string, previous?: string) => string | undefined;

function plainMiniSearch(): MiniSearch {
  const search = new MiniSearch({ fields: ['heading', 'body'], searchOptions: { boost: { heading: 2 } } });
  for (const topic of content.topics)
    for (const s of topic.sections) search.add({ id: s.id, heading: s.heading, body: s.body });
  for (const tip of content.tips) search.add({ id: `tip:${tip.id}`, heading: tip.title, body: tip.body });
  return search;
}

function timeBuilds(build: () => unknown): ReturnType<typeof summary> {
  const times: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const began = performance.now();
    build();
    times.push(performance.now() - began);
  }
  return summary(times);
}

/** The batches of the question set, each written in one go; held-out ones are only ever counted. */
const batches: { name: string; of: (q: Asked) => boolean }[] = [
  { name: 'batch 1', of: (q) => q.batch === undefined && !q.heldOut },
  { name: 'batch 1 held out', of: (q) => q.batch === undefined && !!q.heldOut },
  { name: 'batch 2 dev', of: (q) => q.batch === 2 && !q.heldOut },
  { name: 'batch 2 held out', of: (q) => q.batch === 2 && !!q.heldOut },
  { name: 'batch 4 dev', of: (q) => q.batch === 4 && !q.heldOut },
];

function measure(find: Finder) {
  const right = (q: Asked) => {
    const id = find(q.q, q.previous);
    return id !== undefined && (q.expect ?? []).includes(id);
  };
  const declined = (q: Asked) => find(q.q) === undefined;
  const rate = (list: Asked[], ok: (q: Asked) => boolean) => list.filter(ok).length / list.length;
  const accuracy = {
    all: rate(answerable, right),
    heldOut: rate(
      answerable.filter((q) => q.heldOut),
      right,
    ),
    declined: rate(offTopic, declined),
    batches: batches.map((b) => ({
      name: b.name,
      answerable: answerable.filter(b.of).length,
      right: rate(answerable.filter(b.of), right),
      offTopic: offTopic.filter(b.of).length,
      declined: rate(offTopic.filter(b.of), declined),
    })),
  };
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of [...answerable, ...offTopic]) {
      const began = performance.now();
      find(q.q, q.previous);
      times.push(performance.now() - began);
    }
  }
  return { accuracy, latency: summary(times) };
}

function main() {
  const baselineBuild = timeBuilds(plainMiniSearch);
  const oursBuild = timeBuilds(() => new AnswerIndex(content));

  const plain = plainMiniSearch();
  const baseline = measure((q) => plain.search(q, { prefix: true, fuzzy: 0.2 })[0]?.id as string | undefined);
  const index = new AnswerIndex(content);
  const ours = measure((q, previous) => index.find(plainQuestion(q), { previous }).best?.id);

  // The whole path a Slack question takes in process: clean, find, log to SQLite, build the message.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-bench-ask-'));
  const store = Store.open(dir);
  const answerer = new QuestionAnswerer({ index, content, log: new AnswerStore(store) });
  const conversation = (q: string) => `bench:${q}`;
  for (const q of answerable)
    if (q.previous)
      answerer.ask({
        text: q.previous,
        userId: 'UBENCH',
        conversation: conversation(q.q),
        source: 'mention',
      });
  const full = measure((q) => {
    const answered = answerer.ask({
      text: q,
      userId: 'UBENCH',
      conversation: conversation(q),
      source: 'mention',
    });
    return answered.finding.best?.id;
  });
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // A batch with no off-topic questions has no rate (0 / 0): shown as a dash.
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${fmt(x * 100, 1)}%`);
  const lines = [
    `questions: ${answerable.length} about Docker (${answerable.filter((q) => q.heldOut).length} held out), ${offTopic.length} off-topic; ${ROUNDS} rounds`,
    '',
    '                          answered right   held-out right   off-topic declined   p50 ms   p99 ms',
    `plain MiniSearch          ${pct(baseline.accuracy.all).padStart(14)}   ${pct(baseline.accuracy.heldOut).padStart(14)}   ${pct(baseline.accuracy.declined).padStart(18)}   ${fmt(baseline.latency.p50, 3).padStart(6)}   ${fmt(baseline.latency.p99, 3).padStart(6)}`,
    `AnswerIndex.find          ${pct(ours.accuracy.all).padStart(14)}   ${pct(ours.accuracy.heldOut).padStart(14)}   ${pct(ours.accuracy.declined).padStart(18)}   ${fmt(ours.latency.p50, 3).padStart(6)}   ${fmt(ours.latency.p99, 3).padStart(6)}`,
    `QuestionAnswerer.ask      ${pct(full.accuracy.all).padStart(14)}   ${pct(full.accuracy.heldOut).padStart(14)}   ${pct(full.accuracy.declined).padStart(18)}   ${fmt(full.latency.p50, 3).padStart(6)}   ${fmt(full.latency.p99, 3).padStart(6)}`,
    '',
    `answer p99 vs plain MiniSearch: ${fmt(ours.latency.p99 / baseline.latency.p99)}x (find), ${fmt(full.latency.p99 / baseline.latency.p99)}x (ask with SQLite)`,
    `index build p50/p99: ${fmt(oursBuild.p50, 1)}/${fmt(oursBuild.p99, 1)} ms; plain MiniSearch ${fmt(baselineBuild.p50, 1)}/${fmt(baselineBuild.p99, 1)} ms (${fmt(oursBuild.p50 / baselineBuild.p50)}x)`,
    '',
    'AnswerIndex.find by batch   answerable   right    off-topic   declined',
    ...ours.accuracy.batches.map(
      (b) =>
        `${b.name.padEnd(26)}  ${String(b.answerable).padStart(10)}   ${pct(b.right).padStart(6)}   ${String(b.offTopic).padStart(9)}   ${pct(b.declined).padStart(8)}`,
    ),
    '',
    `goals: answer p99 < 20 ms -> ${full.latency.p99 < 20 ? 'met' : 'NOT met'}; index build < 200 ms -> ${oursBuild.p99 < 200 ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
