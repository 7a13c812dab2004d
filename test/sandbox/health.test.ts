import { SandboxRefused, SandboxUnavailable } from '../../src/errors';
import { appMetrics, MemoryMetrics } from '../../src/ops/metrics';
import { EngineHealth } from '../../src/sandbox/health';
import type { EngineInfo } from '../../src/sandbox/types';

describe('EngineHealth', () => {
  let answer: () => Promise<EngineInfo>;
  let pings: number;
  let memory: MemoryMetrics;
  let health: EngineHealth;
  beforeEach(() => {
    pings = 0;
    answer = async () => ({ version: '27.1.0', apiVersion: '1.46' });
    memory = new MemoryMetrics();
    health = new EngineHealth(
      {
        ping: () => {
          pings += 1;
          return answer();
        },
      },
      appMetrics(memory),
    );
  });

  it('is unknown until someone hears from the engine; /healthz then pings it in the background', async () => {
    expect(health.current()).toEqual({ status: 'unknown' });
    await Promise.resolve();
    expect(health.current()).toEqual(expect.objectContaining({ status: 'ok', engine: '27.1.0' }));
    expect(pings).toBe(1);
    expect(memory.value('dx_sandbox_up')).toBe(1);
  });

  it('pings at most every few seconds, however often it is asked', async () => {
    for (let i = 0; i < 10; i++) health.current();
    await health.check();
    expect(pings).toBe(2);
  });

  it('counts an engine that answered "no" as available, and one that did not answer as unavailable', async () => {
    answer = async () => {
      throw new SandboxRefused('no such image', 404);
    };
    await expect(health.check()).rejects.toThrow(SandboxRefused);
    expect(health.current().status).toBe('ok');
    answer = async () => {
      throw new SandboxUnavailable('connect ECONNREFUSED');
    };
    await expect(health.check()).rejects.toThrow(SandboxUnavailable);
    expect(health.current()).toEqual(
      expect.objectContaining({ status: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') }),
    );
    expect(memory.value('dx_sandbox_up')).toBe(0);
  });

  it('keeps the engine version it last heard while the engine keeps answering', () => {
    health.record(true, '27.1.0');
    health.record(true);
    expect(health.current().engine).toBe('27.1.0');
    health.record(false, undefined, new Error('gone'));
    expect(health.current().engine).toBeUndefined();
  });
});
