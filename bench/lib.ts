import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux clock ticks are 1/100 s). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export interface StubProcess {
  apiUrl: string;
  responseBase: string;
  pid?: number;
  stop(): void;
}

/** The Slack stand-in runs in a child process: it receives every response_url post the app makes. */
export async function startStub(): Promise<StubProcess> {
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(__dirname, 'stub-process.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({ input: child.stdout })) return [l];
      return [''];
    })(),
    new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('stub did not start')), 15_000)),
  ]);
  const info = JSON.parse(line ?? '{}') as { apiUrl: string; responseBase: string };
  return { ...info, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** What the ack benchmarks type after `/docker`: topics, help, a typo, an alias. */
export const COMMAND_TEXTS = ['image', 'container', 'diff', 'help', 'imgae', 'layers', 'vs', 'commit'];

/**
 * Sends one signed `/docker <text>` (the i-th of `texts`, round robin) over `agent`; resolves with the
 * milliseconds until the ack arrived.
 */
export function commandSender(agent: http.Agent, texts: readonly string[] = COMMAND_TEXTS) {
  return (url: string, stub: StubProcess, i: number): Promise<number> => {
    const body = new URLSearchParams({
      team_id: 'T0TEST001',
      channel_id: 'C0BENCH',
      user_id: `U0B${i % 50}`,
      command: '/docker',
      text: texts[i % texts.length] ?? 'image',
      response_url: `${stub.responseBase}bench-${i}`,
      trigger_id: `${i}.1.x`,
    }).toString();
    const request = signed(body, 'application/x-www-form-urlencoded');
    return new Promise((resolve, reject) => {
      const began = performance.now();
      const req = http.request(
        `${url}/slack/events`,
        { method: 'POST', agent, headers: request.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} from ${url}`));
            else resolve(performance.now() - began);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
