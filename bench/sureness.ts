/**
 * `npm run bench:sureness`: refits the logistic model behind the answer's sureness score (SURENESS in
 * src/explain/search.ts) on the question set's dev halves only (held-out questions never take part), and
 * shows, for the current weights and the refitted ones, how many dev answers each threshold would keep
 * and how many of those are wrong. Paste the printed weights into SURENESS to adopt them.
 */
import { loadContent } from '../src/content/load';
import { plainQuestion } from '../src/explain/question';
import { AnswerIndex, SURENESS, sureness, THRESHOLD } from '../src/explain/search';
import questions from '../test/fixtures/questions.json';

interface Asked {
  q: string;
  expect?: string[];
  previous?: string;
  heldOut?: boolean;
}

const index = new AnswerIndex(loadContent());
const rows: { x: number[]; right: boolean; offTopic: boolean }[] = [];
for (const q of (questions.answerable as Asked[]).filter((q) => !q.heldOut)) {
  const f = index.find(plainQuestion(q.q), { previous: q.previous });
  const top = f.ranked[0]?.doc.id ?? '';
  if (f.aboutDocker && f.features)
    rows.push({ x: f.features, right: (q.expect ?? []).includes(top), offTopic: false });
}
for (const q of (questions.offTopic as Asked[]).filter((q) => !q.heldOut)) {
  const f = index.find(plainQuestion(q.q));
  if (f.aboutDocker && f.features) rows.push({ x: f.features, right: false, offTopic: true });
}

/** Plain gradient descent on the log loss with a little L2, from zero: the same data gives the same fit. */
function fitModel(): { weights: number[]; bias: number } {
  const n = rows[0]?.x.length ?? 0;
  const w = new Array<number>(n + 1).fill(0);
  const p = (x: number[]) =>
    1 / (1 + Math.exp(-(x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0) + (w[n] ?? 0))));
  for (let it = 0; it < 20_000; it++) {
    const g = new Array<number>(n + 1).fill(0);
    for (const r of rows) {
      const e = p(r.x) - (r.right ? 1 : 0);
      r.x.forEach((v, i) => {
        g[i] = (g[i] ?? 0) + e * v;
      });
      g[n] = (g[n] ?? 0) + e;
    }
    for (let i = 0; i <= n; i++)
      w[i] = (w[i] ?? 0) - (0.5 * (g[i] ?? 0)) / rows.length - (i < n ? 0.001 * (w[i] ?? 0) : 0);
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return { weights: w.slice(0, n).map(round), bias: round(w[n] ?? 0) };
}

function table(name: string, score: (x: number[]) => number): string[] {
  const lines = [`${name}: threshold  kept  right  wrong  off-topic`];
  for (const t of [0.95, THRESHOLD.high, 0.85, 0.8, 0.6, 0.5, THRESHOLD.medium, 0.4]) {
    const kept = rows.filter((r) => score(r.x) >= t);
    lines.push(
      `${' '.repeat(name.length)}  ${t.toFixed(2).padStart(9)}  ${String(kept.length).padStart(4)}  ${String(kept.filter((r) => r.right).length).padStart(5)}  ${String(kept.filter((r) => !r.right && !r.offTopic).length).padStart(5)}  ${String(kept.filter((r) => r.offTopic).length).padStart(9)}`,
    );
  }
  return lines;
}

const refit = fitModel();
const refitScore = (x: number[]) =>
  1 / (1 + Math.exp(-(x.reduce((s, v, i) => s + v * (refit.weights[i] ?? 0), 0) + refit.bias)));
process.stdout.write(
  `${[
    `dev questions about Docker by the index: ${rows.filter((r) => !r.offTopic).length}, of which the top answer is right: ${rows.filter((r) => r.right).length}; off-topic ones read as about Docker: ${rows.filter((r) => r.offTopic).length}`,
    `thresholds now: medium ${THRESHOLD.medium}, high ${THRESHOLD.high}`,
    ...table('current', sureness),
    ...table('refitted', refitScore),
    `current:  ${JSON.stringify(SURENESS)}`,
    `refitted: ${JSON.stringify(refit)}`,
  ].join('\n')}\n`,
);
