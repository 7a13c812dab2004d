/**
 * `npm run bench`: ack latency of signed `/docker` commands against this app in HTTP mode and, in the same
 * run, against a bare Bolt app that acks a fixed string. Also start-up time and idle memory.
 * Reports ratios: the machines are shared, so absolute times vary from run to run.
 */
import path from 'node:path';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/sign';
import { SlackStub } from '../test/helpers/slack-stub';
import { fmt, freePort, ROOT, rssMb, type Started, startServer, summary } from './lib';

const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = 100;
const TEXTS = ['image', 'container', 'diff', 'help', 'imgae', 'layers', 'vs', 'commit'];

async function sendCommand(url: string, stub: SlackStub, i: number): Promise<number> {
  const body = new URLSearchParams({
    team_id: 'T0TEST001',
    channel_id: 'C0BENCH',
    user_id: `U0B${i % 50}`,
    command: '/docker',
    text: TEXTS[i % TEXTS.length] ?? 'image',
    response_url: stub.responseUrl(`bench-${i}`),
    trigger_id: `${i}.1.x`,
  }).toString();
  const request = signed(body, 'application/x-www-form-urlencoded');
  const began = performance.now();
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: request.headers, body });
  await res.arrayBuffer();
  const took = performance.now() - began;
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${url}`);
  return took;
}

async function measure(server: Started, stub: SlackStub) {
  for (let i = 0; i < 50; i++) await sendCommand(server.url, stub, i); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await sendCommand(server.url, stub, i));
  const concurrent: number[] = [];
  for (let offset = 0; offset < SEQUENTIAL; offset += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, SEQUENTIAL - offset) }, (_, k) =>
      sendCommand(server.url, stub, offset + k),
    );
    concurrent.push(...(await Promise.all(batch)));
  }
  return { sequential: summary(sequential), concurrent: summary(concurrent) };
}

async function main() {
  const stub = await new SlackStub().start();
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    LOG_LEVEL: 'error',
  };
  const results: Record<
    string,
    { startupMs: number; idleRss: number; run: Awaited<ReturnType<typeof measure>> }
  > = {};
  // Alternate the two apps so that drift in machine speed hits both.
  for (const round of [1, 2]) {
    for (const [name, args] of [
      ['docker-explainer', [path.join(ROOT, 'dist', 'main.js')]],
      ['bare Bolt', [path.join(ROOT, 'bench', 'bare-bolt.cjs')]],
    ] as const) {
      const server = await startServer([...args], env, await freePort());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const idleRss = rssMb(server.child.pid);
      const run = await measure(server, stub);
      await server.stop();
      const key = `${name}#${round}`;
      results[key] = { startupMs: server.startupMs, idleRss, run };
    }
  }
  await stub.stop();

  const best = (name: string) => {
    const a = results[`${name}#1`];
    const b = results[`${name}#2`];
    if (!a || !b) throw new Error('missing results');
    // Report the second round (warm disk cache); keep the first round's start-up for comparison.
    return { ...b, startupMs: Math.min(a.startupMs, b.startupMs) };
  };
  const ours = best('docker-explainer');
  const bare = best('bare Bolt');
  console.log(
    `\nAck latency of signed /docker commands (ms), ${SEQUENTIAL} one at a time and ${SEQUENTIAL} in batches of ${CONCURRENCY}`,
  );
  console.log('                        one-at-a-time p50 / p99     100-at-once p50 / p99');
  for (const [name, r] of [
    ['docker-explainer', ours],
    ['bare Bolt', bare],
  ] as const) {
    console.log(
      `${name.padEnd(22)}  ${fmt(r.run.sequential.p50).padStart(8)} / ${fmt(r.run.sequential.p99).padEnd(12)}  ${fmt(r.run.concurrent.p50).padStart(8)} / ${fmt(r.run.concurrent.p99)}`,
    );
  }
  console.log(
    `ratio (ours / bare)     ${fmt(ours.run.sequential.p50 / bare.run.sequential.p50).padStart(8)} / ${fmt(ours.run.sequential.p99 / bare.run.sequential.p99).padEnd(12)}  ${fmt(ours.run.concurrent.p50 / bare.run.concurrent.p50).padStart(8)} / ${fmt(ours.run.concurrent.p99 / bare.run.concurrent.p99)}`,
  );
  console.log('\nStart-up to first /healthz 200 (ms, best of 2) and idle RSS (MB)');
  console.log(
    `docker-explainer        ${fmt(ours.startupMs, 0).padStart(6)} ms   ${fmt(ours.idleRss, 1)} MB`,
  );
  console.log(
    `bare Bolt               ${fmt(bare.startupMs, 0).padStart(6)} ms   ${fmt(bare.idleRss, 1)} MB`,
  );
  console.log(
    `ratio (ours / bare)     ${fmt(ours.startupMs / bare.startupMs).padStart(6)}      ${fmt(ours.idleRss / bare.idleRss)}`,
  );
  console.log('\nGoals: p99 within 1.3x of bare Bolt; idle RSS under 150 MB; start-up under 2 s.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
