/**
 * What the demos need from a Docker engine, and nothing more. The one implementation talks to a real engine
 * through dockerode (docker-sandbox.ts); tests may pass their own.
 *
 * Every call takes an optional AbortSignal (a demo's hard time limit) and has its own timeout, so an engine
 * that stops answering yields a SandboxUnavailable within seconds. An engine that answers "no" yields a
 * SandboxRefused with the engine's short reason.
 */
export interface Sandbox {
  /** Checks the engine answers; its version. */
  ping(signal?: AbortSignal): Promise<EngineInfo>;
  /** The image by name or ID, or undefined when the engine does not have it. */
  inspectImage(ref: string, signal?: AbortSignal): Promise<ImageInfo | undefined>;
  /** Pulls an image, following the progress stream to the end. */
  pullImage(ref: string, signal?: AbortSignal): Promise<void>;
  /** Builds an image from a tar context (classic builder, no network), following the build stream. */
  buildImage(
    context: NodeJS.ReadableStream,
    options: BuildOptions,
    signal?: AbortSignal,
  ): Promise<BuildResult>;
  imageHistory(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]>;
  /** Removes an image (untagging it, and its untagged parents); an image already gone is not an error. */
  removeImage(ref: string, signal?: AbortSignal): Promise<void>;
  /** Top-level images with all of these labels (no labels: every image). */
  listImages(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedImage[]>;

  /** Creates an isolated container (see ContainerSpec); its ID. */
  createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string>;
  startContainer(id: string, signal?: AbortSignal): Promise<void>;
  /** `docker stop -t <seconds>`: SIGTERM, then SIGKILL after the grace period. */
  stopContainer(id: string, graceSeconds: number, signal?: AbortSignal): Promise<void>;
  /** Kills and removes a container; a container already gone is not an error. */
  removeContainer(id: string, signal?: AbortSignal): Promise<void>;
  inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerInfo>;
  /** Waits for a container's main process to exit; its exit code. */
  waitContainer(id: string, signal?: AbortSignal): Promise<number>;
  /** Everything the container's main process wrote so far. */
  containerLogs(id: string, signal?: AbortSignal): Promise<ProcessOutput>;
  /** Runs a command in a running container and waits for it to finish. */
  exec(
    id: string,
    cmd: readonly string[],
    options: { user: string },
    signal?: AbortSignal,
  ): Promise<ExecResult>;
  /** `docker diff`: what the container changed compared to its image. */
  diff(id: string, signal?: AbortSignal): Promise<FileChange[]>;
  /** `docker commit`: a new image from the container; its ID. */
  commit(
    id: string,
    options: { repo: string; tag: string; comment: string },
    signal?: AbortSignal,
  ): Promise<string>;
  listContainers(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedContainer[]>;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  labels: Record<string, string>;
  size: number;
}

export interface ListedImage {
  id: string;
  tags: string[];
  labels: Record<string, string>;
  /** When the image was created (built, committed), in Unix ms. */
  created: number;
}

export interface BuildOptions {
  /** `name:tag` to give the result. */
  tag: string;
  /** Skip the build cache, so every step really runs. */
  noCache?: boolean;
  /** Memory limit for the build's RUN containers. */
  memoryBytes?: number;
}

export interface BuildResult {
  imageId: string;
  /** The builder's output lines (`Step 1/4 : FROM …`, ` ---> 3f2a…`). */
  log: string[];
}

export interface HistoryEntry {
  /** Image ID of the layer, or `<missing>` for layers built elsewhere. */
  id: string;
  createdBy: string;
  size: number;
}

/**
 * A container as demos may create one. The implementation always adds the isolation that is not negotiable:
 * no network, all capabilities dropped, no-new-privileges, not privileged, no mounts or published ports.
 */
export interface ContainerSpec {
  name: string;
  image: string;
  cmd: readonly string[];
  /** `uid:gid` the main process runs as. */
  user: string;
  labels: Record<string, string>;
  memoryBytes: number;
  pidsLimit: number;
  /** CPU limit in units of 10⁻⁹ CPUs (`--cpus 0.5` is 500000000). */
  nanoCpus: number;
}

export type ContainerStatus =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead';

export interface ContainerInfo {
  id: string;
  name: string;
  /** The ID of the image it was created from. */
  imageId: string;
  status: ContainerStatus;
  exitCode: number;
}

export interface ListedContainer {
  id: string;
  labels: Record<string, string>;
  status: string;
}

export interface ProcessOutput {
  stdout: string;
  stderr: string;
}

export interface ExecResult extends ProcessOutput {
  exitCode: number;
}

/** One line of `docker diff`: A added, C changed, D deleted. */
export interface FileChange {
  kind: 'A' | 'C' | 'D';
  path: string;
}
