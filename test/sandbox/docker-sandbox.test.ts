import net from 'node:net';
import { DemoTimedOut, SandboxRefused, SandboxUnavailable } from '../../src/errors';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox';
import { describeWithDocker } from '../helpers/docker-engine';
import { realSandbox } from '../helpers/sandbox';
import { rejected } from '../helpers/thrown';

const QUICK = { quickMs: 300, workMs: 300, slowMs: 300 };

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
    expect((await rejected(SandboxUnavailable, sandbox.listContainers({ a: 'b' }))).message).toBe(
      'the sandbox Docker engine is unavailable: ps: ECONNREFUSED',
    );
  });

  it('is unavailable when the engine accepts the connection but never answers', async () => {
    const held: net.Socket[] = [];
    const server = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const sandbox = new DockerSandbox(
        { host: '127.0.0.1', port: String(port), protocol: 'http', describe: 'x' },
        QUICK,
      );
      const error = await rejected(SandboxUnavailable, sandbox.ping());
      expect(error.message).toBe('the sandbox Docker engine is unavailable: ping got no answer within 0.3 s');
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
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

  it('answers with the engine version', async () => {
    expect((await sandbox.ping()).version).toMatch(/^\d+\.\d+/);
  });

  it("passes on the engine's own reason when it refuses", async () => {
    const error = await rejected(SandboxRefused, sandbox.inspectContainer('dx-no-such-container'));
    expect(error.reason).toBe('No such container: dx-no-such-container');
    expect(error.statusCode).toBe(404);
  });

  it('treats removing what is already gone, and inspecting a missing image, as no error', async () => {
    await expect(sandbox.removeContainer('dx-no-such-container')).resolves.toBeUndefined();
    await expect(sandbox.removeImage('docker-explainer-test/none:1')).resolves.toBeUndefined();
    await expect(sandbox.inspectImage('docker-explainer-test/none:1')).resolves.toBeUndefined();
  });
});
