import { PassThrough, Readable } from 'node:stream';
import Docker from 'dockerode';
import { DemoCancelled, SandboxRefused, SandboxUnavailable } from '../errors';
import type { EngineOptions } from './engine-options';
import type {
  BuildOptions,
  BuildResult,
  ContainerInfo,
  ContainerSpec,
  ContainerStatus,
  EngineInfo,
  ExecResult,
  FileChange,
  HistoryEntry,
  ImageInfo,
  ListedContainer,
  ListedImage,
  ProcessOutput,
  Sandbox,
} from './types';

/** How long one engine call may take before the engine counts as unavailable. */
export interface SandboxTimeouts {
  /** Connecting, and quick calls such as ping and inspect. */
  quickMs: number;
  /** Calls that do work: create, start, exec, commit, remove. */
  workMs: number;
  /** Pulls and builds. */
  slowMs: number;
}

export const DEFAULT_TIMEOUTS: SandboxTimeouts = { quickMs: 3000, workMs: 10_000, slowMs: 120_000 };

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

const KIND: Record<number, FileChange['kind']> = { 0: 'C', 1: 'A', 2: 'D' };

/** The Sandbox on a real Docker engine: the only code in the app that imports dockerode. */
export class DockerSandbox implements Sandbox {
  private readonly docker: Docker;

  constructor(
    private readonly engine: EngineOptions,
    private readonly timeouts: SandboxTimeouts = DEFAULT_TIMEOUTS,
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
  }

  /** Where the engine is (no secrets), for logs. */
  get address(): string {
    return this.engine.describe;
  }

  ping(signal?: AbortSignal): Promise<EngineInfo> {
    return this.call('ping', this.timeouts.quickMs, signal, async () => {
      const version = await this.docker.version();
      return { version: version.Version, apiVersion: version.ApiVersion };
    });
  }

  inspectImage(ref: string, signal?: AbortSignal): Promise<ImageInfo | undefined> {
    return this.call('image inspect', this.timeouts.quickMs, signal, async () => {
      try {
        const image = await this.docker.getImage(ref).inspect();
        return {
          id: image.Id,
          tags: image.RepoTags ?? [],
          labels: image.Config?.Labels ?? {},
          size: image.Size,
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  pullImage(ref: string, signal?: AbortSignal): Promise<void> {
    return this.call('pull', this.timeouts.slowMs, signal, async (abortSignal) => {
      const stream = (await this.docker.pull(ref, { abortSignal })) as NodeJS.ReadableStream;
      await this.follow(stream, abortSignal);
    });
  }

  buildImage(
    context: NodeJS.ReadableStream,
    options: BuildOptions,
    signal?: AbortSignal,
  ): Promise<BuildResult> {
    return this.call('build', this.timeouts.slowMs, signal, async (abortSignal) => {
      const stream = await this.docker.buildImage(context, {
        t: options.tag,
        nocache: options.noCache ?? false,
        networkmode: 'none',
        rm: true,
        forcerm: true,
        memory: options.memoryBytes,
        abortSignal,
      } as Docker.ImageBuildOptions);
      const events = await this.follow(stream, abortSignal);
      const log = events
        .flatMap((e) => (typeof e.stream === 'string' ? e.stream.split('\n') : []))
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '');
      const id = events.find((e) => typeof e.aux?.ID === 'string')?.aux?.ID;
      if (!id) throw new SandboxRefused('the build finished without an image ID');
      return { imageId: id, log };
    });
  }

  imageHistory(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
    return this.call('history', this.timeouts.quickMs, signal, async () => {
      const rows = (await this.docker.getImage(ref).history()) as {
        Id: string;
        CreatedBy: string;
        Size: number;
      }[];
      return rows.map((row) => ({ id: row.Id, createdBy: row.CreatedBy, size: row.Size }));
    });
  }

  removeImage(ref: string, signal?: AbortSignal): Promise<void> {
    return this.call('image rm', this.timeouts.workMs, signal, async (abortSignal) => {
      try {
        await this.docker.getImage(ref).remove({ force: true, abortSignal });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
  }

  listImages(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedImage[]> {
    return this.call('image ls', this.timeouts.quickMs, signal, async (abortSignal) => {
      const images = await this.docker.listImages({ filters: { label: labelFilter(labels) }, abortSignal });
      return images.map((image) => ({
        id: image.Id,
        tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
        labels: image.Labels ?? {},
        created: image.Created * 1000,
      }));
    });
  }

  createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string> {
    return this.call('create', this.timeouts.workMs, signal, async (abortSignal) => {
      const container = await this.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Cmd: [...spec.cmd],
        User: spec.user,
        Labels: spec.labels,
        Tty: false,
        OpenStdin: false,
        AttachStdin: false,
        NetworkDisabled: true,
        HostConfig: {
          NetworkMode: 'none',
          Memory: spec.memoryBytes,
          MemorySwap: spec.memoryBytes,
          PidsLimit: spec.pidsLimit,
          NanoCpus: spec.nanoCpus,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          Privileged: false,
          Binds: [],
          Mounts: [],
          PortBindings: {},
          PublishAllPorts: false,
          RestartPolicy: { Name: 'no' },
          AutoRemove: false,
        },
        abortSignal,
      } as Docker.ContainerCreateOptions);
      return container.id;
    });
  }

  startContainer(id: string, signal?: AbortSignal): Promise<void> {
    return this.call('start', this.timeouts.workMs, signal, async (abortSignal) => {
      await this.docker.getContainer(id).start({ abortSignal });
    });
  }

  stopContainer(id: string, graceSeconds: number, signal?: AbortSignal): Promise<void> {
    const budget = this.timeouts.workMs + graceSeconds * 1000;
    return this.call('stop', budget, signal, async (abortSignal) => {
      try {
        await this.docker.getContainer(id).stop({ t: graceSeconds, abortSignal });
      } catch (error) {
        if (statusOf(error) !== 304) throw error; // 304: already stopped
      }
    });
  }

  removeContainer(id: string, signal?: AbortSignal): Promise<void> {
    return this.call('rm', this.timeouts.workMs, signal, async (abortSignal) => {
      try {
        await this.docker.getContainer(id).remove({ force: true, v: true, abortSignal });
      } catch (error) {
        // 404: already gone. 409: removal already in progress (another cleanup got there first).
        const status = statusOf(error);
        if (status !== 404 && status !== 409) throw error;
      }
    });
  }

  inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerInfo> {
    return this.call('inspect', this.timeouts.quickMs, signal, async (abortSignal) => {
      const c = await this.docker.getContainer(id).inspect({ abortSignal });
      return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        imageId: c.Image,
        status: c.State.Status as ContainerStatus,
        exitCode: c.State.ExitCode,
      };
    });
  }

  waitContainer(id: string, signal?: AbortSignal): Promise<number> {
    return this.call('wait', this.timeouts.workMs, signal, async (abortSignal) => {
      const result = (await this.docker.getContainer(id).wait({ abortSignal })) as { StatusCode: number };
      return result.StatusCode;
    });
  }

  containerLogs(id: string, signal?: AbortSignal): Promise<ProcessOutput> {
    return this.call('logs', this.timeouts.workMs, signal, async (abortSignal) => {
      const raw = (await this.docker
        .getContainer(id)
        .logs({ stdout: true, stderr: true, follow: false, abortSignal })) as unknown as Buffer;
      return this.demux(Readable.from([Buffer.from(raw)]));
    });
  }

  exec(
    id: string,
    cmd: readonly string[],
    options: { user: string },
    signal?: AbortSignal,
  ): Promise<ExecResult> {
    return this.call('exec', this.timeouts.workMs, signal, async (abortSignal) => {
      const exec = await this.docker.getContainer(id).exec({
        Cmd: [...cmd],
        User: options.user,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: false,
        Tty: false,
        Privileged: false,
        abortSignal,
      } as Docker.ExecCreateOptions);
      const stream = await exec.start({ abortSignal } as Docker.ExecStartOptions);
      const output = await this.demux(stream);
      const inspected = await exec.inspect({ abortSignal } as object);
      return { ...output, exitCode: inspected.ExitCode ?? -1 };
    });
  }

  diff(id: string, signal?: AbortSignal): Promise<FileChange[]> {
    return this.call('diff', this.timeouts.workMs, signal, async (abortSignal) => {
      const changes = ((await this.docker.getContainer(id).changes({ abortSignal })) ?? []) as {
        Path: string;
        Kind: number;
      }[];
      return changes.map((c) => ({ kind: KIND[c.Kind] ?? 'C', path: c.Path }));
    });
  }

  commit(
    id: string,
    options: { repo: string; tag: string; comment: string },
    signal?: AbortSignal,
  ): Promise<string> {
    return this.call('commit', this.timeouts.workMs, signal, async (abortSignal) => {
      const result = (await this.docker.getContainer(id).commit({
        _query: {
          container: id,
          repo: options.repo,
          tag: options.tag,
          comment: options.comment,
          pause: true,
        },
        _body: {},
        abortSignal,
      })) as { Id: string };
      return result.Id;
    });
  }

  listContainers(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedContainer[]> {
    return this.call('ps', this.timeouts.quickMs, signal, async (abortSignal) => {
      const containers = await this.docker.listContainers({
        all: true,
        filters: { label: labelFilter(labels) },
        abortSignal,
      });
      return containers.map((c) => ({ id: c.Id, labels: c.Labels ?? {}, status: c.State }));
    });
  }

  /**
   * Runs one engine call with a timeout and the caller's signal, and turns failures into our errors:
   * no answer → SandboxUnavailable; an answer saying no → SandboxRefused; the caller's abort → its reason.
   */
  private async call<T>(
    what: string,
    timeoutMs: number,
    outer: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    outer?.throwIfAborted();
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
      if (outer?.aborted) throw outer.reason ?? new DemoCancelled();
      if (timeout.aborted)
        throw new SandboxUnavailable(`${what} got no answer within ${timeoutMs / 1000} s`, { cause: error });
      throw classify(what, error);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
    }
  }

  /** Reads a progress stream (pull, build) to the end; an `error` event in it is the engine refusing. */
  private async follow(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<ProgressEvent[]> {
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

  /** Splits a multiplexed stdout/stderr stream (exec, logs) with docker-modem, reading it to its end. */
  private demux(stream: NodeJS.ReadableStream): Promise<ProcessOutput> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    this.docker.modem.demuxStream(stream, stdout, stderr);
    return new Promise((resolve, reject) => {
      stream.on('error', reject);
      stream.on('end', () =>
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
  }
}

interface ProgressEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

function labelFilter(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
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
  if (code && UNREACHABLE.has(code)) return new SandboxUnavailable(`${what}: ${code}`, { cause: error });
  if (error instanceof SandboxRefused || error instanceof SandboxUnavailable) return error;
  if ((error as Error).name === 'AbortError')
    return new SandboxUnavailable(`${what} was interrupted`, { cause: error });
  return new SandboxUnavailable(`${what}: ${(error as Error).message ?? String(error)}`, { cause: error });
}
