import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineEnv } from './docker-engine';

export const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built app (`node dist/main.js`) in a fresh temporary folder (so no developer `.env` is read),
 * with only the given variables set besides PATH, feeding `stdin` and waiting for it to exit.
 */
export function runMain(
  stdin: string,
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<ChildResult> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-main-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...engineEnv(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node dist/main.js did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}
