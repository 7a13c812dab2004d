import { silentLogger } from '../../src/ops/log';
import { opsEndpoints, startOpsServer } from '../../src/ops/server';

describe('the operations server', () => {
  it('serves /healthz with every part’s report, whatever the transport', async () => {
    let clock = 1_000_000;
    const endpoints = opsEndpoints({
      transport: 'socket',
      health: [() => ({ sandbox: { status: 'ok' } }), () => ({ store: 'ok' })],
      extra: { '/metrics': (_req, res) => res.end('dx_up 1\n') },
      now: () => clock,
    });
    const server = await startOpsServer({ port: 0, host: '127.0.0.1', endpoints, logger: silentLogger });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      clock += 61_000;
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({
        status: 'ok',
        transport: 'socket',
        uptime_s: 61,
        sandbox: { status: 'ok' },
        store: 'ok',
      });
      expect(await (await fetch(`${url}/metrics?x=1`)).text()).toBe('dx_up 1\n');
      const missing = await fetch(`${url}/slack/events`);
      expect(missing.status).toBe(404);
      await missing.arrayBuffer();
      const post = await fetch(`${url}/healthz`, { method: 'POST' });
      expect(post.status).toBe(405);
      await post.arrayBuffer();
    } finally {
      await server.stop();
    }
  });

  it('stops promptly even with a keep-alive connection open', async () => {
    const server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      endpoints: opsEndpoints({ transport: 'console' }),
      logger: silentLogger,
    });
    await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).arrayBuffer();
    const began = Date.now();
    await server.stop();
    expect(Date.now() - began).toBeLessThan(1000);
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });
});
