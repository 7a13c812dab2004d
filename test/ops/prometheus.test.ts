import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appMetrics } from '../../src/ops/metrics';
import { PrometheusMetrics } from '../../src/ops/prometheus';

async function serve(prometheus: PrometheusMetrics, token?: string) {
  const server = http.createServer(prometheus.endpoint(token));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the Prometheus metrics', () => {
  it('writes every app metric in the text format, beside the default process metrics', async () => {
    const prometheus = new PrometheusMetrics();
    const metrics = appMetrics(prometheus);
    metrics.commands.inc({ verb: 'demo' });
    metrics.commands.inc({ verb: 'demo' });
    metrics.demoDuration.observe(1.5, { demo: 'diff' });
    metrics.sandboxUp.set(1);
    metrics.slackCalls.inc({ method: 'chat.postMessage', outcome: 'rate_limited' });
    const { url, close } = await serve(prometheus);
    try {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('# HELP dx_commands_total /docker commands by verb');
      expect(text).toContain('# TYPE dx_commands_total counter');
      expect(text).toContain('dx_commands_total{verb="demo"} 2');
      expect(text).toContain('dx_demo_duration_seconds_bucket{le="2",demo="diff"} 1');
      expect(text).toContain('dx_demo_duration_seconds_count{demo="diff"} 1');
      expect(text).toContain('dx_sandbox_up 1');
      expect(text).toContain('dx_slack_api_calls_total{method="chat.postMessage",outcome="rate_limited"} 1');
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ])
        expect(text).toContain(`# TYPE ${name}`);
    } finally {
      await close();
    }
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const { url, close } = await serve(
      new PrometheusMetrics({ processMetrics: false }),
      'a-long-metrics-token',
    );
    try {
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      await anonymous.arrayBuffer();
      const wrong = await fetch(url, { headers: { authorization: 'Bearer a-long-metrics-tokex' } });
      expect(wrong.status).toBe(401);
      await wrong.arrayBuffer();
      const right = await fetch(url, { headers: { authorization: 'Bearer a-long-metrics-token' } });
      expect(right.status).toBe(200);
      await right.arrayBuffer();
    } finally {
      await close();
    }
  });
});
