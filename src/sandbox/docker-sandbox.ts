import { type Readable, Writable } from 'node:stream';
import Docker from 'dockerode';
import { SandboxRefused, SandboxUnavailable } from '../errors';
import { DockerContainers } from './docker-containers';
import { DockerImages } from './docker-images';
import {
  DEFAULT_TIMEOUTS,
  type EngineDoor,
  type ProgressEvent,
  type SandboxTimeouts,
  statusOf,
} from './engine-door';
import type { EngineOptions } from './engine-options';
import type { EngineInfo, ProcessOutput, Sandbox } from './types';

/** Network failures that mean "nobody is answering", as opposed to the engine saying no. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EACCES',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
]);

/**
 * The Sandbox on a real Docker engine: with docker-containers.ts and docker-images.ts, the only code in the app
 * that imports dockerode. Every engine call of every resource goes through `call`.
 */
export class DockerSandbox implements Sandbox, EngineDoor {
  readonly docker: Docker;
  readonly containers: DockerContainers;
  readonly images: DockerImages;

  constructor(
    private readonly engine: EngineOptions,
    readonly timeouts: SandboxTimeouts = DEFAULT_TIMEOUTS,
  ) {
    // Every connection setting is given, so DOCKER_* in this process's own environment cannot override it.
    // No agent of our own: Node's global agent keeps connections alive already, and docker-modem runs
    // util.inspect over each request's options (agent included) on every call, which costs more the more
    // sockets the agent holds. No connectionTimeout either: docker-modem only clears it when response
    // headers arrive, so it would cut off any slow call; every call has its own timeout instead.
    this.docker = new Docker({
      socketPath: engine.socketPath,
      host: engine.host,
      port: engine.port,
      protocol: engine.protocol,
      ca: engine.ca,
      cert: engine.cert,
      key: engine.key,
    } as Docker.DockerOptions);
    this.containers = new DockerContainers(this);
    this.images = new DockerImages(this);
  }

  /** Where the engine is (no secrets), for logs. */
  get address(): string {
    return this.engine.describe;
  }

  /** The engine's configured address (`unix:///…`, `tcp://host:port`), how the app tells engines apart. */
  get key(): string {
    return this.engine.address ?? this.engine.describe;
  }

  /** Why the connection settings cannot work (a certificate missing or unusable), naming the variable. */
  get problem(): string | undefined {
    return this.engine.problem;
  }

  ping(signal?: AbortSignal): Promise<EngineInfo> {
    return this.call('ping', this.timeouts.quickMs, signal, async () => {
      const version = await this.docker.version();
      return { version: version.Version, apiVersion: version.ApiVersion };
    });
  }

  /**
   * Runs one engine call with a timeout and the caller's signal, and turns failures into our errors:
   * no answer → SandboxUnavailable; an answer saying no → SandboxRefused; the caller's abort → its reason
   * (the caller's own error: a demo's time limit, a shutdown; the sandbox names none of them).
   */
  async call<T>(
    what: string,
    timeoutMs: number,
    outer: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    outer?.throwIfAborted();
    if (this.engine.problem) throw new SandboxUnavailable(this.engine.problem);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const work = run(signal);
    work.catch(() => undefined); // when the race is lost, the late failure is expected and ignored
    try {
      return await Promise.race([work, aborted]);
    } catch (error) {
      if (outer?.aborted) throw outer.reason;
      if (timeout.aborted)
        throw new SandboxUnavailable(`${what} got no answer within ${timeoutMs / 1000} s`, { cause: error });
      throw classify(what, error);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
    }
  }

  /** Reads a progress stream (pull, build) to the end; an `error` event in it is the engine refusing. */
  async follow(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<ProgressEvent[]> {
    const stop = () => (stream as Readable).destroy?.(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    try {
      const events = await new Promise<ProgressEvent[]>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (error: Error | null, output: ProgressEvent[]) =>
          error ? reject(error) : resolve(output),
        );
      });
      const failed = events.find((e) => e.error || e.errorDetail);
      if (failed) throw new SandboxRefused(shorten(failed.errorDetail?.message ?? failed.error ?? 'failed'));
      return events;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * Splits a multiplexed stdout/stderr stream (exec, logs) with docker-modem, reading it to its end. The
   * sinks record each frame as it is written, so `combined` keeps the order the process wrote in.
   */
  demux(stream: NodeJS.ReadableStream): Promise<ProcessOutput> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const all: Buffer[] = [];
    const sink = (into: Buffer[]) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          into.push(chunk);
          all.push(chunk);
          done();
        },
      });
    this.docker.modem.demuxStream(stream, sink(out), sink(err));
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    return new Promise((resolve, reject) => {
      stream.on('error', reject);
      stream.on('end', () => resolve({ stdout: text(out), stderr: text(err), combined: text(all) }));
    });
  }
}

/** Node's codes for an engine certificate our CA does not vouch for. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** A TLS failure in words that name the setting to fix, or undefined when `code` is not one. */
function tlsProblem(code: string, message: string): string | undefined {
  if (UNTRUSTED.has(code))
    return "the engine's certificate is not signed by the CA in DOCKER_CERT_PATH (ca.pem)";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return "the engine's certificate does not name the host in DOCKER_HOST";
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return "the engine's certificate is expired or not valid yet";
  if (
    /^ERR_SSL_.*ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|ACCESS_DENIED)$/.test(
      code,
    )
  )
    return 'the engine refused our client certificate (cert.pem and key.pem in DOCKER_CERT_PATH)';
  // A server that refuses a certificate without an alert (not dockerd) closes the connection mid-handshake.
  if (code.startsWith('ERR_SSL_') || /before secure TLS connection/.test(message))
    return 'the TLS handshake with the engine failed: is DOCKER_HOST its TLS port, and does it accept the client certificate in DOCKER_CERT_PATH?';
  return undefined;
}

/** The engine's own words, on one short line: "No such container: 3f2a…". */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function classify(what: string, error: unknown): Error {
  const status = statusOf(error);
  if (status !== undefined) {
    const json = (error as { json?: { message?: unknown } }).json;
    const message = typeof json?.message === 'string' ? json.message : (error as Error).message;
    return new SandboxRefused(shorten(message.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '')), status, {
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const tls = code && tlsProblem(code, (error as Error).message);
  if (tls) return new SandboxUnavailable(`${what}: ${tls} (${code})`, { cause: error });
  if (code && UNREACHABLE.has(code)) return new SandboxUnavailable(`${what}: ${code}`, { cause: error });
  if (error instanceof SandboxRefused || error instanceof SandboxUnavailable) return error;
  if ((error as Error).name === 'AbortError')
    return new SandboxUnavailable(`${what} was interrupted`, { cause: error });
  return new SandboxUnavailable(`${what}: ${(error as Error).message ?? String(error)}`, { cause: error });
}
