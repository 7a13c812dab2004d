import path from 'node:path';
import { loadConfig } from '../../src/config';
import { SandboxUnavailable } from '../../src/errors';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox';
import { engineOptions } from '../../src/sandbox/engine-options';
import { finishedDemo } from '../helpers/demo-messages';
import { eventually } from '../helpers/docker-engine';
import { startTestApp } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';
import { rejected } from '../helpers/thrown';
import { certFolder, FakeTlsEngine, makeCerts } from '../helpers/tls';

/**
 * The sandbox over TLS, as DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH configure it, against a stand-in
 * engine that requires client certificates (and, in the TLS run of `npm test`, against the real TLS engine
 * .ci/run starts, DX_TLS_DOCKER_HOST). A wrong CA or a missing client key: one line naming the variable, and
 * "the sandbox is unavailable" for demos, never a stack trace.
 */
const certs = tempDir('dx-tls-');
const ours = makeCerts(path.join(certs.dir, 'ours'));
const theirs = makeCerts(path.join(certs.dir, 'theirs'));
const fake = new FakeTlsEngine(ours.server);

const real = process.env.DX_TLS_DOCKER_HOST && process.env.DX_TLS_CERTS;
const engines: [string, () => Promise<{ host: string; client: string }>][] = [
  ['a stand-in engine', async () => ({ host: await fake.start(), client: ours.client })],
];
if (real)
  engines.push([
    'the TLS engine of this run',
    async () => ({
      host: process.env.DX_TLS_DOCKER_HOST ?? '',
      client: path.join(process.env.DX_TLS_CERTS ?? '', 'client'),
    }),
  ]);

afterAll(async () => {
  await fake.stop();
  certs.cleanup();
});

const env = (host: string, certPath: string) => ({
  DOCKER_HOST: host,
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: certPath,
});
const sandboxFor = (host: string, certPath: string) =>
  new DockerSandbox(engineOptions(loadConfig(env(host, certPath)).sandbox.engines[0]));

describe.each(engines)('the sandbox over TLS, on %s', (_name, reach) => {
  let host: string;
  let client: string;
  let folder = 0;
  /** A DOCKER_CERT_PATH of these files, each from the folder named. */
  const mixed = (from: Parameters<typeof certFolder>[1]) =>
    certFolder(path.join(certs.dir, `mix${folder++}`), from);

  beforeAll(async () => {
    ({ host, client } = await reach());
  });

  it('answers with the right CA and client certificate', async () => {
    const info = await sandboxFor(host, client).ping();
    expect(info.version).toMatch(/\S/);
  });

  it('names DOCKER_CERT_PATH when the CA there did not sign the engine’s certificate', async () => {
    const dir = mixed({ 'ca.pem': theirs.client, 'cert.pem': client, 'key.pem': client });
    const error = await rejected(SandboxUnavailable, sandboxFor(host, dir).ping());
    expect(error.message).toMatch(/not signed by the CA in DOCKER_CERT_PATH \(ca\.pem\)/);
  });

  it('names DOCKER_CERT_PATH when the engine refuses the client certificate', async () => {
    const dir = mixed({ 'ca.pem': client, 'cert.pem': theirs.client, 'key.pem': theirs.client });
    const error = await rejected(SandboxUnavailable, sandboxFor(host, dir).ping());
    expect(error.message).toMatch(/DOCKER_CERT_PATH/);
  });

  it.each([
    ['a missing client key', { 'ca.pem': 'ok', 'cert.pem': 'ok', 'key.pem': undefined }, /key\.pem: ENOENT/],
    ['a wrong CA', { 'ca.pem': 'theirs', 'cert.pem': 'ok', 'key.pem': 'ok' }, /not signed by the CA/],
  ] as const)(
    'with %s, logs one line naming DOCKER_CERT_PATH at start-up, and demos say the sandbox is unavailable',
    async (_case, files, reason) => {
      const pick = (which: string | undefined) => (which === 'theirs' ? theirs.client : which && client);
      const dir = mixed({
        'ca.pem': pick(files['ca.pem']),
        'cert.pem': pick(files['cert.pem']),
        'key.pem': pick(files['key.pem']),
      });
      const t = await startTestApp(env(host, dir));
      try {
        const loud = () =>
          t.logs.filter((line) => / (WARN|ERROR) /.test(line) && line.includes('DOCKER_CERT_PATH'));
        await eventually('the start-up line', async () => loud().length > 0);
        expect(loud()).toHaveLength(1);
        expect(loud()[0]).toMatch(reason);
        await t.command('demo diff', { user: 'U0TLS' });
        const final = await finishedDemo(t.stub, 'U0TLS', 6000);
        expect(final.body.text).toMatch(/did not run: The demo sandbox is unavailable right now/);
        expect(t.logs.join('')).not.toMatch(/\n\s+at /);
      } finally {
        await t.stop();
      }
    },
  );
});
