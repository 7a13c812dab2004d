import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/sign';
import type { SlackStub } from '../test/helpers/slack-stub';

export const ROOT = path.join(__dirname, '..');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function summary(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Spawns a server process in a temporary folder and waits (bounded) until GET /healthz answers. */
export async function startServer(
  args: string[],
  env: Record<string, string>,
  port: number,
): Promise<Started> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-bench-'));
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not become healthy`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - began;
  return {
    child,
    url,
    startupMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The built app (dist/main.js) in HTTP mode against a Slack stand-in at `apiUrl`, quiet, with `env` on top. */
export async function startBuiltApp(apiUrl: string, env: Record<string, string> = {}): Promise<Started> {
  const env0 = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    LOG_LEVEL: 'error',
  };
  return startServer([path.join(ROOT, 'dist', 'main.js')], { ...env0, ...env }, await freePort());
}

/** Sends `/docker <text>` as `user`, signed as Slack signs it; when it was sent (Unix ms). */
export async function slash(
  server: Started,
  stub: SlackStub,
  user: string,
  text: string,
  responseId: string,
) {
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

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
