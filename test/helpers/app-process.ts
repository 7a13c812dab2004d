import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAIN } from './child';
import { engineEnv } from './docker-engine';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './sign';
import type { SlackStub } from './slack-stub';
import { TEAM_ID } from './slack-stub';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  /** Sends `/docker <text>` to the process, signed as Slack signs it (from `team`, default the stand-in's). */
  command(text: string, user: string, responseId: string, team?: string): Promise<number>;
  /** `kill -9`: no shutdown, no cleanup. */
  kill(): Promise<void>;
  /** SIGTERM, as an orchestrator stops it: the app's own bounded shutdown (then `kill -9` after 15 s). */
  stop(): Promise<void>;
}

/**
 * Runs the built app (`node dist/main.js`) as a separate process in HTTP mode against `stub`, and waits
 * (bounded) until /healthz answers. For tests that must kill the bot the hard way.
 */
export async function startAppProcess(stub: SlackStub, env: Record<string, string>): Promise<AppProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-proc-'));
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: stub.apiUrl,
      PORT: String(port),
      DATA_DIR: path.join(cwd, 'data'),
      LOG_LEVEL: 'debug',
      ...engineEnv(),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the app process did not become healthy; stderr: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url,
    stderr: () => stderr,
    async command(text, user, responseId, team = TEAM_ID) {
      const body = new URLSearchParams({
        team_id: team,
        channel_id: 'C0GENERAL',
        user_id: user,
        command: '/docker',
        text,
        response_url: stub.responseUrl(responseId),
        trigger_id: `${Date.now()}.1.x`,
      }).toString();
      const request = signed(body, 'application/x-www-form-urlencoded');
      const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: request.headers, body });
      await res.arrayBuffer();
      return res.status;
    },
    kill: () => signal(child, 'SIGKILL'),
    stop: () => signal(child, 'SIGTERM'),
  };
}

/** Sends a signal and waits for the process to exit (a SIGKILL after 15 s if it has not). */
function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(deadline);
      resolve();
    });
    child.kill(name);
  });
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
