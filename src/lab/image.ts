import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { DemoImageUnavailable, SandboxRefused } from '../errors';
import type { Logger } from '../ops/log';
import { buildContext } from '../sandbox/build-context';
import type { ImageRef, Sandbox } from '../sandbox/types';

/**
 * The name of the image built from BUSYBOX_PATH when DEMO_IMAGE cannot be pulled. It is deliberately not the
 * upstream name: tagging a home-made image `busybox:1.36.1` would pass it off as Docker Hub's (other files,
 * another ID) and could shadow the real one for anyone else using the engine.
 */
export const LOCAL_DEMO_IMAGE = 'docker-explainer/busybox:local';

/** Marks images the app built from a busybox binary; the value is the binary's SHA-256. */
export const BUSYBOX_LABEL = 'docker-explainer.busybox-sha256';

export interface DemoImageOptions {
  /** DEMO_IMAGE. */
  image: string;
  /** BUSYBOX_PATH: a static busybox binary on the bot's host. */
  busyboxPath: string;
  logger: Logger;
  /** The tag for the image built from BUSYBOX_PATH (tests use their own). */
  localTag?: string;
}

const PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The demo image policy. Makes sure the engine has the image demos run from: DEMO_IMAGE if the engine has it or can pull it;
 * otherwise a local image built `FROM scratch` out of BUSYBOX_PATH. Concurrent callers share one attempt;
 * a failure is not remembered, so the next demo tries again (the engine or the registry may be back).
 */
export class DemoImage {
  private pending: Promise<ImageRef> | undefined;
  private current: ImageRef | undefined;
  private pullFailed = false;
  private readonly localTag: string;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly options: DemoImageOptions,
  ) {
    this.localTag = options.localTag ?? LOCAL_DEMO_IMAGE;
  }

  /** The image last made ready, if any (for /healthz). */
  get ready(): ImageRef | undefined {
    return this.current;
  }

  ensure(): Promise<ImageRef> {
    if (!this.pending) {
      this.pending = this.resolve().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async resolve(): Promise<ImageRef> {
    const { image, logger } = this.options;
    if (this.current) {
      const still = await this.sandbox.images.inspect(this.current.ref);
      if (still) return this.remember(this.current.ref, still.id);
    }
    const present = await this.sandbox.images.inspect(image);
    if (present) return this.remember(image, present.id);

    let pullProblem = 'not tried: a pull already failed since start-up';
    if (!this.pullFailed) {
      try {
        logger.info('pulling the demo image', { image });
        await this.sandbox.images.pull(image);
        const pulled = await this.sandbox.images.inspect(image);
        if (pulled) return this.remember(image, pulled.id);
        pullProblem = 'the pull finished but the engine does not list the image';
      } catch (error) {
        if (!(error instanceof SandboxRefused)) throw error;
        pullProblem = error.reason;
      }
      this.pullFailed = true;
      logger.warn('could not pull the demo image; using the local one', {
        image,
        reason: pullProblem,
        instead: this.localTag,
      });
    }
    return this.localImage(pullProblem);
  }

  /** The local busybox image: reused when it was built from the same binary, built otherwise. */
  private async localImage(pullProblem: string): Promise<ImageRef> {
    const { image, busyboxPath, logger } = this.options;
    const tag = this.localTag;
    const existing = await this.sandbox.images.inspect(tag);
    let binary: Buffer;
    try {
      binary = fs.readFileSync(busyboxPath);
    } catch (error) {
      if (existing) return this.remember(tag, existing.id); // built earlier; nothing to rebuild it from now
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new DemoImageUnavailable(
        `no demo image: ${image} is not on the engine and could not be pulled (${pullProblem}), and BUSYBOX_PATH ${busyboxPath} cannot be read (${code}); install busybox-static or set DEMO_IMAGE to an image the engine has`,
      );
    }
    const sha = createHash('sha256').update(binary).digest('hex');
    if (existing && existing.labels[BUSYBOX_LABEL] === sha) return this.remember(tag, existing.id);

    logger.info('building the local demo image', { tag, from: busyboxPath });
    try {
      const built = await this.sandbox.images.build(
        buildContext(busyboxDockerfile(sha), [
          { name: 'busybox', content: binary, mode: 0o755 },
          {
            name: 'passwd',
            content: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
          },
          { name: 'group', content: 'root:x:0:\nnogroup:x:65534:\n' },
        ]),
        { tag },
      );
      if (existing && existing.id !== built.imageId) {
        await this.sandbox.images.remove(existing.id).catch(() => undefined); // an older build, now untagged
      }
      return this.remember(tag, built.imageId);
    } catch (error) {
      if (!(error instanceof SandboxRefused)) throw error;
      throw new DemoImageUnavailable(
        `no demo image: ${image} could not be pulled (${pullProblem}) and building ${tag} from ${busyboxPath} failed (${error.reason}); is it a static busybox?`,
        { cause: error },
      );
    }
  }

  private remember(ref: string, id: string): ImageRef {
    if (this.current?.id !== id)
      this.options.logger.info('demo image ready', { image: ref, id: id.slice(7, 19) });
    this.current = { ref, id };
    return this.current;
  }
}

/** A minimal busybox image: the binary, its applets as links, root and nobody, and a world-writable /tmp. */
function busyboxDockerfile(sha: string): string {
  const setup =
    '/bin/busybox --install -s /bin && mkdir -p /tmp /home /root /var && chmod 1777 /tmp && chmod 700 /root';
  return [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'COPY passwd group /etc/',
    `RUN ["/bin/busybox", "sh", "-c", "${setup}"]`,
    `ENV PATH=${PATH_ENV}`,
    `LABEL docker-explainer.demo-image="busybox built from a static binary" ${BUSYBOX_LABEL}="${sha}"`,
    'CMD ["sh"]',
    '',
  ].join('\n');
}
