import { createHash, timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import type { Counter, Gauge, Histogram, MetricSpec, Metrics } from './metrics';
import type { OpsHandler } from './server';

/**
 * The Metrics port on prom-client: one registry per app, with Node's default process metrics
 * (`process_*`, `nodejs_*`: CPU, memory, event loop lag, handles, GC). Only the composition root builds it.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new client.Registry();

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) client.collectDefaultMetrics({ register: this.registry });
  }

  counter(spec: MetricSpec): Counter {
    const counter = new client.Counter({ ...names(spec), registers: [this.registry] });
    return { inc: (labels = {}, by = 1) => counter.inc(labels, by) };
  }

  histogram(spec: MetricSpec & { buckets?: readonly number[] }): Histogram {
    const histogram = new client.Histogram({
      ...names(spec),
      buckets: spec.buckets ? [...spec.buckets] : undefined,
      registers: [this.registry],
    });
    return { observe: (value, labels = {}) => histogram.observe(labels, value) };
  }

  gauge(spec: MetricSpec): Gauge {
    const gauge = new client.Gauge({ ...names(spec), registers: [this.registry] });
    return { set: (value, labels = {}) => gauge.set(labels, value) };
  }

  /**
   * GET /metrics in the Prometheus text format. With a token, only `Authorization: Bearer <token>` gets it
   * (401 otherwise); the comparison takes the same time whatever the guess.
   */
  endpoint(token?: string): OpsHandler {
    const expected = token ? digest(token) : undefined;
    return (req, res) => {
      if (expected && !timingSafeEqual(digest(bearer(req.headers.authorization)), expected)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
        res.end('unauthorized\n');
        return;
      }
      this.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics failed: ${(error as Error).message}\n`);
        },
      );
    };
  }
}

const names = (spec: MetricSpec) => ({
  name: spec.name,
  help: spec.help,
  labelNames: spec.labelNames ? [...spec.labelNames] : [],
});

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';

const digest = (text: string) => createHash('sha256').update(text).digest();
