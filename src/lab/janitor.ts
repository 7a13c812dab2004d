import { SandboxUnavailable } from '../errors';
import type { Logger } from '../ops/log';
import type { ListedImage, Sandbox } from '../sandbox/types';
import { isRunImageName, JANITOR_GRACE_MS, LABEL, MAX_TIME_LIMIT_S } from './policy';

export interface JanitorOptions {
  intervalMs: number;
  logger: Logger;
  graceMs?: number;
  /** Wall-clock time in Unix ms (the deadline labels are wall-clock). */
  now?: () => number;
  /** Called after each sweep with whether the engine answered. */
  onSweep?: (result: { ok: boolean; error?: unknown }) => void;
}

export interface SweepResult {
  containers: number;
  images: number;
}

/**
 * Removes what demos left on the engine after a crash or `kill -9`: every container and image labelled as
 * the bot's whose run deadline (plus a grace period) has passed. A run's deadline is when its own runner
 * would have killed it, so a janitor never touches a demo still running in this or another instance.
 * Images a run built carry no labels, only a run's name (runImageName); such an image goes once it is older
 * than the longest time limit any run may have, since its run started before it was built.
 */
export class Janitor {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<SweepResult> | undefined;
  private readonly now: () => number;
  private readonly graceMs: number;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly options: JanitorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.graceMs = options.graceMs ?? JANITOR_GRACE_MS;
  }

  /** Sweeps now, then every interval. */
  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** One pass; a pass already under way is shared rather than doubled. Never throws. */
  sweep(): Promise<SweepResult> {
    this.current ??= this.pass().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async pass(): Promise<SweepResult> {
    const { logger } = this.options;
    const result: SweepResult = { containers: 0, images: 0 };
    try {
      const managed = { [LABEL.managed]: 'true' };
      const containers = (await this.sandbox.containers.list(managed)).filter((c) => this.expired(c.labels));
      await Promise.all(containers.map((c) => this.sandbox.containers.remove(c.id)));
      result.containers = containers.length;
      // Images whose children were removed become removable in the next round.
      for (let round = 0; round < 5; round++) {
        // One listing serves both kinds. Labelled images go by ID; built ones by their run names only, in
        // case someone else tagged one too.
        const images = await this.sandbox.images.list({});
        const labelled = images.filter((i) => i.labels[LABEL.managed] === 'true' && this.expired(i.labels));
        const built = images.filter((i) => this.builtByExpiredRun(i));
        const refs = [...labelled.map((i) => i.id), ...built.flatMap((i) => i.tags.filter(isRunImageName))];
        if (refs.length === 0) break;
        for (const ref of refs) await this.sandbox.images.remove(ref);
        result.images += labelled.length + built.length;
      }
      if (result.containers || result.images)
        logger.info('janitor removed what earlier demos left', {
          containers: result.containers,
          images: result.images,
        });
      else logger.debug('janitor: nothing left behind by earlier demos');
      this.options.onSweep?.({ ok: true });
    } catch (error) {
      if (error instanceof SandboxUnavailable) logger.debug('janitor: the engine is unavailable', { error });
      else logger.warn('janitor sweep failed', { error });
      this.options.onSweep?.({ ok: false, error });
    }
    return result;
  }

  private builtByExpiredRun(image: ListedImage): boolean {
    return (
      image.labels[LABEL.managed] === undefined &&
      image.tags.some(isRunImageName) &&
      image.created * 1000 + MAX_TIME_LIMIT_S * 1000 + this.graceMs < this.now()
    );
  }

  private expired(labels: Record<string, string>): boolean {
    const expires = Number(labels[LABEL.expires]);
    return !Number.isFinite(expires) || expires + this.graceMs < this.now();
  }
}
