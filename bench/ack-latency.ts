/**
 * `npm run bench`: ack latency of signed `/docker` commands against this app in HTTP mode and, in the same
 * run, against a bare Bolt app that acks a fixed string. Also start-up time and idle memory.
 * Reports ratios: the machines are shared, so absolute times vary from run to run.
 */
import http from 'node:http';
import path from 'node:path';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/sign';
import {
  commandSender,
  fmt,
  freePort,
  ROOT,
  rssMb,
  type Started,
  type StubProcess,
  startServer,
  startStub,
  summary,
} from './lib';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const sendCommand = commandSender(agent);

async function measure(server: Started, stub: StubProcess) {
  for (let i = 0; i < 50; i++) await sendCommand(server.url, stub, i); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < REQUESTS; i++) sequential.push(await sendCommand(server.url, stub, i));
  const concurrent: number[] = [];
  for (let offset = 0; offset < REQUESTS; offset += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, REQUESTS - offset) }, (_, k) =>
      sendCommand(server.url, stub, offset + k),
    );
    concurrent.push(...(await Promise.all(batch)));
  }
  return { sequential: summary(sequential), concurrent: summary(concurrent) };
}

const median = (values: number[]) => summary(values).p50;

async function main() {
  const stub = await startStub();
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    LOG_LEVEL: 'error',
  };
  type Round = { startupMs: number; idleRss: number; run: Awaited<ReturnType<typeof measure>> };
  const apps = [
    ['docker-explainer', [path.join(ROOT, 'dist', 'main.js')]],
    ['bare Bolt', [path.join(ROOT, 'bench', 'bare-bolt.cjs')]],
  ] as const;
  const rounds: Record<string, Round>[] = [];
  // Alternate the two apps round by round, so drift in machine speed hits both; compare pair by pair.
  for (let round = 0; round < ROUNDS; round++) {
    const results: Record<string, Round> = {};
    for (const [name, args] of round % 2 ? [...apps].reverse() : apps) {
      const server = await startServer([...args], env, await freePort());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const idleRss = rssMb(server.child.pid);
      const run = await measure(server, stub);
      await server.stop();
      results[name] = { startupMs: server.startupMs, idleRss, run };
    }
    rounds.push(results);
  }
  stub.stop();

  const pick = (name: string, f: (r: Round) => number) => median(rounds.map((r) => f(r[name] as Round)));
  const ratio = (f: (r: Round) => number) =>
    median(rounds.map((r) => f(r['docker-explainer'] as Round) / f(r['bare Bolt'] as Round)));
  const figures = {
    seqP50: (r: Round) => r.run.sequential.p50,
    seqP99: (r: Round) => r.run.sequential.p99,
    conP50: (r: Round) => r.run.concurrent.p50,
    conP99: (r: Round) => r.run.concurrent.p99,
    startup: (r: Round) => r.startupMs,
    rss: (r: Round) => r.idleRss,
  };
  const row = (label: string, get: (f: (r: Round) => number) => number) =>
    `${label.padEnd(22)}  ${fmt(get(figures.seqP50)).padStart(8)} / ${fmt(get(figures.seqP99)).padEnd(12)}  ${fmt(get(figures.conP50)).padStart(8)} / ${fmt(get(figures.conP99))}`;
  console.log(
    `\nAck latency of signed /docker commands (ms): ${REQUESTS} one at a time, then ${REQUESTS} in batches of ${CONCURRENCY}.`,
  );
  console.log(
    `Median over ${ROUNDS} alternating rounds; the ratio row is the median of the per-round ratios.`,
  );
  console.log('                        one-at-a-time p50 / p99     100-at-once p50 / p99');
  console.log(row('docker-explainer', (f) => pick('docker-explainer', f)));
  console.log(row('bare Bolt', (f) => pick('bare Bolt', f)));
  console.log(row('ratio (ours / bare)', ratio));
  console.log('\nStart-up to first /healthz 200 (ms) and idle RSS (MB), medians');
  console.log(
    `docker-explainer        ${fmt(pick('docker-explainer', figures.startup), 0).padStart(6)} ms   ${fmt(pick('docker-explainer', figures.rss), 1)} MB`,
  );
  console.log(
    `bare Bolt               ${fmt(pick('bare Bolt', figures.startup), 0).padStart(6)} ms   ${fmt(pick('bare Bolt', figures.rss), 1)} MB`,
  );
  console.log(
    `ratio (ours / bare)     ${fmt(ratio(figures.startup)).padStart(6)}      ${fmt(ratio(figures.rss))}`,
  );
  console.log('\nGoals: p99 within 1.3x of bare Bolt; idle RSS under 150 MB; start-up under 2 s.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
