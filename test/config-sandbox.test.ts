import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DEMO_IMAGE, loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';
import { engineOptions } from '../src/sandbox/engine-options';
import { expectOneLineNaming } from './helpers/config-error';
import { tempDir } from './helpers/temp-dir';
import { thrown } from './helpers/thrown';
import { makeCerts } from './helpers/tls';

/** The ConfigError these settings stop start-up with (config, then the engine's connection settings). */
const errorFor = (env: Record<string, string>) =>
  thrown(ConfigError, () => engineOptions(loadConfig(env).sandbox.engines[0]));

describe('sandbox and demo configuration', () => {
  it('defaults to the local socket, a pinned busybox, four demos at once and 20 s each', () => {
    const config = loadConfig({});
    expect(config.sandbox).toEqual({
      engines: [{ dockerHost: undefined, tlsVerify: false, certPath: undefined }],
      demoImage: DEFAULT_DEMO_IMAGE,
      busyboxPath: '/bin/busybox',
    });
    expect(DEFAULT_DEMO_IMAGE).toMatch(/^busybox:\d+\.\d+\.\d+$/);
    expect(config.demos).toEqual({ concurrency: 4, timeLimitMs: 20_000, janitorIntervalMs: 60_000 });
    expect(engineOptions(config.sandbox.engines[0])).toEqual({
      socketPath: '/var/run/docker.sock',
      protocol: 'http',
      describe: 'unix:///var/run/docker.sock',
      address: 'unix:///var/run/docker.sock',
    });
  });

  it('reads DOCKER_HOST as the docker CLI does: a unix socket, or tcp (HTTPS on 2376 or with TLS verify)', () => {
    const options = (env: Record<string, string>) => engineOptions(loadConfig(env).sandbox.engines[0]);
    expect(options({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual(
      expect.objectContaining({ socketPath: '/run/user/1000/docker.sock', protocol: 'http' }),
    );
    expect(options({ DOCKER_HOST: 'tcp://sandbox.internal:2375' })).toEqual(
      expect.objectContaining({ host: 'sandbox.internal', port: '2375', protocol: 'http' }),
    );
    const certs = tempDir('dx-certs-');
    try {
      const { client } = makeCerts(certs.dir);
      const tls = options({
        DOCKER_HOST: 'tcp://dind:2376',
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: client,
      });
      expect(tls).toEqual(expect.objectContaining({ host: 'dind', port: '2376', protocol: 'https' }));
      expect(tls.ca?.toString()).toBe(fs.readFileSync(path.join(client, 'ca.pem'), 'utf8'));
      expect(tls.key?.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(tls.describe).toBe('tcp://dind:2376 (TLS)');
      expect(tls.problem).toBeUndefined();
    } finally {
      certs.cleanup();
    }
  });

  it('names DOCKER_CERT_PATH in one line when a certificate is missing or unusable, without stopping start-up', () => {
    const certs = tempDir('dx-certs-');
    try {
      const { client, server } = makeCerts(certs.dir);
      const env = (dir: string) => ({
        DOCKER_HOST: 'tcp://dind:2376',
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: dir,
      });
      fs.rmSync(path.join(client, 'key.pem'));
      expect(engineOptions(loadConfig(env(client)).sandbox.engines[0]).problem).toBe(
        'DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem (key.pem: ENOENT)',
      );
      // The server's key beside the client's certificate: they do not belong together.
      fs.copyFileSync(path.join(server, 'key.pem'), path.join(client, 'key.pem'));
      const mismatch = engineOptions(loadConfig(env(client)).sandbox.engines[0]).problem;
      expect(mismatch).toMatch(
        /^DOCKER_CERT_PATH .* holds no usable ca\.pem, cert\.pem and key\.pem \(.*mismatch/,
      );
      expect(mismatch).not.toContain('\n');
    } finally {
      certs.cleanup();
    }
  });

  it('ignores the DOCKER_* of the process itself: only the configuration counts', () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://elsewhere:2375';
    try {
      expect(engineOptions(loadConfig({}).sandbox.engines[0]).socketPath).toBe('/var/run/docker.sock');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it.each([
    [
      { DOCKER_HOST: 'ssh://me@host' },
      'DOCKER_HOST',
      /unix:\/\/\/path\/to\/docker.sock or tcp:\/\/host:port/,
    ],
    [{ DOCKER_HOST: 'tcp://host' }, 'DOCKER_HOST', /tcp:\/\/host:port/],
    [{ DOCKER_TLS_VERIFY: 'yes' }, 'DOCKER_TLS_VERIFY', /must be 1/],
    [{ DEMO_IMAGE: 'busybox; rm -rf /' }, 'DEMO_IMAGE', /image reference/],
    [{ DEMO_IMAGE: 'BusyBox' }, 'DEMO_IMAGE', /image reference/],
    [{ BUSYBOX_PATH: 'bin/busybox' }, 'BUSYBOX_PATH', /absolute path/],
    [{ DEMO_CONCURRENCY: '0' }, 'DEMO_CONCURRENCY', /from 1 to 32/],
    [{ DEMO_CONCURRENCY: 'four' }, 'DEMO_CONCURRENCY', /from 1 to 32/],
    [{ DEMO_TIME_LIMIT_S: '1' }, 'DEMO_TIME_LIMIT_S', /from 2 to 300/],
    [{ DEMO_JANITOR_INTERVAL_S: '-5' }, 'DEMO_JANITOR_INTERVAL_S', /whole number/],
    [{ PLAYGROUND_IDLE_MINUTES: '0' }, 'PLAYGROUND_IDLE_MINUTES', /from 1 to 1440/],
    [{ PLAYGROUND_IDLE_MINUTES: 'half an hour' }, 'PLAYGROUND_IDLE_MINUTES', /from 1 to 1440/],
    [{ PLAYGROUND_MAX_CONTAINERS: '50' }, 'PLAYGROUND_MAX_CONTAINERS', /from 1 to 20/],
    [{ PLAYGROUND_MAX_IMAGES: '0' }, 'PLAYGROUND_MAX_IMAGES', /from 1 to 20/],
    [{ PLAYGROUND_COMMANDS_PER_MINUTE: '1.5' }, 'PLAYGROUND_COMMANDS_PER_MINUTE', /from 1 to 600/],
    [{ PLAYGROUND_TIME_LIMIT_S: '61' }, 'PLAYGROUND_TIME_LIMIT_S', /from 1 to 60/],
  ])('%j is refused with one line naming %s', (env, variable, problem) => {
    expectOneLineNaming(errorFor(env), variable, problem);
  });

  it.each([
    'busybox:1.36.1',
    'registry.example.com:5000/team/busybox:stable',
    `busybox@sha256:${'a'.repeat(64)}`,
  ])('accepts the image reference %s', (image) => {
    expect(loadConfig({ DEMO_IMAGE: image }).sandbox.demoImage).toBe(image);
  });

  it('has playground defaults: 30 idle minutes, 3 containers, 3 images, 12 commands a minute, 10 s', () => {
    expect(loadConfig({}).playground).toEqual({
      idleMs: 30 * 60_000,
      maxContainers: 3,
      maxImages: 3,
      commandsPerMinute: 12,
      timeLimitMs: 10_000,
    });
    expect(loadConfig({ PLAYGROUND_IDLE_MINUTES: '5' }).playground.idleMs).toBe(300_000);
  });
});

describe('DOCKER_HOSTS: several sandbox engines', () => {
  it('reads each entry as an engine, with its own TLS folder after "="', () => {
    const certs = tempDir('dx-certs-');
    try {
      const a = makeCerts(path.join(certs.dir, 'a')).client;
      const b = makeCerts(path.join(certs.dir, 'b')).client;
      const { engines } = loadConfig({
        DOCKER_HOSTS: ` tcp://sandbox-0.sandbox:2376=${a}, tcp://sandbox-1.sandbox:2376=${b} ,unix:///run/docker.sock`,
      }).sandbox;
      expect(engines).toEqual([
        {
          dockerHost: 'tcp://sandbox-0.sandbox:2376',
          tlsVerify: true,
          certPath: a,
          certVariable: 'DOCKER_HOSTS',
        },
        {
          dockerHost: 'tcp://sandbox-1.sandbox:2376',
          tlsVerify: true,
          certPath: b,
          certVariable: 'DOCKER_HOSTS',
        },
        { dockerHost: 'unix:///run/docker.sock', tlsVerify: false, certPath: undefined },
      ]);
      const [first, second, third] = engines.map(engineOptions);
      expect(first).toEqual(
        expect.objectContaining({ host: 'sandbox-0.sandbox', port: '2376', protocol: 'https' }),
      );
      expect(first?.address).toBe('tcp://sandbox-0.sandbox:2376');
      expect(first?.problem).toBeUndefined();
      // Each engine its own certificates.
      expect(first?.cert?.equals(fs.readFileSync(path.join(a, 'cert.pem')))).toBe(true);
      expect(second?.cert?.equals(fs.readFileSync(path.join(b, 'cert.pem')))).toBe(true);
      expect(third).toEqual(
        expect.objectContaining({ socketPath: '/run/docker.sock', address: 'unix:///run/docker.sock' }),
      );
    } finally {
      certs.cleanup();
    }
  });

  it('reads an entry without a folder as DOCKER_HOST would be read (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)', () => {
    const { engines } = loadConfig({
      DOCKER_HOSTS: 'tcp://a:2375,tcp://b:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/certs/shared',
    }).sandbox;
    expect(engines).toEqual([
      { dockerHost: 'tcp://a:2375', tlsVerify: true, certPath: '/certs/shared' },
      { dockerHost: 'tcp://b:2376', tlsVerify: true, certPath: '/certs/shared' },
    ]);
    expect(loadConfig({ DOCKER_HOSTS: 'tcp://a:2375' }).sandbox.engines.map(engineOptions)[0]?.protocol).toBe(
      'http',
    );
  });

  it("names DOCKER_HOSTS and the entry when an engine's own folder lacks a certificate, without stopping start-up", () => {
    const [options] = loadConfig({ DOCKER_HOSTS: 'tcp://a:2376=/nonexistent/certs-a' }).sandbox.engines.map(
      engineOptions,
    );
    expect(options?.problem).toBe(
      'DOCKER_HOSTS (/nonexistent/certs-a, for tcp://a:2376) must hold ca.pem, cert.pem and key.pem (ca.pem: ENOENT)',
    );
  });

  it('keeps to the one engine of DOCKER_HOST when DOCKER_HOSTS is unset or empty', () => {
    expect(loadConfig({ DOCKER_HOST: 'tcp://one:2375', DOCKER_HOSTS: '' }).sandbox.engines).toEqual([
      { dockerHost: 'tcp://one:2375', tlsVerify: false, certPath: undefined },
    ]);
  });

  it.each([
    [{ DOCKER_HOSTS: 'tcp://a:2375', DOCKER_HOST: 'tcp://b:2375' }, /both set: use one/],
    [{ DOCKER_HOSTS: 'tcp://a:2375,,tcp://b:2375' }, /empty entry \(number 2\)/],
    [{ DOCKER_HOSTS: 'tcp://a:2375,' }, /empty entry/],
    [{ DOCKER_HOSTS: 'tcp://a:2375,tcp://a:2375/' }, /names tcp:\/\/a:2375 twice/],
    [{ DOCKER_HOSTS: 'tcp://a:2375,ssh://me@b' }, /entry 2 must be unix:\/\/\/path.* or tcp:\/\/host:port/],
    [{ DOCKER_HOSTS: 'tcp://a' }, /entry 1 must be/],
    [{ DOCKER_HOSTS: 'tcp://a:2376=certs/a' }, /absolute path/],
    [{ DOCKER_HOSTS: 'tcp://a:2376=' }, /absolute path/],
    [{ DOCKER_HOSTS: 'unix:///run/docker.sock=/certs' }, /only goes with tcp/],
  ])('%j is refused with one line naming DOCKER_HOSTS', (env, problem) => {
    expectOneLineNaming(
      thrown(ConfigError, () => loadConfig(env)),
      'DOCKER_HOSTS',
      problem,
    );
  });
});
