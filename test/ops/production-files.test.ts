import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { appMetrics } from '../../src/ops/metrics';
import { PrometheusMetrics } from '../../src/ops/prometheus';
import { expectOneLineNaming } from '../helpers/config-error';
import { thrown } from '../helpers/thrown';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('operations settings', () => {
  it('refuses a short METRICS_TOKEN in one line that does not show it', () => {
    const error = thrown(ConfigError, () => loadConfig({ METRICS_TOKEN: 'short' }));
    expectOneLineNaming(error, 'METRICS_TOKEN', /16 to 256 characters/);
    expect(error.message).not.toContain('short');
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
  });
});

describe('the production files', () => {
  it('the Grafana dashboard asks only for metrics the app has', () => {
    const prometheus = new PrometheusMetrics({ processMetrics: false });
    appMetrics(prometheus);
    const names = new Set(prometheus.registry.getMetricsAsArray().map((metric) => metric.name));
    const asked = new Set(
      [...read('docs/grafana-dashboard.json').matchAll(/\b(dx_[a-z_]+?)(?:_bucket)?\{/g)].map((m) => m[1]),
    );
    expect(asked.size).toBeGreaterThan(5);
    for (const name of asked) expect(names).toContain(name);
  });

  it('compose.yaml gives the bot the sandbox over TLS with its client certificate only, and time to drain', () => {
    const compose = read('compose.yaml');
    expect(compose).not.toMatch(/docker\.sock/);
    expect(compose).toContain('DOCKER_HOST: tcp://sandbox:2376');
    expect(compose).toContain('DOCKER_TLS_VERIFY: "1"');
    expect(compose).toContain('- sandbox-client-certs:/certs/client:ro');
    expect(compose).toContain('--bridge=none');
    const grace = Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1]);
    expect(grace * 1000).toBeGreaterThan(loadConfig({}).shutdownTimeoutMs);
  });

  it('the image runs as a non-root user, with a health check, and takes only what it needs into its build', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*dist\/ops\/healthcheck\.js/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(20|22)-bookworm-slim$/m);
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['*', '!src/', '!content/']));
  });
});
