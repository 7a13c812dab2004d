/**
 * `npm run bench:replicas`: do replicas add capacity? Three replicas of the app (separate processes, HTTP
 * mode, one Postgres) take a burst of 300 signed `/docker` commands, sent round robin as a load balancer
 * would; beside them, in the same run, one replica takes a burst of 100. Ack latency p50 / p99 side by side,
 * and the p99 ratio (goal: at most 1.0, i.e. three replicas take three times the burst as fast).
 *
 * Needs Postgres: BENCH_DATABASE_URL, else TEST_DATABASE_URL (a schema of its own is made and dropped). Every
 * server listens on 127.0.0.1; every loop is bounded.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freshSchema } from '../test/helpers/postgres';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/sign';
import {
  commandSender,
  cpuSeconds,
  fmt,
  freePort,
  ROOT,
  type Started,
  startServer,
  startStub,
  summary,
} from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 5);
const PER_REPLICA = 100;

type Figures = { p50: number; p99: number; n: number; cores: number };

/** Starts `count` replicas, warms each up, then sends BURSTS bursts of PER_REPLICA × count commands at once. */
async function measure(
  count: number,
  env: Record<string, string>,
  stub: Awaited<ReturnType<typeof startStub>>,
): Promise<Figures> {
  const replicas: Started[] = await Promise.all(
    Array.from({ length: count }, async (_, n) =>
      startServer(
        [path.join(ROOT, 'dist', 'main.js')],
        { ...env, INSTANCE_ID: `bench-${n + 1}` },
        await freePort(),
      ),
    ),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: PER_REPLICA });
  const send = commandSender(agent);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const replica of replicas) for (let i = 0; i < 50; i++) await send(replica.url, stub, i);
    const samples: number[] = [];
    // CPU of everything on the machine that serves or sends the commands: replicas, stand-in, this process.
    const cpu = () =>
      replicas.reduce((sum, r) => sum + cpuSeconds(r.child.pid), cpuSeconds(stub.pid)) +
      (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
    let busy = 0;
    let wall = 0;
    for (let burst = 0; burst < BURSTS; burst++) {
      const total = PER_REPLICA * count;
      const [cpuBefore, began] = [cpu(), performance.now()];
      const acks = await Promise.all(
        Array.from({ length: total }, (_, i) => send((replicas[i % count] as Started).url, stub, i)),
      );
      [busy, wall] = [busy + cpu() - cpuBefore, wall + (performance.now() - began) / 1000];
      samples.push(...acks);
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the answers after the acks drain
    }
    return { ...summary(samples), cores: busy / wall };
  } finally {
    agent.destroy();
    await Promise.all(replicas.map((replica) => replica.stop()));
  }
}

async function main() {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!process.env.TEST_DATABASE_URL)
    throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres');
  const schema = await freshSchema('dx_bench');
  const stub = await startStub();
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    DATABASE_URL: schema.url,
    LOG_LEVEL: 'error',
  };
  const rounds: { one: Figures; two: Figures; three: Figures }[] = [];
  try {
    // Alternate the order, so drift in machine speed hits every setup alike.
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [1, 2, 3] : [3, 2, 1];
      const got = new Map<number, Figures>();
      for (const count of order) got.set(count, await measure(count, env, stub));
      rounds.push({ one: got.get(1) as Figures, two: got.get(2) as Figures, three: got.get(3) as Figures });
    }
  } finally {
    stub.stop();
    await schema.drop();
  }
  const median = (values: number[]) => summary(values).p50;
  const cell = (f: Figures) =>
    `${fmt(f.p50).padStart(7)} / ${fmt(f.p99).padEnd(7)} ${fmt(f.cores, 1).padStart(4)}`;
  const ratios = (f: (r: (typeof rounds)[number]) => Figures) => rounds.map((r) => f(r).p99 / r.one.p99);
  console.log(
    `\nAck latency (ms) of bursts of signed /docker commands, ${BURSTS} bursts per setup and round; all on Postgres.`,
  );
  console.log(
    'Each cell: p50 / p99, and the CPU cores our processes kept busy until the last ack (replicas, stand-in, sender).',
  );
  console.log(
    'round   1 replica, 100 at once  2 replicas, 200 at once  3 replicas, 300 at once  p99 ratio 2/1  3/1',
  );
  for (const [i, r] of rounds.entries())
    console.log(
      `${String(i + 1).padEnd(8)}${cell(r.one)}     ${cell(r.two)}     ${cell(r.three)}     ${fmt(r.two.p99 / r.one.p99).padStart(13)}  ${fmt(r.three.p99 / r.one.p99)}`,
    );
  const pick = (f: (r: (typeof rounds)[number]) => Figures): Figures => ({
    p50: median(rounds.map((r) => f(r).p50)),
    p99: median(rounds.map((r) => f(r).p99)),
    cores: median(rounds.map((r) => f(r).cores)),
    n: 0,
  });
  console.log(
    `median  ${cell(pick((r) => r.one))}     ${cell(pick((r) => r.two))}     ${cell(pick((r) => r.three))}     ${fmt(median(ratios((r) => r.two))).padStart(13)}  ${fmt(median(ratios((r) => r.three)))}`,
  );
  console.log(`This machine has ${os.cpus().length} CPUs.`);
  console.log(
    '\nGoal: three replicas answer three times the burst with ack p99 no worse than one (ratio ≤ 1.0).',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
