/**
 * `npm run bench:ops`: the operations side, against the built app (node dist/main.js) in its own process.
 *
 * 1. GET /metrics beside GET /healthz (the baseline: the smallest answer the same server gives), after some
 *    traffic so the metrics have series; rounds alternate the two. Goal: a scrape under 10 ms.
 * 2. With a Docker engine: SIGTERM while a demo is running, to the process's exit. Once with the demo held in
 *    the middle of a step until its time limit (the worst case), once with a demo that runs normally. Goal:
 *    under the demo time limit + 5 s, with nothing left on the engine.
 * 3. With a Docker engine: kill -9 in the middle of a demo, start again at once (periodic janitor every
 *    600 s): how long after their deadline the leftovers are gone. Goal: within 10 s.
 */
import { spawnSync } from 'node:child_process';
import { demoCalls, finishedDemo } from '../test/helpers/demo-messages';
import { containersLabelled, engineEnv } from '../test/helpers/docker-engine';
import { EngineProxy } from '../test/helpers/engine-proxy';
import { SlackStub } from '../test/helpers/slack-stub';
import { fmt, type Started, slash, startBuiltApp, summary } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SCRAPES = 200;
const LIMIT_S = Number(process.env.BENCH_DEMO_LIMIT_S ?? 10);
const CHANGES = /^GET \/(?:v[\d.]+\/)?containers\/[0-9a-f]{64}\/changes\b/;

const start = (stub: SlackStub, env: Record<string, string> = {}) =>
  startBuiltApp(stub.apiUrl, { ...engineEnv(), ...env });

const command = (server: Started, stub: SlackStub, text: string, user: string) =>
  slash(server, stub, user, text, `bench-${user}`);

/** Milliseconds for each of `n` sequential GETs of `url` (one keep-alive connection, as Prometheus scrapes). */
async function timeGets(url: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const began = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - began);
  }
  return times;
}

async function scrapes(stub: SlackStub) {
  const server = await start(stub, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
  try {
    for (const [i, text] of ['image', 'container', 'diff', 'help', 'demo', 'what is a layer?'].entries())
      await command(server, stub, text, `U0SCRAPE${i}`);
    const body = await (await fetch(`${server.url}/metrics`)).text();
    await timeGets(`${server.url}/metrics`, 50); // warm-up
    await timeGets(`${server.url}/healthz`, 50);
    const metrics: number[] = [];
    const healthz: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const m = round % 2 ? await timeGets(`${server.url}/metrics`, SCRAPES) : [];
      const h = await timeGets(`${server.url}/healthz`, SCRAPES);
      const m2 = round % 2 ? m : await timeGets(`${server.url}/metrics`, SCRAPES);
      metrics.push(...m2);
      healthz.push(...h);
      ratios.push(summary(m2).p50 / summary(h).p50);
    }
    return {
      metrics: summary(metrics),
      healthz: summary(healthz),
      ratio: summary(ratios).p50,
      body,
      startupMs: server.startupMs,
    };
  } finally {
    await server.stop();
  }
}

/** SIGTERM while a demo runs; ms to exit, whether the demo's message reached its end, and what was left. */
async function sigterm(stub: SlackStub, proxy: EngineProxy, hold: boolean, round: number) {
  const held = hold ? proxy.holdAt(CHANGES) : undefined;
  const server = await start(stub, { DOCKER_HOST: proxy.dockerHost, DEMO_TIME_LIMIT_S: String(LIMIT_S) });
  try {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { sandbox: { instance: string } };
    const user = `U0TERM${hold ? 'H' : 'N'}${round}`;
    await command(server, stub, 'demo diff', user);
    // Mid-demo: held at `docker diff`, or once its second step is under way.
    const deadline = Date.now() + 30_000;
    const running = () => demoCalls(stub, user).some((call) => /step [2-9] of/.test(String(call.body.text)));
    while (hold ? !held?.reached : !running()) {
      if (Date.now() > deadline) throw new Error('the demo did not get going');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const began = performance.now();
    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    const code = await exited;
    const ms = performance.now() - began;
    const final = await finishedDemo(stub, user, 2000).catch(() => undefined);
    const left = await containersLabelled({ 'docker-explainer.instance': health.sandbox.instance });
    return {
      ms,
      code,
      final: final ? String(final.body.text).split(':')[1]?.trim() : 'no final message',
      left,
    };
  } finally {
    held?.open();
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

/** kill -9 mid-demo, a new start at once; seconds from the leftovers' deadline to their removal. */
async function afterCrash(stub: SlackStub, proxy: EngineProxy, round: number): Promise<number> {
  const held = proxy.holdAt(CHANGES);
  const crashed = await start(stub, { DOCKER_HOST: proxy.dockerHost, DEMO_TIME_LIMIT_S: '3' });
  let next: Started | undefined;
  try {
    const health = (await (await fetch(`${crashed.url}/healthz`)).json()) as {
      sandbox: { instance: string };
    };
    const labels = { 'docker-explainer.instance': health.sandbox.instance };
    await command(crashed, stub, 'demo diff', `U0CRASH${round}`);
    while (!held.reached) await new Promise((resolve) => setTimeout(resolve, 5));
    const exited = new Promise((resolve) => crashed.child.once('exit', resolve));
    crashed.child.kill('SIGKILL');
    await exited;
    const [left] = await containersLabelled(labels);
    const deadline = Number(left?.Labels['docker-explainer.expires']);
    next = await start(stub, { DEMO_JANITOR_INTERVAL_S: '600' });
    while ((await containersLabelled(labels)).length > 0) {
      if (Date.now() > deadline + 60_000) throw new Error('the leftovers were not removed within a minute');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (Date.now() - deadline) / 1000;
  } finally {
    held.open();
    if (crashed.child.exitCode === null) crashed.child.kill('SIGKILL');
    await next?.stop();
  }
}

async function main() {
  const stub = await new SlackStub().start();
  try {
    const s = await scrapes(stub);
    const series = s.body.split('\n').filter((line) => line && !line.startsWith('#')).length;
    console.log(
      `\nGET /metrics (${Math.round(s.body.length / 1024)} KB, ${series} series) beside GET /healthz; ${ROUNDS} rounds of ${SCRAPES}`,
    );
    console.log(`                 p50 ms   p99 ms`);
    console.log(
      `/metrics       ${fmt(s.metrics.p50, 3).padStart(8)} ${fmt(s.metrics.p99, 3).padStart(8)}   goal: < 10`,
    );
    console.log(`/healthz       ${fmt(s.healthz.p50, 3).padStart(8)} ${fmt(s.healthz.p99, 3).padStart(8)}`);
    console.log(`ratio (p50, median of rounds)  ${fmt(s.ratio)}`);
    console.log(`start-up to the first /healthz 200: ${fmt(s.startupMs, 0)} ms`);

    if (spawnSync('docker', ['version'], { encoding: 'utf8', env: process.env }).status !== 0) {
      console.log('\nSIGTERM mid-demo: skipped (no Docker engine answers at DOCKER_HOST)');
      return;
    }
    const proxy = await new EngineProxy().start();
    try {
      console.log(
        `\nSIGTERM mid-demo to exit, DEMO_TIME_LIMIT_S=${LIMIT_S} (goal: < ${LIMIT_S + 5} s, nothing left)`,
      );
      for (const hold of [true, false]) {
        for (let round = 0; round < Math.max(1, Math.ceil(ROUNDS / 2)); round++) {
          const r = await sigterm(stub, proxy, hold, round);
          console.log(
            `${hold ? 'held in a step until its limit' : 'running normally            '}  exit ${r.code} after ${fmt(r.ms / 1000)} s; demo: ${r.final}; containers left: ${r.left.length}`,
          );
        }
      }
      const late: number[] = [];
      for (let round = 0; round < Math.max(1, Math.ceil(ROUNDS / 2)); round++)
        late.push(await afterCrash(stub, proxy, round));
      console.log(
        `\nkill -9 mid-demo, next start (janitor every 600 s): leftovers gone ${late.map((s) => fmt(s, 1)).join(', ')} s after their deadline (goal: < 10 s)`,
      );
    } finally {
      await proxy.stop();
    }
  } finally {
    await stub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
