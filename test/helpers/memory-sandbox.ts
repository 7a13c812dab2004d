import { randomBytes } from 'node:crypto';
import { SandboxRefused, SandboxUnavailable } from '../../src/errors';
import type {
  ContainerInfo,
  ContainerSpec,
  ExecResult,
  ListedContainer,
  ListedImage,
  Sandbox,
} from '../../src/sandbox/types';

interface Box {
  spec: ContainerSpec;
  status: ContainerInfo['status'];
}

const unsupported = (what: string) => (): never => {
  throw new Error(`MemorySandbox does not ${what}`);
};

const hasLabels = (have: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => have[k] === v);

/**
 * A Sandbox kept in memory, for the runner's own logic (queue, limits, time limit, cleanup) where a real
 * engine would only add time and noise. It keeps what a real engine would: containers with their specs and
 * labels, images, and refuses what a real engine would refuse. Calls it does not model throw.
 */
export class MemorySandbox implements Sandbox {
  readonly containers = new Map<string, Box>();
  /** Every container ever created, with the spec the runner asked for. */
  readonly created: ContainerSpec[] = [];
  readonly images = new Map<string, { id: string; labels: Record<string, string>; created: number }>();
  /** When set, every call fails as if the engine were gone. */
  down = false;

  constructor() {
    this.images.set('busybox:test', {
      id: `sha256:${randomBytes(32).toString('hex')}`,
      labels: {},
      created: Date.now(),
    });
  }

  private check(signal?: AbortSignal): void {
    signal?.throwIfAborted();
    if (this.down) throw new SandboxUnavailable('ping: ECONNREFUSED');
  }

  private box(id: string): Box {
    const box = this.containers.get(id);
    if (!box) throw new SandboxRefused(`No such container: ${id}`, 404);
    return box;
  }

  async ping(signal?: AbortSignal) {
    this.check(signal);
    return { version: 'memory', apiVersion: '1.41' };
  }

  async inspectImage(ref: string, signal?: AbortSignal) {
    this.check(signal);
    const image = this.images.get(ref);
    return image && { id: image.id, tags: [ref], labels: image.labels, size: 0 };
  }

  async createContainer(spec: ContainerSpec, signal?: AbortSignal) {
    this.check(signal);
    if (!this.images.has(spec.image)) throw new SandboxRefused(`No such image: ${spec.image}`, 404);
    const id = randomBytes(32).toString('hex');
    this.containers.set(id, { spec, status: 'created' });
    this.created.push(spec);
    return id;
  }

  async startContainer(id: string, signal?: AbortSignal) {
    this.check(signal);
    this.box(id).status = 'running';
  }

  async stopContainer(id: string, _grace: number, signal?: AbortSignal) {
    this.check(signal);
    this.box(id).status = 'exited';
  }

  async removeContainer(id: string, signal?: AbortSignal) {
    this.check(signal);
    this.containers.delete(id);
  }

  async inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerInfo> {
    this.check(signal);
    const box = this.box(id);
    return {
      id,
      name: box.spec.name,
      imageId: this.images.get(box.spec.image)?.id ?? '',
      status: box.status,
      exitCode: 0,
    };
  }

  async exec(
    id: string,
    cmd: readonly string[],
    _options: { user: string },
    signal?: AbortSignal,
  ): Promise<ExecResult> {
    this.check(signal);
    if (this.box(id).status !== 'running') throw new SandboxRefused(`Container ${id} is not running`, 409);
    return { stdout: `${cmd.join(' ')}\n`, stderr: '', exitCode: 0 };
  }

  async listContainers(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedContainer[]> {
    this.check(signal);
    return [...this.containers.entries()]
      .filter(([, box]) => hasLabels(box.spec.labels, labels))
      .map(([id, box]) => ({ id, labels: box.spec.labels, status: box.status }));
  }

  async listImages(labels: Record<string, string>, signal?: AbortSignal): Promise<ListedImage[]> {
    this.check(signal);
    return [...this.images.entries()]
      .filter(([, image]) => hasLabels(image.labels, labels))
      .map(([ref, image]) => ({ id: image.id, tags: [ref], labels: image.labels, created: image.created }));
  }

  async removeImage(ref: string, signal?: AbortSignal) {
    this.check(signal);
    for (const [key, image] of this.images) if (key === ref || image.id === ref) this.images.delete(key);
  }

  readonly pullImage = unsupported('pull');
  readonly buildImage = unsupported('build');
  readonly imageHistory = unsupported('show history');
  readonly waitContainer = unsupported('wait');
  readonly containerLogs = unsupported('keep logs');
  readonly diff = unsupported('diff');
  readonly commit = unsupported('commit');
}
