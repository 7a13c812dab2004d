import { randomBytes } from 'node:crypto';
import { SandboxRefused, SandboxUnavailable } from '../../src/errors';
import type {
  ContainerClient,
  ContainerInfo,
  ContainerSpec,
  ExecResult,
  ImageClient,
  ListedContainer,
  ListedImage,
  Sandbox,
} from '../../src/sandbox/types';

interface Box {
  spec: ContainerSpec;
  status: ContainerInfo['status'];
}

const EPOCH = '0001-01-01T00:00:00Z';

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
  /** The containers that exist now, by ID. */
  readonly boxes = new Map<string, Box>();
  /** Every container ever created, with the spec the runner asked for. */
  readonly created: ContainerSpec[] = [];
  /** The images that exist now, by reference. */
  readonly stored = new Map<string, { id: string; labels: Record<string, string>; created: number }>();
  /** When set, every call fails as if the engine were gone. */
  down = false;

  constructor() {
    this.stored.set('busybox:test', {
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
    const box = this.boxes.get(id);
    if (!box) throw new SandboxRefused(`No such container: ${id}`, 404);
    return box;
  }

  async ping(signal?: AbortSignal) {
    this.check(signal);
    return { version: 'memory', apiVersion: '1.41' };
  }

  readonly containers: ContainerClient = {
    create: async (spec, signal) => {
      this.check(signal);
      if (!this.stored.has(spec.image)) throw new SandboxRefused(`No such image: ${spec.image}`, 404);
      const id = randomBytes(32).toString('hex');
      this.boxes.set(id, { spec, status: 'created' });
      this.created.push(spec);
      return id;
    },
    start: async (id, signal) => {
      this.check(signal);
      this.box(id).status = 'running';
    },
    stop: async (id, _grace, signal) => {
      this.check(signal);
      this.box(id).status = 'exited';
    },
    remove: async (id, signal) => {
      this.check(signal);
      this.boxes.delete(id);
    },
    inspect: async (id, signal): Promise<ContainerInfo> => {
      this.check(signal);
      const box = this.box(id);
      const { spec } = box;
      return {
        id,
        name: spec.name,
        imageId: this.stored.get(spec.image)?.id ?? '',
        status: box.status,
        exitCode: 0,
        image: spec.image,
        created: EPOCH,
        startedAt: EPOCH,
        finishedAt: EPOCH,
        cmd: [...(spec.cmd ?? [])],
        env: [...(spec.env ?? [])],
        workingDir: spec.workingDir ?? '',
        user: spec.user,
        labels: spec.labels,
        isolation: {
          networkMode: 'none',
          memoryBytes: spec.memoryBytes,
          pidsLimit: spec.pidsLimit,
          nanoCpus: spec.nanoCpus,
          capDrop: ['ALL'],
          capAdd: [],
          securityOpt: ['no-new-privileges'],
          privileged: false,
          mounts: 0,
        },
      };
    },
    exec: async (id, cmd, _options, signal): Promise<ExecResult> => {
      this.check(signal);
      if (this.box(id).status !== 'running') throw new SandboxRefused(`Container ${id} is not running`, 409);
      return { stdout: `${cmd.join(' ')}\n`, stderr: '', exitCode: 0 };
    },
    list: async (labels, signal): Promise<ListedContainer[]> => {
      this.check(signal);
      return [...this.boxes.entries()]
        .filter(([, box]) => hasLabels(box.spec.labels, labels))
        .map(([id, box]) => ({
          id,
          labels: box.spec.labels,
          status: box.status,
          name: box.spec.name,
          image: box.spec.image,
          imageId: this.stored.get(box.spec.image)?.id ?? '',
          command: (box.spec.cmd ?? []).join(' '),
          created: 0,
          statusText: box.status,
        }));
    },
    wait: unsupported('wait'),
    logs: unsupported('keep logs'),
    diff: unsupported('diff'),
    commit: unsupported('commit'),
  };

  readonly images: ImageClient = {
    inspect: async (ref, signal) => {
      this.check(signal);
      const image = this.stored.get(ref);
      return (
        image && {
          id: image.id,
          tags: [ref],
          labels: image.labels,
          size: 0,
          created: EPOCH,
          cmd: [],
          env: [],
          workingDir: '',
          user: '',
          comment: '',
          layers: 1,
        }
      );
    },
    list: async (labels, signal): Promise<ListedImage[]> => {
      this.check(signal);
      return [...this.stored.entries()]
        .filter(([, image]) => hasLabels(image.labels, labels))
        .map(([ref, image]) => ({
          id: image.id,
          tags: [ref],
          labels: image.labels,
          size: 0,
          created: Math.floor(image.created / 1000),
        }));
    },
    remove: async (ref, signal) => {
      this.check(signal);
      for (const [key, image] of this.stored) if (key === ref || image.id === ref) this.stored.delete(key);
    },
    pull: unsupported('pull'),
    rmi: unsupported('rmi'),
    tag: unsupported('tag'),
    build: unsupported('build'),
    history: unsupported('show history'),
  };
}
