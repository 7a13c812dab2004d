import type { Logger } from '../log';
import { buildContext } from '../sandbox/build-context';
import type { ImageRef } from '../sandbox/demo-image';
import type { Sandbox } from '../sandbox/types';
import { LABEL, LIMITS, NOBODY, ROOT, type RunIdentity, runImageName, runLabels } from './policy';
import type { ContainerRef, DemoContext } from './types';

/** Seconds a keep-alive sleep outlasts the time limit: the runner removes containers long before that. */
const KEEP_ALIVE_SLACK_S = 5;

/**
 * A DemoContext for one run. It applies policy.ts to everything it creates, passes the run's abort signal
 * (its hard time limit) to every engine call, and remembers what it created for `cleanup`.
 */
export class RunContext implements DemoContext {
  readonly keepAlive: readonly string[];
  private readonly labels: Record<string, string>;
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();
  /** Names of the images this run builds, which carry no labels (see runImageName). */
  private readonly built = new Set<string>();

  constructor(
    private readonly sandbox: Sandbox,
    readonly image: ImageRef,
    private readonly identity: RunIdentity,
    private readonly signal: AbortSignal,
    timeLimitMs: number,
  ) {
    this.labels = runLabels(identity);
    this.keepAlive = ['sleep', String(Math.ceil(timeLimitMs / 1000) + KEEP_ALIVE_SLACK_S)];
  }

  async create(name: string, image: ImageRef = this.image): Promise<ContainerRef> {
    return this.createWith(name, image, this.keepAlive);
  }

  async run(name: string, image?: ImageRef): Promise<ContainerRef> {
    const container = await this.create(name, image);
    await this.start(container);
    return container;
  }

  async runOnce(name: string, image: ImageRef, cmd: readonly string[]) {
    const container = await this.createWith(name, image, cmd);
    await this.sandbox.startContainer(container.id, this.signal);
    const exitCode = await this.sandbox.waitContainer(container.id, this.signal);
    const output = await this.sandbox.containerLogs(container.id, this.signal);
    await this.remove(container);
    return { ...output, exitCode };
  }

  start(container: ContainerRef) {
    return this.sandbox.startContainer(container.id, this.signal);
  }

  stop(container: ContainerRef, graceSeconds: number) {
    return this.sandbox.stopContainer(container.id, graceSeconds, this.signal);
  }

  async remove(container: ContainerRef) {
    await this.sandbox.removeContainer(container.id, this.signal);
    this.containers.delete(container.id);
  }

  inspect(container: ContainerRef) {
    return this.sandbox.inspectContainer(container.id, this.signal);
  }

  exec(container: ContainerRef, cmd: readonly string[], options: { asRoot?: boolean } = {}) {
    return this.sandbox.exec(container.id, cmd, { user: options.asRoot ? ROOT : NOBODY }, this.signal);
  }

  diff(container: ContainerRef) {
    return this.sandbox.diff(container.id, this.signal);
  }

  async commit(container: ContainerRef, what: string): Promise<ImageRef> {
    const { repo, tag } = this.imageName(what);
    // The new image keeps the container's labels, so the janitor finds it too if this run never cleans up.
    const id = await this.sandbox.commit(
      container.id,
      { repo, tag, comment: `docker-explainer ${this.identity.demoId} demo` },
      this.signal,
    );
    this.images.add(id);
    return { ref: `${repo}:${tag}`, id };
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
    this.built.add(ref);
    const result = await this.sandbox.buildImage(
      buildContext(dockerfile, files),
      { tag: ref, noCache: true, memoryBytes: LIMITS.memoryBytes },
      this.signal,
    );
    this.images.add(result.imageId);
    return { image: { ref, id: result.imageId }, log: result.log, dockerfile };
  }

  history(image: ImageRef) {
    return this.sandbox.imageHistory(image.ref, this.signal);
  }

  async imageId(image: ImageRef): Promise<string> {
    const info = await this.sandbox.inspectImage(image.ref, this.signal);
    if (!info) throw new Error(`image ${image.ref} is gone`);
    return info.id;
  }

  /**
   * Removes every container and image this run created: the ones it knows, then whatever else carries the
   * run's label (a create that timed out after the engine did it). Uses no run signal: it runs after one.
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
    const byRun = { [LABEL.run]: this.identity.runId };
    await attempt('containers', async () => {
      const listed = await this.sandbox.listContainers(byRun);
      const ids = new Set([...this.containers, ...listed.map((c) => c.id)]);
      await Promise.all([...ids].map((id) => this.sandbox.removeContainer(id)));
    });
    // Images after containers (an image in use cannot go); children before parents, so in a few rounds.
    // Removing a built image also removes its untagged parents: the classic builder's intermediate images.
    await attempt('images', async () => {
      for (const id of this.images) await this.sandbox.removeImage(id);
      for (const ref of this.built) await this.sandbox.removeImage(ref);
      for (let round = 0; round < 5; round++) {
        const left = await this.sandbox.listImages(byRun);
        if (left.length === 0) return;
        for (const image of left) await this.sandbox.removeImage(image.id);
      }
    });
    if (problems.length)
      logger.warn(`run ${this.identity.runId}: cleanup incomplete (${problems.join('; ')})`);
    return problems;
  }

  private async createWith(name: string, image: ImageRef, cmd: readonly string[]): Promise<ContainerRef> {
    const fullName = `dx-${this.identity.runId}-${name}`;
    const id = await this.sandbox.createContainer(
      {
        name: fullName,
        image: image.ref,
        cmd,
        user: NOBODY,
        labels: this.labels,
        memoryBytes: LIMITS.memoryBytes,
        pidsLimit: LIMITS.pidsLimit,
        nanoCpus: LIMITS.nanoCpus,
      },
      this.signal,
    );
    this.containers.add(id);
    return { id, name: fullName };
  }

  private imageName(what: string): { repo: string; tag: string } {
    return runImageName(what, this.identity.runId);
  }
}
