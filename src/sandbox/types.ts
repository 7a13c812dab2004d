/**
 * A Docker engine as the app uses it, one client per resource (containers, images; networks and volumes fit
 * beside them), as testcontainers-node shapes it. The one implementation talks to a real engine through
 * dockerode (docker-sandbox.ts); tests may pass their own. It knows nothing of demos or people: the labels,
 * limits and deadlines come from the caller (src/demos/session.ts).
 *
 * Every call takes an optional AbortSignal (a caller's hard time limit) and has its own timeout, so an engine
 * that stops answering yields a SandboxUnavailable within seconds. An engine that answers "no" yields a
 * SandboxRefused with the engine's short reason. An aborted call rejects with the signal's reason.
 */
export interface Sandbox {
  /** Checks the engine answers; its version. */
  ping(signal?: AbortSignal): Promise<EngineInfo>;
  readonly containers: ContainerClient;
  readonly images: ImageClient;
}

export interface ContainerClient {
  /** Creates an isolated container (see ContainerSpec); its ID. */
  create(spec: ContainerSpec, signal?: AbortSignal): Promise<string>;
  start(id: string, signal?: AbortSignal): Promise<void>;
  /** `docker stop -t <seconds>`: SIGTERM, then SIGKILL after the grace period. */
  stop(id: string, graceSeconds: number, signal?: AbortSignal): Promise<void>;
  /** Kills and removes a container; a container already gone is not an error. */
  remove(id: string, signal?: AbortSignal): Promise<void>;
  inspect(id: string, signal?: AbortSignal): Promise<ContainerInfo>;
  /** Waits for a container's main process to exit; its exit code. */
  wait(id: string, signal?: AbortSignal): Promise<number>;
  /** Everything the container's main process wrote so far. */
  logs(id: string, signal?: AbortSignal): Promise<ProcessOutput>;
  /** Runs a command in a running container and waits for it to finish. */
  exec(id: string, cmd: readonly string[], options: ExecOptions, signal?: AbortSignal): Promise<ExecResult>;
  /** `docker diff`: what the container changed compared to its image. */
  diff(id: string, signal?: AbortSignal): Promise<FileChange[]>;
  /** `docker commit`: a new image from the container; its ID. */
  commit(id: string, options: CommitOptions, signal?: AbortSignal): Promise<string>;
  /** Containers carrying every one of `labels`, running or not. */
  list(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedContainer[]>;
}

export interface ImageClient {
  /** The image by name or ID, or undefined when the engine does not have it. */
  inspect(ref: string, signal?: AbortSignal): Promise<ImageInfo | undefined>;
  /** Pulls an image, following the progress stream to the end. */
  pull(ref: string, signal?: AbortSignal): Promise<void>;
  /** Builds an image from a tar context (classic builder, no network), following the build stream. */
  build(context: NodeJS.ReadableStream, options: BuildOptions, signal?: AbortSignal): Promise<BuildResult>;
  history(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]>;
  /** Removes an image (untagging it, and its untagged parents); an image already gone is not an error. */
  remove(ref: string, signal?: AbortSignal): Promise<void>;
  /**
   * `docker rmi` without force: removes one name, and the image when it was the last; refuses (409) while a
   * container uses it. What the engine untagged and deleted, in its order.
   */
  rmi(ref: string, signal?: AbortSignal): Promise<{ untagged: string[]; deleted: string[] }>;
  /** `docker tag`: gives the image `ref` the name `repo:tag` too. */
  tag(ref: string, repo: string, tag: string, signal?: AbortSignal): Promise<void>;
  /** Top-level images carrying every one of `labels` (no labels: every image). */
  list(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedImage[]>;
}

/** An image by the name people see and the ID the engine knows. */
export interface ImageRef {
  ref: string;
  id: string;
}

export interface CommitOptions {
  repo: string;
  tag: string;
  comment: string;
  /** Dockerfile instructions applied to the new image's config (`CMD ["sh"]`, `ENV A=1`, `WORKDIR /tmp`). */
  changes?: readonly string[];
}

export interface ExecOptions {
  /** `uid:gid` the command runs as. */
  user: string;
  /** `NAME=value` pairs added to the container's environment. */
  env?: readonly string[];
  workingDir?: string;
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
  /** ISO 8601. */
  created: string;
  /** The defaults a container gets: command, environment, working directory, user. */
  cmd: string[];
  env: string[];
  workingDir: string;
  user: string;
  /** The message given to `docker commit -m`, if any. */
  comment: string;
  /** How many filesystem layers it has. */
  layers: number;
}

export interface ListedImage {
  id: string;
  tags: string[];
  labels: Record<string, string>;
  size: number;
  /** When the image was created (built, committed): Unix time in seconds, as the engine says. */
  created: number;
}

export interface BuildOptions {
  /** `name:tag` to give the result. */
  tag: string;
  /** Skip the build cache, so every step really runs. */
  noCache?: boolean;
  /** Memory limit for the build's RUN containers. */
  memoryBytes?: number;
  /** Labels the built image (and its intermediate images) carries, without a LABEL line in the Dockerfile. */
  labels?: Record<string, string>;
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
  /** Unix time in seconds. */
  created: number;
  /** The `commit -m` message of that layer, if any. */
  comment: string;
}

/**
 * A container as the app may create one. The implementation always adds the isolation that is not negotiable:
 * no network, all capabilities dropped, no-new-privileges, not privileged, no mounts or published ports.
 */
export interface ContainerSpec {
  name: string;
  image: string;
  /** The command; undefined runs the image's default (its CMD). */
  cmd?: readonly string[];
  /** `NAME=value` pairs. */
  env?: readonly string[];
  workingDir?: string;
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
  /** The image as it was named at create. */
  image: string;
  /** ISO 8601 times; startedAt and finishedAt are the zero time until it has started or stopped. */
  created: string;
  startedAt: string;
  finishedAt: string;
  cmd: string[];
  env: string[];
  workingDir: string;
  user: string;
  labels: Record<string, string>;
  /** How it is isolated, as the engine reports it (what `docker inspect` shows under HostConfig). */
  isolation: Isolation;
}

export interface Isolation {
  networkMode: string;
  memoryBytes: number;
  pidsLimit: number;
  nanoCpus: number;
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  privileged: boolean;
  /** Bind mounts and volumes. */
  mounts: number;
}

export interface ListedContainer {
  id: string;
  labels: Record<string, string>;
  /** The state: created, running, exited… */
  status: string;
  /** Its name, without the leading slash. */
  name: string;
  /** The image as named at create, and its ID. */
  image: string;
  imageId: string;
  /** The command line, as `docker ps` shows it. */
  command: string;
  /** Unix time in seconds. */
  created: number;
  /** The engine's own words for the state: `Up 3 seconds`, `Exited (0) 2 minutes ago`. */
  statusText: string;
}

export interface ProcessOutput {
  stdout: string;
  stderr: string;
  /** Both streams interleaved in the order they were written, when the transport keeps that order. */
  combined?: string;
}

export interface ExecResult extends ProcessOutput {
  exitCode: number;
}

/** One line of `docker diff`: A added, C changed, D deleted. */
export interface FileChange {
  kind: 'A' | 'C' | 'D';
  path: string;
}
