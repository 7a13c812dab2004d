import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/ops/log';
import { boundedStop, exitOnSignals, stopInOrder } from '../../src/ops/shutdown';
import { freePort } from '../helpers/app-process';
import { MAIN } from '../helpers/child';

describe('bounded shutdown', () => {
  it('says whether a stop finished, failed or ran past its bound', async () => {
    expect(await boundedStop(async () => undefined, 1000)).toBe('stopped');
    expect(await boundedStop(() => Promise.reject(new Error('x')), 1000)).toBe('failed');
    const began = Date.now();
    expect(await boundedStop(() => new Promise(() => undefined), 100)).toBe('timed out');
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it('exits 0 after a clean stop, 1 after a stop that hangs, and at once on a second signal', async () => {
    const exits: number[] = [];
    const exited = () => new Promise<void>((resolve) => setImmediate(resolve));
    let off = exitOnSignals({
      stop: async () => undefined,
      timeoutMs: 1000,
      logger: silentLogger,
      exit: (code) => exits.push(code),
      signals: ['SIGUSR2'],
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await exited();
    off();
    expect(exits).toEqual([0]);

    off = exitOnSignals({
      stop: () => new Promise(() => undefined),
      timeoutMs: 50,
      logger: silentLogger,
      exit: (code) => exits.push(code),
      signals: ['SIGUSR2'],
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exits).toEqual([0, 1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    off();
    expect(exits).toEqual([0, 1, 1]);
  });

  it('stops every part in order, even after one fails', async () => {
    const order: string[] = [];
    await stopInOrder(
      [
        ['slack', () => void order.push('slack')],
        [
          'scheduler',
          async () => {
            order.push('scheduler');
            throw new Error('stuck');
          },
        ],
        ['store', () => void order.push('store')],
      ],
      silentLogger,
    );
    expect(order).toEqual(['slack', 'scheduler', 'store']);
  });
});

describe('SIGTERM to the real process (node dist/main.js)', () => {
  it('stops the console and its operations server and exits 0 within the bound', async () => {
    if (!fs.existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-term-'));
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        METRICS_PORT: String(port),
        SHUTDOWN_TIMEOUT_S: '5',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (res) => res.json() as Promise<{ transport?: string }>,
          () => undefined,
        );
        if (health) {
          expect(health.transport).toBe('console');
          break;
        }
        if (Date.now() > deadline) throw new Error(`no /healthz on METRICS_PORT; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const began = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - began).toBeLessThan(5000);
      const messages = stderr
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
