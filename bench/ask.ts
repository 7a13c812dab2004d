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
import { AnswerIndex, type Finding } from '../src/explain/search';
import { SqliteAnswerLog } from '../src/store/questions';
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

/** What a finder gives for one question: the answer (if any), whether it is sure, and everything offered. */
interface Found {
  answer?: string;
  sure: boolean;
  /** The answer and every section offered as a button. */
  offered: string[];
}
/** In process a finder is synchronous; QuestionAnswerer.ask is asynchronous (it logs through a port). */
type Finder = (question: string, previous?: string) => Found | Promise<Found>;

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
  { name: 'batch 3 dev', of: (q) => q.batch === 3 && !q.heldOut },
  { name: 'batch 3 held out', of: (q) => q.batch === 3 && !!q.heldOut },
  { name: 'batch 4 dev', of: (q) => q.batch === 4 && !q.heldOut },
];
const inBatches = (q: Asked) => batches.some((b) => b.of(q));

interface Rates {
  answerable: number;
  /** The first answer is right. */
  right: number;
  /** A right section is among the answer and the buttons offered. */
  offered: number;
  /** A sure answer that is wrong (what listen mode would post), of the answerable ones. */
  sureWrong: number;
  offTopic: number;
  declined: number;
  /** Off-topic questions answered with a sure answer. */
  offTopicSure: number;
}

async function rates(find: Finder, answerableSet: Asked[], offTopicSet: Asked[]): Promise<Rates> {
  const share = (n: number, of: number) => (of ? n / of : Number.NaN);
  let right = 0;
  let offered = 0;
  let sureWrong = 0;
  for (const q of answerableSet) {
    const found = await find(q.q, q.previous);
    const ok = (id: string | undefined) => id !== undefined && (q.expect ?? []).includes(id);
    if (ok(found.answer)) right += 1;
    if (found.offered.some(ok)) offered += 1;
    if (found.sure && !ok(found.answer)) sureWrong += 1;
  }
  let declined = 0;
  let offTopicSure = 0;
  for (const q of offTopicSet) {
    const found = await find(q.q);
    if (found.answer === undefined) declined += 1;
    if (found.sure) offTopicSure += 1;
  }
  return {
    answerable: answerableSet.length,
    right: share(right, answerableSet.length),
    offered: share(offered, answerableSet.length),
    sureWrong: share(sureWrong, answerableSet.length),
    offTopic: offTopicSet.length,
    declined: share(declined, offTopicSet.length),
    offTopicSure: share(offTopicSure, offTopicSet.length),
  };
}

async function measure(find: Finder) {
  const all = await rates(find, answerable.filter(inBatches), offTopic.filter(inBatches));
  const heldOut = await rates(
    find,
    answerable.filter((q) => q.heldOut && (q.batch === 2 || q.batch === 3)),
    offTopic.filter((q) => q.heldOut && (q.batch === 2 || q.batch === 3)),
  );
  const perBatch = [];
  for (const b of batches)
    perBatch.push({ name: b.name, ...(await rates(find, answerable.filter(b.of), offTopic.filter(b.of))) });
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of [...answerable, ...offTopic]) {
      const began = performance.now();
      const found = find(q.q, q.previous);
      // Awaited only when it is a promise, so the synchronous finders are timed without a microtask.
      if (found instanceof Promise) await found;
      times.push(performance.now() - began);
    }
  }
  return { all, heldOut, perBatch, latency: summary(times) };
}

const fromFinding = (finding: Finding): Found => ({
  answer: finding.best?.id,
  sure: finding.confidence === 'high',
  offered: finding.offered.map((d) => d.id),
});

async function main() {
  const baselineBuild = timeBuilds(plainMiniSearch);
  const oursBuild = timeBuilds(() => new AnswerIndex(content));

  const plain = plainMiniSearch();
  const baseline = await measure((q) => {
    const id = plain.search(q, { prefix: true, fuzzy: 0.2 })[0]?.id as string | undefined;
    return { answer: id, sure: id !== undefined, offered: id ? [id] : [] };
  });
  const index = new AnswerIndex(content);
  const ours = await measure((q, previous) => fromFinding(index.find(plainQuestion(q), { previous })));

  // The whole path a Slack question takes in process: clean, find, log to SQLite, build the message.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-bench-ask-'));
  const store = Store.open(dir);
  const answerer = new QuestionAnswerer({ index, content, log: new SqliteAnswerLog(store) });
  const conversation = (q: string) => `bench:${q}`;
  for (const q of answerable)
    if (q.previous)
      await answerer.ask({
        text: q.previous,
        userId: 'UBENCH',
        conversation: conversation(q.q),
        source: 'mention',
      });
  const full = await measure(async (q) => {
    const answered = await answerer.ask({
      text: q,
      userId: 'UBENCH',
      conversation: conversation(q),
      source: 'mention',
    });
    return fromFinding(answered.finding);
  });
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${fmt(x * 100, 1)}%`);
  const row = (name: string, r: Rates, extra = '') =>
    `${name.padEnd(24)}${String(r.answerable).padStart(4)}  ${pct(r.right).padStart(7)}  ${pct(r.offered).padStart(7)}  ${pct(r.sureWrong).padStart(7)}   ${String(r.offTopic).padStart(4)}  ${pct(r.declined).padStart(7)}  ${pct(r.offTopicSure).padStart(7)}${extra}`;
  const head = `${''.padEnd(24)}   n    right  offered  sure+wrong   off  declined  off+sure`;
  const lines = [
    `questions: ${answerable.length} about Docker, ${offTopic.length} off-topic; ${ROUNDS} rounds of timing`,
    'right: the first answer is right; offered: a right section among the answer and its buttons;',
    'sure+wrong: a sure (listen-mode) answer that is wrong; off+sure: an off-topic question answered as sure',
    '',
    head,
    row(
      'plain MiniSearch',
      baseline.all,
      `   p50 ${fmt(baseline.latency.p50, 3)} ms  p99 ${fmt(baseline.latency.p99, 3)} ms`,
    ),
    row(
      'AnswerIndex.find',
      ours.all,
      `   p50 ${fmt(ours.latency.p50, 3)} ms  p99 ${fmt(ours.latency.p99, 3)} ms`,
    ),
    row(
      'QuestionAnswerer.ask',
      full.all,
      `   p50 ${fmt(full.latency.p50, 3)} ms  p99 ${fmt(full.latency.p99, 3)} ms`,
    ),
    row('held out (batches 2+3)', ours.heldOut),
    '',
    `answer p99 vs plain MiniSearch: ${fmt(ours.latency.p99 / baseline.latency.p99)}x (find), ${fmt(full.latency.p99 / baseline.latency.p99)}x (ask with SQLite)`,
    `index build p50/p99: ${fmt(oursBuild.p50, 1)}/${fmt(oursBuild.p99, 1)} ms; plain MiniSearch ${fmt(baselineBuild.p50, 1)}/${fmt(baselineBuild.p99, 1)} ms (${fmt(oursBuild.p50 / baselineBuild.p50)}x)`,
    '',
    'AnswerIndex.find by batch',
    head,
    ...ours.perBatch.map((b) => row(b.name, b)),
    '',
    `goals: answer p99 < 20 ms -> ${full.latency.p99 < 20 ? 'met' : 'NOT met'}; index build < 200 ms -> ${oursBuild.p99 < 200 ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
