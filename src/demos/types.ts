import type { ContainerRef } from '../lab/session';
import type { ContainerInfo, ExecResult, FileChange, HistoryEntry, ImageRef } from '../sandbox/types';

export type { ContainerRef };

/** A `docker` command a person would type, and what the engine answered (or the process printed). */
export interface Transcript {
  command: string;
  output: string;
}

/** What a finished step shows: its commands with their real output, and optionally a one-line remark. */
export interface StepShown {
  transcript: Transcript[];
  note?: string;
}

export interface DemoStep<S> {
  title: string;
  run(ctx: DemoContext, state: S): Promise<StepShown>;
}

/**
 * One demo of the catalogue: its steps, and the state they share within one run (say, the container the
 * first step started and the third inspects). A demo only describes; the runner runs it.
 */
export interface Demo<S = unknown> {
  id: string;
  init(): S;
  steps: readonly DemoStep<S>[];
}

/** Keeps a demo's state type checked inside its file while the catalogue holds demos of every shape. */
export function defineDemo<S>(demo: Demo<S>): Demo<unknown> {
  return demo as Demo<unknown>;
}

/**
 * What a step may do on the sandbox, within one run. The context gives every container the limits and labels
 * of policy.ts, names things after the run, passes the run's time limit to every call, and remembers what it
 * created so the runner can remove it. Steps never see the Sandbox itself.
 */
export interface DemoContext {
  /** The image demos start from. */
  readonly image: ImageRef;
  /** What every container's main process runs: a sleep that ends soon after the run's time limit. */
  readonly keepAlive: readonly string[];
  /** `docker create`: a container running `keepAlive` as `nobody`. `name` becomes `dx-<run>-<name>`. */
  create(name: string, image?: ImageRef): Promise<ContainerRef>;
  /** `docker run -d`: create, then start. */
  run(name: string, image?: ImageRef): Promise<ContainerRef>;
  /** `docker run --rm image cmd…`: runs a command in a new container to its end, then removes it. */
  runOnce(name: string, image: ImageRef, cmd: readonly string[]): Promise<ExecResult>;
  start(container: ContainerRef): Promise<void>;
  stop(container: ContainerRef, graceSeconds: number): Promise<void>;
  remove(container: ContainerRef): Promise<void>;
  inspect(container: ContainerRef): Promise<ContainerInfo>;
  /** `docker exec`: as `nobody`, or as root (still without capabilities) when a step must change root's files. */
  exec(container: ContainerRef, cmd: readonly string[], options?: { asRoot?: boolean }): Promise<ExecResult>;
  diff(container: ContainerRef): Promise<FileChange[]>;
  /** `docker commit` to a new image named for this run. */
  commit(container: ContainerRef, what: string): Promise<ImageRef>;
  /** `docker build` of a Dockerfile whose first lines are `FROM <demo image>` and the run's labels. */
  build(
    what: string,
    instructions: readonly string[],
    files: readonly { name: string; content: string }[],
  ): Promise<{ image: ImageRef; log: string[]; dockerfile: string }>;
  history(image: ImageRef): Promise<HistoryEntry[]>;
  /** The image's current ID (it throws when the image is gone). */
  imageId(image: ImageRef): Promise<string>;
}
