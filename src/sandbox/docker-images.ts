import type Docker from 'dockerode';
import { SandboxRefused } from '../errors';
import { type EngineDoor, labelFilter, statusOf } from './engine-door';
import type { BuildOptions, BuildResult, HistoryEntry, ImageClient, ImageInfo, ListedImage } from './types';

/** Images on a real engine; every call goes through the engine's one door (DockerSandbox.call). */
export class DockerImages implements ImageClient {
  constructor(private readonly engine: EngineDoor) {}

  inspect(ref: string, signal?: AbortSignal): Promise<ImageInfo | undefined> {
    return this.engine.call('image inspect', this.engine.timeouts.quickMs, signal, async () => {
      try {
        const image = await this.engine.docker.getImage(ref).inspect();
        return {
          id: image.Id,
          tags: image.RepoTags ?? [],
          labels: image.Config?.Labels ?? {},
          size: image.Size,
          created: image.Created,
          cmd: image.Config?.Cmd ?? [],
          env: image.Config?.Env ?? [],
          workingDir: image.Config?.WorkingDir ?? '',
          user: image.Config?.User ?? '',
          comment: image.Comment ?? '',
          layers: image.RootFS?.Layers?.length ?? 0,
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  pull(ref: string, signal?: AbortSignal): Promise<void> {
    return this.engine.call('pull', this.engine.timeouts.slowMs, signal, async (abortSignal) => {
      const stream = (await this.engine.docker.pull(ref, { abortSignal })) as NodeJS.ReadableStream;
      await this.engine.follow(stream, abortSignal);
    });
  }

  build(context: NodeJS.ReadableStream, options: BuildOptions, signal?: AbortSignal): Promise<BuildResult> {
    return this.engine.call('build', this.engine.timeouts.slowMs, signal, async (abortSignal) => {
      const stream = await this.engine.docker.buildImage(context, {
        t: options.tag,
        nocache: options.noCache ?? false,
        networkmode: 'none',
        rm: true,
        forcerm: true,
        memory: options.memoryBytes,
        labels: options.labels,
        abortSignal,
      } as Docker.ImageBuildOptions);
      const events = await this.engine.follow(stream, abortSignal);
      const log = events
        .flatMap((e) => (typeof e.stream === 'string' ? e.stream.split('\n') : []))
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '');
      const id = events.find((e) => typeof e.aux?.ID === 'string')?.aux?.ID;
      if (!id) throw new SandboxRefused('the build finished without an image ID');
      return { imageId: id, log };
    });
  }

  history(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
    return this.engine.call('history', this.engine.timeouts.quickMs, signal, async () => {
      const rows = (await this.engine.docker.getImage(ref).history()) as {
        Id: string;
        CreatedBy: string;
        Size: number;
        Created: number;
        Comment?: string;
      }[];
      return rows.map((row) => ({
        id: row.Id,
        createdBy: row.CreatedBy,
        size: row.Size,
        created: row.Created,
        comment: row.Comment ?? '',
      }));
    });
  }

  remove(ref: string, signal?: AbortSignal): Promise<void> {
    return this.engine.call('image rm', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      try {
        await this.engine.docker.getImage(ref).remove({ force: true, abortSignal });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
  }

  rmi(ref: string, signal?: AbortSignal): Promise<{ untagged: string[]; deleted: string[] }> {
    return this.engine.call('rmi', this.engine.timeouts.workMs, signal, async (abortSignal) => {
      const removed = ((await this.engine.docker.getImage(ref).remove({ abortSignal })) ?? []) as {
        Untagged?: string;
        Deleted?: string;
      }[];
      return {
        untagged: removed.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
        deleted: removed.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
      };
    });
  }

  tag(ref: string, repo: string, tag: string, signal?: AbortSignal): Promise<void> {
    return this.engine.call('tag', this.engine.timeouts.quickMs, signal, async (abortSignal) => {
      await this.engine.docker.getImage(ref).tag({ repo, tag, abortSignal });
    });
  }

  list(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedImage[]> {
    return this.engine.call('image ls', this.engine.timeouts.quickMs, signal, async (abortSignal) => {
      const images = await this.engine.docker.listImages({
        filters: { label: labelFilter(labels) },
        abortSignal,
      });
      return images.map((image) => ({
        id: image.Id,
        tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
        labels: image.Labels ?? {},
        size: image.Size,
        created: image.Created,
      }));
    });
  }
}
