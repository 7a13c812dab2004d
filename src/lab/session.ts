import type { Logger } from '../ops/log';
import { buildContext } from '../sandbox/build-context';
import type { ImageRef, Sandbox } from '../sandbox/types';
import {
  isRoot,
  LABEL,
  LIMITS,
  NOBODY,
  ROOT,
  runImageName,
  type SessionIdentity,
  sessionLabels,
} from './policy';

/** A container the session created: its engine ID and full name. */
export interface ContainerRef {
  id: string;
  name: string;
}

/** What a person's own container runs: the image's CMD unless `cmd` is given, as a user that is not root. */
export interface ProcessSpec {
  cmd?: readonly string[];
  env?: readonly string[];
  workingDir?: string;
  /** `uid:gid`, never root; `nobody` when not given. */
  user?: string;
}

/** Seconds a keep-alive sleep outlasts the session: the runner removes containers long before that. */
const KEEP_ALIVE_SLACK_S = 5;

export interface SessionOptions {
  /** The image containers start from unless a call names another. */
  image: ImageRef;
  identity: SessionIdentity;
  /** How long the session may keep containers alive (a demo's time limit; a playground's idle time). */
  lifetimeMs: number;
  /** Ends every engine call of the session (a demo's hard time limit, a shutdown). */
  signal?: AbortSignal;
}

/**
 * Everything the app creates on the engine, for one demo run or one person's playground. It applies
 * policy.ts to everything it creates (limits, the unprivileged user, labels with its owner and deadline),
 * names things after itself, passes its abort signal to every engine call, and remembers what it created for
 * `cleanup`; the janitor removes what a crash left, by label, after the deadline. For a demo it is the
 * DemoContext its steps see.
 */
export class SandboxSession {
  readonly keepAlive: readonly string[];
  readonly image: ImageRef;
  readonly labels: Record<string, string>;
  private readonly identity: SessionIdentity;
  private readonly signal?: AbortSignal;
  private readonly lifetimeMs: number;

  constructor(
    private readonly sandbox: Sandbox,
    options: SessionOptions,
    /** What the session created; shared with the views `withSignal` makes. */
    private readonly created = {
      containers: new Set<string>(),
      images: new Set<string>(),
      /** Names of the images this session builds, which carry no labels (see runImageName). */
      built: new Set<string>(),
    },
  ) {
    this.image = options.image;
    this.identity = options.identity;
    this.signal = options.signal;
    this.labels = sessionLabels(options.identity);
    this.keepAlive = ['sleep', String(Math.ceil(options.lifetimeMs / 1000) + KEEP_ALIVE_SLACK_S)];
    this.lifetimeMs = options.lifetimeMs;
  }

  /** Who the session belongs to, when it is a person's own (a playground). */
  get owner(): string | undefined {
    return this.identity.owner;
  }

  /**
   * The same session (what it created, its labels) with calls that also end on `signal`: one command's own
   * time limit within a longer-lived session.
   */
  withSignal(signal: AbortSignal): SandboxSession {
    const both = this.signal ? AbortSignal.any([this.signal, signal]) : signal;
    return new SandboxSession(
      this.sandbox,
      { image: this.image, identity: this.identity, lifetimeMs: this.lifetimeMs, signal: both },
      this.created,
    );
  }

  async create(name: string, image: ImageRef = this.image): Promise<ContainerRef> {
    return this.createWith(name, image, { cmd: this.keepAlive });
  }

  async run(name: string, image?: ImageRef): Promise<ContainerRef> {
    const container = await this.create(name, image);
    await this.start(container);
    return container;
  }

  /** A container for a person's `docker run`: created, not started. Refuses a root user whatever asks. */
  createProcess(name: string, image: ImageRef, process: ProcessSpec): Promise<ContainerRef> {
    return this.createWith(name, image, process);
  }

  async runOnce(name: string, image: ImageRef, cmd: readonly string[]) {
    const container = await this.createWith(name, image, { cmd });
    await this.sandbox.containers.start(container.id, this.signal);
    const exitCode = await this.sandbox.containers.wait(container.id, this.signal);
    const output = await this.sandbox.containers.logs(container.id, this.signal);
    await this.remove(container);
    return { ...output, exitCode };
  }

  start(container: ContainerRef) {
    return this.sandbox.containers.start(container.id, this.signal);
  }

  stop(container: ContainerRef, graceSeconds: number) {
    return this.sandbox.containers.stop(container.id, graceSeconds, this.signal);
  }

  async remove(container: ContainerRef) {
    await this.sandbox.containers.remove(container.id, this.signal);
    this.created.containers.delete(container.id);
  }

  inspect(container: ContainerRef) {
    return this.sandbox.containers.inspect(container.id, this.signal);
  }

  /** Runs a command in the container as nobody, as root only when a demo step asks (`asRoot`). */
  exec(container: ContainerRef, cmd: readonly string[], options: { asRoot?: boolean } & ProcessSpec = {}) {
    const user = options.asRoot ? ROOT : unprivileged(options.user);
    return this.sandbox.containers.exec(
      container.id,
      cmd,
      { user, env: options.env, workingDir: options.workingDir },
      this.signal,
    );
  }

  diff(container: ContainerRef) {
    return this.sandbox.containers.diff(container.id, this.signal);
  }

  async commit(container: ContainerRef, what: string): Promise<ImageRef> {
    const { repo, tag } = this.imageName(what);
    // The new image keeps the container's labels, so the janitor finds it too if this run never cleans up.
    const id = await this.sandbox.containers.commit(
      container.id,
      { repo, tag, comment: `docker-explainer ${this.identity.purpose} demo` },
      this.signal,
    );
    this.created.images.add(id);
    return { ref: `${repo}:${tag}`, id };
  }

  /** `docker commit` to a name the caller chose (a person's own repository); the new image's ID. */
  async commitTo(
    container: ContainerRef,
    image: { repo: string; tag: string; comment: string; changes?: readonly string[] },
  ): Promise<string> {
    const id = await this.sandbox.containers.commit(container.id, image, this.signal);
    this.created.images.add(id);
    return id;
  }

  async build(
    what: string,
    instructions: readonly string[],
    files: readonly { name: string; content: string }[],
  ) {
    const { repo, tag } = this.imageName(what);
    const ref = `${repo}:${tag}`;
    // Exactly the Dockerfile the lesson is about. Labels would not stay out of sight: the classic builder
    // turns them (a LABEL line, or the build API's `labels`) into a step of the output and a row of
    // `docker history`. The image is known by its name instead, from before the build starts, so cleanup
    // finds it even when the build finishes after the run gave up on it.
    const dockerfile = [`FROM ${this.image.ref}`, ...instructions, ''].join('\n');
    this.created.built.add(ref);
    const built = await this.sandbox.images.build(
      buildContext(dockerfile, files),
      { tag: ref, noCache: true, memoryBytes: LIMITS.memoryBytes },
      this.signal,
    );
    this.created.images.add(built.imageId);
    return { image: { ref, id: built.imageId }, log: built.log, dockerfile };
  }

  history(image: ImageRef) {
    return this.sandbox.images.history(image.ref, this.signal);
  }

  async imageId(image: ImageRef): Promise<string> {
    const info = await this.sandbox.images.inspect(image.ref, this.signal);
    if (!info) throw new Error(`image ${image.ref} is gone`);
    return info.id;
  }

  /**
   * Removes every container and image this session created: the ones it knows, then whatever else carries
   * its label (a create that timed out after the engine did it). Uses no signal: it runs after one ended.
   * Returns what could not be removed.
   */
  async cleanup(logger: Logger): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    const byRun = { [LABEL.run]: this.identity.sessionId };
    await attempt('containers', async () => {
      const listed = await this.sandbox.containers.list(byRun);
      const ids = new Set([...this.created.containers, ...listed.map((c) => c.id)]);
      await Promise.all([...ids].map((id) => this.sandbox.containers.remove(id)));
    });
    // Images after containers (an image in use cannot go); children before parents, so in a few rounds.
    await attempt('images', async () => {
      for (const id of this.created.images) await this.sandbox.images.remove(id);
      // Removing a built image by name also removes its untagged parents: the classic builder's intermediates.
      for (const ref of this.created.built) await this.sandbox.images.remove(ref);
      for (let round = 0; round < 5; round++) {
        const left = await this.sandbox.images.list(byRun);
        if (left.length === 0) return;
        for (const image of left) await this.sandbox.images.remove(image.id);
      }
    });
    if (problems.length) logger.warn('cleanup incomplete', { runId: this.identity.sessionId, problems });
    return problems;
  }

  private async createWith(name: string, image: ImageRef, process: ProcessSpec): Promise<ContainerRef> {
    const fullName = `dx-${this.identity.sessionId}-${name}`;
    const id = await this.sandbox.containers.create(
      {
        name: fullName,
        image: image.ref,
        cmd: process.cmd,
        env: process.env,
        workingDir: process.workingDir,
        user: unprivileged(process.user),
        labels: this.labels,
        memoryBytes: LIMITS.memoryBytes,
        pidsLimit: LIMITS.pidsLimit,
        nanoCpus: LIMITS.nanoCpus,
      },
      this.signal,
    );
    this.created.containers.add(id);
    return { id, name: fullName };
  }

  private imageName(what: string): { repo: string; tag: string } {
    return runImageName(what, this.identity.sessionId);
  }
}

/** The user for a process: nobody unless another user is given, and never root (uid or gid 0). */
function unprivileged(user: string | undefined): string {
  if (user === undefined) return NOBODY;
  if (isRoot(user)) throw new Error(`refusing to run a process as root (${user})`);
  return user;
}
