import net from 'node:net';
import { DemoTimedOut, SandboxRefused, SandboxUnavailable } from '../../src/errors';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox';
import { describeWithDocker, engineTarget } from '../helpers/docker-engine';

const QUICK = { quickMs: 300, workMs: 300, slowMs: 300 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('DockerSandbox without an engine', () => {
  it('is unavailable, with the reason, when the socket does not exist', async () => {
    const sandbox = new DockerSandbox({
      socketPath: '/nonexistent/docker.sock',
      protocol: 'http',
      describe: 'x',
    });
    const error = await rejection(sandbox.ping());
    expect(error).toBeInstanceOf(SandboxUnavailable);
    expect((error as Error).message).toBe('the sandbox Docker engine is unavailable: ping: ENOENT');
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
    expect((await rejection(sandbox.listContainers({ a: 'b' }))) as Error).toEqual(
      expect.objectContaining({ message: 'the sandbox Docker engine is unavailable: ps: ECONNREFUSED' }),
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
      const error = await rejection(sandbox.ping());
      expect(error).toBeInstanceOf(SandboxUnavailable);
      expect((error as Error).message).toBe(
        'the sandbox Docker engine is unavailable: ping got no answer within 0.3 s',
      );
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
    expect(await rejection(sandbox.ping(controller.signal))).toBeInstanceOf(DemoTimedOut);
  });
});

describeWithDocker('DockerSandbox on a real engine', () => {
  const target = engineTarget();
  const sandbox = new DockerSandbox(
    'socketPath' in target
      ? { socketPath: target.socketPath, protocol: 'http', describe: 'test' }
      : { host: target.host, port: String(target.port), protocol: 'http', describe: 'test' },
  );

  it('answers with the engine version', async () => {
    expect((await sandbox.ping()).version).toMatch(/^\d+\.\d+/);
  });

  it("passes on the engine's own reason when it refuses", async () => {
    const error = await rejection(sandbox.inspectContainer('dx-no-such-container'));
    expect(error).toBeInstanceOf(SandboxRefused);
    expect((error as SandboxRefused).reason).toBe('No such container: dx-no-such-container');
    expect((error as SandboxRefused).statusCode).toBe(404);
  });

  it('treats removing what is already gone, and inspecting a missing image, as no error', async () => {
    await expect(sandbox.removeContainer('dx-no-such-container')).resolves.toBeUndefined();
    await expect(sandbox.removeImage('docker-explainer-test/none:1')).resolves.toBeUndefined();
    await expect(sandbox.inspectImage('docker-explainer-test/none:1')).resolves.toBeUndefined();
  });
});
