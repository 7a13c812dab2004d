import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { type EngineDoor, labelFilter, statusOf } from './engine-door';
import type {
  CommitOptions,
  ContainerClient,
  ContainerInfo,
  ContainerSpec,
  ContainerStatus,
  ExecOptions,
  ExecResult,
  FileChange,
  ListedContainer,
  ProcessOutput,
} from './types';

const KIND: Record<number, FileChange['kind']> = { 0: 'C', 1: 'A', 2: 'D' };

/** Containers on a real engine; every call goes through the engine's one door (DockerSandbox.call). */
export class DockerContainers implements ContainerClient {
  constructor(private readonly engine: EngineDoor) {}

  create(spec: ContainerSpec, signal?: AbortSignal): Promise<string> {
    return this.engine.call('create', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      const container = await this.engine.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Cmd: spec.cmd ? [...spec.cmd] : undefined,
        Env: spec.env ? [...spec.env] : undefined,
        WorkingDir: spec.workingDir,
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

  start(id: string, signal?: AbortSignal): Promise<void> {
    return this.engine.call('start', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      try {
        await this.engine.docker.getContainer(id).start({ abortSignal });
      } catch (error) {
        if (statusOf(error) !== 304) throw error; // 304: already running
      }
    });
  }

  stop(id: string, graceSeconds: number, signal?: AbortSignal): Promise<void> {
    const budget = this.engine.timeouts.workMs + graceSeconds * 1000;
    return this.engine.call('stop', budget, signal, async (abortSignal) => {
      try {
        await this.engine.docker.getContainer(id).stop({ t: graceSeconds, abortSignal });
      } catch (error) {
        if (statusOf(error) !== 304) throw error; // 304: already stopped
      }
    });
  }

  remove(id: string, signal?: AbortSignal): Promise<void> {
    return this.engine.call('rm', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      try {
        await this.engine.docker.getContainer(id).remove({ force: true, v: true, abortSignal });
      } catch (error) {
        // 404: already gone. 409: removal already in progress (another cleanup got there first).
        const status = statusOf(error);
        if (status !== 404 && status !== 409) throw error;
      }
    });
  }

  inspect(id: string, signal?: AbortSignal): Promise<ContainerInfo> {
    return this.engine.call('inspect', this.engine.timeouts.quickMs, signal, async (abortSignal) => {
      const c = await this.engine.docker.getContainer(id).inspect({ abortSignal });
      const host = c.HostConfig;
      return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        imageId: c.Image,
        status: c.State.Status as ContainerStatus,
        exitCode: c.State.ExitCode,
        image: c.Config.Image,
        created: c.Created,
        startedAt: c.State.StartedAt,
        finishedAt: c.State.FinishedAt,
        cmd: c.Config.Cmd ?? [],
        env: c.Config.Env ?? [],
        workingDir: c.Config.WorkingDir ?? '',
        user: c.Config.User ?? '',
        labels: c.Config.Labels ?? {},
        isolation: {
          networkMode: host.NetworkMode ?? '',
          memoryBytes: host.Memory ?? 0,
          pidsLimit: host.PidsLimit ?? 0,
          nanoCpus: host.NanoCpus ?? 0,
          capDrop: host.CapDrop ?? [],
          capAdd: host.CapAdd ?? [],
          securityOpt: host.SecurityOpt ?? [],
          privileged: host.Privileged ?? false,
          mounts: (c.Mounts ?? []).length + (host.Binds ?? []).length,
        },
      };
    });
  }

  /** Takes as long as the process runs: the caller's signal is what bounds it. */
  wait(id: string, signal?: AbortSignal): Promise<number> {
    return this.engine.call('wait', this.engine.timeouts.slowMs, signal, async (abortSignal) => {
      const result = (await this.engine.docker.getContainer(id).wait({ abortSignal })) as {
        StatusCode: number;
      };
      return result.StatusCode;
    });
  }

  logs(id: string, signal?: AbortSignal): Promise<ProcessOutput> {
    return this.engine.call('logs', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      const raw = (await this.engine.docker
        .getContainer(id)
        .logs({ stdout: true, stderr: true, follow: false, abortSignal })) as unknown as Buffer;
      return this.engine.demux(Readable.from([Buffer.from(raw)]));
    });
  }

  /** Takes as long as the command runs: the caller's signal is what bounds it. */
  exec(id: string, cmd: readonly string[], options: ExecOptions, signal?: AbortSignal): Promise<ExecResult> {
    return this.engine.call('exec', this.engine.timeouts.slowMs, signal, async (abortSignal) => {
      const exec = await this.engine.docker.getContainer(id).exec({
        Cmd: [...cmd],
        User: options.user,
        Env: options.env ? [...options.env] : undefined,
        WorkingDir: options.workingDir,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: false,
        Tty: false,
        Privileged: false,
        abortSignal,
      } as Docker.ExecCreateOptions);
      const stream = await exec.start({ abortSignal } as Docker.ExecStartOptions);
      const output = await this.engine.demux(stream);
      const inspected = await exec.inspect({ abortSignal } as object);
      return { ...output, exitCode: inspected.ExitCode ?? -1 };
    });
  }

  diff(id: string, signal?: AbortSignal): Promise<FileChange[]> {
    return this.engine.call('diff', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      const changes = (await this.engine.docker.getContainer(id).changes({ abortSignal })) as unknown;
      // No changes is `null` in JSON, which docker-modem hands back as the raw bytes rather than parsed.
      if (!Array.isArray(changes)) return [];
      return (changes as { Path: string; Kind: number }[]).map((c) => ({
        kind: KIND[c.Kind] ?? 'C',
        path: c.Path,
      }));
    });
  }

  commit(id: string, options: CommitOptions, signal?: AbortSignal): Promise<string> {
    return this.engine.call('commit', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      const result = (await this.engine.docker.getContainer(id).commit({
        // Empty values are left out: the engine reads `changes=` as a Dockerfile with no instructions.
        _query: {
          container: id,
          ...(options.repo ? { repo: options.repo, tag: options.tag } : {}),
          ...(options.comment ? { comment: options.comment } : {}),
          ...(options.changes?.length ? { changes: [...options.changes] } : {}),
          pause: true,
        },
        _body: {},
        abortSignal,
      })) as { Id: string };
      return result.Id;
    });
  }

  list(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedContainer[]> {
    return this.engine.call('ps', this.engine.timeouts.quickMs, signal, async (abortSignal) => {
      const containers = await this.engine.docker.listContainers({
        all: true,
        filters: { label: labelFilter(labels) },
        abortSignal,
      });
      return containers.map((c) => ({
        id: c.Id,
        labels: c.Labels ?? {},
        status: c.State,
        name: (c.Names?.[0] ?? '').replace(/^\//, ''),
        image: c.Image,
        imageId: c.ImageID,
        command: c.Command,
        created: c.Created,
        statusText: c.Status,
      }));
    });
  }
}
