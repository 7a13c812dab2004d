import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { clientTls, engineTarget } from './docker-engine';

/** Runs before a matching request is passed on; `head` is the first chunk of it (request line, headers, maybe body). */
type Hook = (match: RegExpExecArray, head: string) => Promise<void>;

/** Where a proxy passes connections on to. */
export type ProxyTarget = () => { socketPath: string } | { host: string; port: number; certPath?: string };

/**
 * A TCP proxy on 127.0.0.1 in front of the real Docker engine (or, given a target, any TCP server: the tests'
 * Postgres), owned by one test. Point the app's
 * DOCKER_HOST at it, then cause real network faults without touching the shared engine: `stop()` (connection
 * refused), `hold()` (connections accepted, nothing answers), `start()` again on the same port. Hooks run
 * before a matching request (say `POST /containers/<id>/start`) is passed on, so a test can look at or change
 * the engine at exactly that point.
 *
 * In front of an engine reached over TLS (DOCKER_TLS_VERIFY=1), the proxy speaks TLS on both sides, as the
 * engine does: it presents the engine's own server certificate (from DX_TLS_CERTS/server, as
 * scripts/tls-certs.sh lays it out), requires the app's client certificate, and connects on with it.
 */
export class EngineProxy {
  /** Every request line passed on, e.g. `POST /containers/create?name=…`. */
  readonly requests: string[] = [];
  /** Errors thrown by hooks (the request is passed on anyway); a test should expect none. */
  readonly hookErrors: unknown[] = [];
  private server: net.Server | undefined;
  private port = 0;
  private holding = false;
  private readonly sockets = new Set<net.Socket>();
  private readonly hooks = new Set<{ pattern: RegExp; hook: Hook }>();

  constructor(private readonly target: ProxyTarget = engineTarget) {}

  /** Listens (on the same port as before, after a stop). */
  async start(): Promise<this> {
    const target = this.target();
    const server =
      'certPath' in target && target.certPath
        ? tls.createServer({ ...serverTls(), requestCert: true, rejectUnauthorized: true }, (client) =>
            this.connect(client),
          )
        : net.createServer((client) => this.connect(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Closes the port and drops every connection: the engine becomes unreachable. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** From now on nothing reaches the engine and nothing comes back, though connections are accepted. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
  }

  get dockerHost(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The port it listens on (127.0.0.1). */
  get listenPort(): number {
    return this.port;
  }

  /** Runs `hook` before every request whose `METHOD /path` matches; returns a function removing it. */
  onRequest(pattern: RegExp, hook: Hook): () => void {
    const entry = { pattern, hook };
    this.hooks.add(entry);
    return () => this.hooks.delete(entry);
  }

  /**
   * Holds every request matching `pattern` until `open()` is called (running `onReach` first), so a test can
   * act while a demo waits in the middle of a step. `reached` tells whether one has arrived.
   */
  holdAt(pattern: RegExp, onReach?: () => Promise<void>): { readonly reached: boolean; open(): void } {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = false;
    const off = this.onRequest(pattern, async () => {
      reached = true;
      await onReach?.();
      await gate;
    });
    return {
      get reached() {
        return reached;
      },
      open: () => {
        release();
        off();
      },
    };
  }

  private connect(client: net.Socket): void {
    const target = this.target();
    const upstream =
      'socketPath' in target
        ? net.connect({ path: target.socketPath })
        : 'certPath' in target && typeof target.certPath === 'string'
          ? tls.connect({ host: target.host, port: target.port, ...clientTls(target.certPath) })
          : net.connect(target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.on('data', (chunk: Buffer) => {
      if (!this.holding) client.write(chunk);
    });
    // Requests are handled in order, so a hook that waits delays only its own connection.
    let chain = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      if (this.holding) return;
      chain = chain.then(async () => {
        const head = chunk.toString('utf8', 0, Math.min(chunk.length, 16_384));
        const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(head);
        if (line) {
          const request = `${line[1]} ${line[2]}`;
          this.requests.push(request);
          for (const { pattern, hook } of [...this.hooks]) {
            const match = pattern.exec(request);
            if (match) await hook(match, head).catch((error: unknown) => this.hookErrors.push(error));
          }
        }
        if (!upstream.destroyed && !this.holding) upstream.write(chunk);
      });
    });
  }
}

/** The engine's server certificate and key, and the CA to check clients with: DX_TLS_CERTS/server. */
function serverTls(): { ca: Buffer; cert: Buffer; key: Buffer } {
  const certs = process.env.DX_TLS_CERTS;
  if (!certs)
    throw new Error('an EngineProxy in front of a TLS engine needs DX_TLS_CERTS (see scripts/tls-certs.sh)');
  const read = (file: string) => fs.readFileSync(path.join(certs, 'server', file));
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}
