import net from 'node:net';
import { DemoTimedOut, SandboxRefused, SandboxUnavailable } from '../../src/errors';
import { buildContext } from '../../src/sandbox/build-context';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox';
import { describeWithDocker } from '../helpers/docker-engine';
import { realSandbox } from '../helpers/sandbox';
import { rejected } from '../helpers/thrown';

const QUICK = { quickMs: 300, workMs: 300, slowMs: 300 };

/** Runs `test` against a TCP port that accepts connections and never answers. */
async function withSilentEngine(test: (port: number) => Promise<void>): Promise<void> {
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await test((server.address() as net.AddressInfo).port);
  } finally {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('DockerSandbox without an engine', () => {
  it('is unavailable, with the reason, when the socket does not exist', async () => {
    const sandbox = new DockerSandbox({
      socketPath: '/nonexistent/docker.sock',
      protocol: 'http',
      describe: 'x',
    });
    const error = await rejected(SandboxUnavailable, sandbox.ping());
    expect(error.message).toBe('the sandbox Docker engine is unavailable: ping: ENOENT');
  });

  it('is unavailable when nothing listens on the TCP port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const sandbox = new DockerSandbox({
      host: '127.0.0.1',
      port: String(port),
      protocol: 'http',
      describe: 'x',
    });
    expect((await rejected(SandboxUnavailable, sandbox.containers.list({ a: 'b' }))).message).toBe(
      'the sandbox Docker engine is unavailable: ps: ECONNREFUSED',
    );
  });

  it('is unavailable when the engine accepts the connection but never answers', async () => {
    await withSilentEngine(async (port) => {
      const sandbox = new DockerSandbox(
        { host: '127.0.0.1', port: String(port), protocol: 'http', describe: 'x' },
        QUICK,
      );
      const error = await rejected(SandboxUnavailable, sandbox.ping());
      expect(error.message).toBe('the sandbox Docker engine is unavailable: ping got no answer within 0.3 s');
    });
  });

  it('rejects with the standard AbortError when the caller aborts without a reason of its own', async () => {
    await withSilentEngine(async (port) => {
      const sandbox = new DockerSandbox({
        host: '127.0.0.1',
        port: String(port),
        protocol: 'http',
        describe: 'x',
      });
      const controller = new AbortController();
      const call = sandbox.containers.list({}, controller.signal);
      setTimeout(() => controller.abort(), 50);
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  it("gives up at once with the caller's reason when the caller's signal is aborted", async () => {
    const sandbox = new DockerSandbox({
      socketPath: '/nonexistent/docker.sock',
      protocol: 'http',
      describe: 'x',
    });
    const controller = new AbortController();
    controller.abort(new DemoTimedOut(20_000));
    expect((await rejected(DemoTimedOut, sandbox.ping(controller.signal))).limitMs).toBe(20_000);
  });
});

describeWithDocker('DockerSandbox on a real engine', () => {
  const sandbox = realSandbox();

  it('labels a built image through the build options, with no LABEL line in the Dockerfile', async () => {
    const tag = `docker-explainer-test/labelled:${process.pid}`;
    const built = await sandbox.images.build(
      buildContext('FROM scratch\nCOPY hello /hello\n', [{ name: 'hello', content: 'hi\n' }]),
      { tag, noCache: true, labels: { 'docker-explainer.test': 'labelled' } },
    );
    try {
      const image = await sandbox.images.inspect(tag);
      expect(image?.id).toBe(built.imageId);
      expect(image?.labels).toEqual(expect.objectContaining({ 'docker-explainer.test': 'labelled' }));
      expect(await sandbox.images.list({ 'docker-explainer.test': 'labelled' })).toEqual([
        expect.objectContaining({ id: built.imageId }),
      ]);
    } finally {
      await sandbox.images.remove(built.imageId);
    }
  });

  it('answers with the engine version', async () => {
    expect((await sandbox.ping()).version).toMatch(/^\d+\.\d+/);
  });

  it("passes on the engine's own reason when it refuses", async () => {
    const error = await rejected(SandboxRefused, sandbox.containers.inspect('dx-no-such-container'));
    expect(error.reason).toBe('No such container: dx-no-such-container');
    expect(error.statusCode).toBe(404);
  });

  it('treats removing what is already gone, and inspecting a missing image, as no error', async () => {
    await expect(sandbox.containers.remove('dx-no-such-container')).resolves.toBeUndefined();
    await expect(sandbox.images.remove('docker-explainer-test/none:1')).resolves.toBeUndefined();
    await expect(sandbox.images.inspect('docker-explainer-test/none:1')).resolves.toBeUndefined();
  });
});
