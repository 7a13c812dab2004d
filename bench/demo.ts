/**
 * `npm run bench:demo`: live demos against the real engine, in the same run as baselines.
 *
 * 1. The `diff` demo end to end (signed slash command → final Slack edit) beside the same steps done with
 *    the `docker` CLI, one process per step, with the same isolation flags. Goal: ours no slower.
 * 2. 20 demos requested at once beside ceil(20 / DEMO_CONCURRENCY) × one demo. Goal: within 1.5×.
 * 3. The playground's `/docker try run --rm busybox echo hello` (signed slash command → the answer at the
 *    response_url) beside `docker run --rm` with the same isolation flags. Goals: ours no slower, under 1 s.
 *
 * BENCH_PARTS=playground (or demo, burst, comma-separated) runs only those parts.
 * Reports ratios (medians over alternating rounds): the machines are shared, so absolute times vary.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCalls, finishedDemo } from '../test/helpers/demo-messages';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/sign';
import { SlackStub } from '../test/helpers/slack-stub';
import { fmt, freePort, ROOT, type Started, startServer, summary } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BURST = 20;
const CONCURRENCY = Number(process.env.DEMO_CONCURRENCY ?? 4);
const median = (values: number[]) => summary(values).p50;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'demo,burst,playground').split(','));

/** Milliseconds from each command to the first message of its demo in Slack. */
const firstMessage: number[] = [];

/** Sends `/docker <text>` as `user`, signed as Slack signs it; when it was sent (Unix ms). */
async function slash(server: Started, stub: SlackStub, user: string, text: string, responseId: string) {
  const body = new URLSearchParams({
    team_id: 'T0TEST001',
    channel_id: 'C0BENCH',
    user_id: user,
    command: '/docker',
    text,
    response_url: stub.responseUrl(responseId),
    trigger_id: `${Date.now()}.1.x`,
  }).toString();
  const request = signed(body, 'application/x-www-form-urlencoded');
  const began = Date.now();
  const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: request.headers, body });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return began;
}

/** Sends `/docker demo diff` as `user`; resolves with the ms until the demo's final message reached Slack. */
async function demo(server: Started, stub: SlackStub, user: string): Promise<number> {
  const began = await slash(server, stub, user, 'demo diff', `bench-${user}`);
  const final = await finishedDemo(stub, user, 120_000);
  if (!/done in/.test(String(final.body.text))) throw new Error(`the demo failed: ${final.body.text}`);
  firstMessage.push((demoCalls(stub, user)[0]?.at ?? Number.NaN) - began);
  return final.at - began;
}

const ISOLATION = [
  '--network',
  'none',
  '--memory',
  '64m',
  '--memory-swap',
  '64m',
  '--pids-limit',
  '64',
  '--cpus',
  '0.5',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
  '--user',
  '65534:65534',
];

/** The diff demo's steps with the docker CLI, one process per step; the ms they took. */
function cli(image: string): number {
  const name = `dx-bench-${randomBytes(4).toString('hex')}`;
  const docker = (args: string[], expectFailure = false) => {
    const result = spawnSync('docker', args, { encoding: 'utf8' });
    if ((result.status !== 0) !== expectFailure)
      throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
  };
  const began = performance.now();
  docker(['run', '-d', '--name', name, ...ISOLATION, image, 'sleep', '25']);
  docker(['exec', name, 'sh', '-c', 'echo "hello from the container" > /tmp/hello.txt']);
  docker(['exec', '-u', '0:0', name, 'sh', '-c', 'echo "demo:x:1000:" >> /etc/group && rmdir /home']);
  docker(['diff', name]);
  docker(['run', '--rm', ...ISOLATION, image, 'cat', '/tmp/hello.txt'], true);
  docker(['rm', '-f', name]);
  return performance.now() - began;
}

/** Sends `/docker try run --rm <image> echo hello`; the ms until its answer reached the response_url. */
async function playgroundRun(server: Started, stub: SlackStub, user: string, round: number): Promise<number> {
  const id = `bench-try-${user}-${round}`;
  const began = await slash(server, stub, user, 'try run --rm busybox echo hello', id);
  const answer = await stub.waitFor((calls) => calls.find((c) => c.responseId === id), 20_000);
  if (!JSON.stringify(answer.body).includes('echo hello\\nhello'))
    throw new Error(`the playground did not answer hello: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.at - began;
}

/** The same with the docker CLI: one process, the same isolation flags; the ms it took. */
function cliRun(image: string): number {
  const began = performance.now();
  const result = spawnSync('docker', ['run', '--rm', ...ISOLATION, image, 'echo', 'hello'], {
    encoding: 'utf8',
  });
  if (result.status !== 0 || result.stdout !== 'hello\n') throw new Error(`docker run: ${result.stderr}`);
  return performance.now() - began;
}

/** Share of all CPUs busy between two readings of /proc/stat (Linux), to tell a CPU-bound engine apart. */
function cpuBusy(): () => number {
  const read = () => {
    const fields =
      fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  if (!fs.existsSync('/proc/stat')) return () => Number.NaN;
  const before = read();
  return () => {
    const after = read();
    return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
  };
}

function startApp(stub: SlackStub, concurrency: number): Promise<Started> {
  return freePort().then((port) =>
    startServer(
      [path.join(ROOT, 'dist', 'main.js')],
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: stub.apiUrl,
        LOG_LEVEL: 'error',
        DEMO_CONCURRENCY: String(concurrency),
        PLAYGROUND_COMMANDS_PER_MINUTE: '600',
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      },
      port,
    ),
  );
}

/** Part 2 at one concurrency: the burst beside ceil(20 / concurrency) single demos, per round. */
async function burst(stub: SlackStub, concurrency: number, rounds: number) {
  const server = await startApp(stub, concurrency);
  try {
    await demo(server, stub, `U0WARM${concurrency}`);
    const bursts: number[] = [];
    const singles: number[] = [];
    const busy: number[] = [];
    for (let round = 0; round < rounds; round++) {
      singles.push(await demo(server, stub, `U0ONE${concurrency}R${round}`));
      const began = Date.now();
      const cpu = cpuBusy();
      await Promise.all(
        Array.from({ length: BURST }, (_, i) => demo(server, stub, `U0BURST${concurrency}R${round}X${i}`)),
      );
      bursts.push(Date.now() - began);
      busy.push(cpu());
    }
    const waves = Math.ceil(BURST / concurrency);
    const ratios = bursts.map((b, i) => b / (waves * (singles[i] ?? Number.NaN)));
    return {
      concurrency,
      waves,
      burst: median(bursts),
      single: median(singles),
      ratio: median(ratios),
      busy: median(busy),
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  if (spawnSync('docker', ['version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error('the docker CLI cannot reach an engine: it is the baseline, so this benchmark needs it');
  }
  const stub = await new SlackStub().start();
  try {
    const server = await startApp(stub, CONCURRENCY);
    const ours: number[] = [];
    const theirs: number[] = [];
    const tries: number[] = [];
    const runs: number[] = [];
    let image = '';
    try {
      await demo(server, stub, 'U0WARM'); // warm-up: the demo image is made ready, connections opened
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as {
        sandbox: { demo_image: string };
      };
      image = health.sandbox.demo_image;
      cli(image);
      for (let round = 0; PARTS.has('demo') && round < ROUNDS; round++) {
        // Alternate which goes first, so drift in machine speed hits both.
        if (round % 2) theirs.push(cli(image));
        ours.push(await demo(server, stub, `U0SOLO${round}`));
        if (!(round % 2)) theirs.push(cli(image));
      }
      if (PARTS.has('playground')) {
        await playgroundRun(server, stub, 'U0TRY', -1);
        cliRun(image);
        for (let round = 0; round < ROUNDS * 4; round++) {
          if (round % 2) runs.push(cliRun(image));
          tries.push(await playgroundRun(server, stub, 'U0TRY', round));
          if (!(round % 2)) runs.push(cliRun(image));
        }
      }
    } finally {
      await server.stop();
    }
    const ratios = ours.map((o, i) => o / (theirs[i] ?? Number.NaN));
    console.log(
      `\nLive demos on ${image}, ${os.cpus().length} CPUs. Medians over ${ROUNDS} rounds; ratios are medians of per-round ratios.`,
    );
    if (PARTS.has('playground')) {
      const tryRatios = tries.map((o, i) => o / (runs[i] ?? Number.NaN));
      const all = summary(tries);
      console.log(
        `/docker try run --rm busybox echo hello    ${fmt(median(tries), 0).padStart(6)} ms (p99 ${fmt(all.p99, 0)} ms, ${all.n} runs)   goal: < 1000`,
      );
      console.log(`docker run --rm (CLI, same isolation)      ${fmt(median(runs), 0).padStart(6)} ms`);
      console.log(
        `ratio (ours / CLI)                         ${fmt(median(tryRatios)).padStart(6)}      goal: <= 1.00`,
      );
    }
    if (PARTS.has('demo')) {
      console.log(`diff demo, end to end through Slack        ${fmt(median(ours), 0).padStart(6)} ms`);
      console.log(`same steps with the docker CLI             ${fmt(median(theirs), 0).padStart(6)} ms`);
      console.log(
        `ratio (ours / CLI)                         ${fmt(median(ratios)).padStart(6)}      goal: <= 1.00`,
      );
      console.log(
        `first message after the command           ${fmt(median(firstMessage), 0).padStart(6)} ms (max ${fmt(Math.max(...firstMessage), 0)} ms)   goal: < 1000`,
      );
    }

    const levels = PARTS.has('burst') ? [...new Set([CONCURRENCY, os.cpus().length])] : [];
    for (const level of levels) {
      const r = await burst(stub, level, Math.max(1, Math.ceil(ROUNDS / 2)));
      console.log(
        `\n${BURST} diff demos at once, DEMO_CONCURRENCY=${r.concurrency}     ${fmt(r.burst, 0).padStart(6)} ms   (CPUs ${fmt(r.busy * 100, 0)}% busy)`,
      );
      console.log(
        `${r.waves} x one demo                              ${fmt(r.waves * r.single, 0).padStart(6)} ms`,
      );
      console.log(
        `ratio (burst / ${r.waves} x one)                     ${fmt(r.ratio).padStart(6)}      goal: <= 1.50`,
      );
    }
  } finally {
    await stub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
