import { randomBytes } from 'node:crypto';
import type { DemoConfig } from '../config';
import type { Topic } from '../content/load';
import { AppError } from '../errors';
import { EngineCapacity } from '../lab/capacity';
import { DemoImage } from '../lab/image';
import { Janitor } from '../lab/janitor';
import type { Button } from '../message';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import { EngineHealth } from '../sandbox/health';
import type { Sandbox } from '../sandbox/types';
import type { CommandRequest, Output, Posted } from '../transport';
import { runDemoButton } from './actions';
import { DEMOS, DemoCatalogue } from './catalogue';
import { busyMessage, restartingMessage, runMessage, unknownDemoMessage } from './messages';
import type { Narrative } from './narratives';
import { ProgressMessage } from './progress';
import { type DemoGate, DemoRunner } from './runner';

export interface DemoServiceOptions {
  sandbox: Sandbox;
  narratives: readonly Narrative[];
  topics: readonly Topic[];
  /** `localImageTag` overrides the tag of the image built from BUSYBOX_PATH (for tests). */
  config: DemoConfig & { demoImage: string; busyboxPath: string; localImageTag?: string };
  logger: Logger;
  metrics?: AppMetrics;
  /** Where the engine is, for logs and /healthz (no secrets). */
  engineAddress?: string;
  /** Admission shared with other replicas (SharedDemoSlots on a shared database); none: this process decides. */
  gate?: DemoGate;
  /** The engine's slots, when shared with other work (the playground); else DEMO_CONCURRENCY of its own. */
  capacity?: EngineCapacity;
  /** Why the engine's connection settings cannot work (a certificate missing or unusable), if they cannot. */
  engineProblem?: string;
}

/**
 * The demo feature as the rest of the app sees it: the catalogue, running a demo for a person (what
 * `/docker demo` and the Run the demo button do), the janitor's schedule and a health summary. Built once in
 * the composition root.
 */
export class DemoService {
  readonly catalogue: DemoCatalogue;
  readonly runner: DemoRunner;
  /** Labels what this process creates on the engine. */
  readonly instance = randomBytes(4).toString('hex');
  private readonly janitor: Janitor;
  /** The image demos start from, and the playground offers as `busybox`. */
  readonly image: DemoImage;
  private readonly logger: Logger;
  /** What demos, the janitor and the warm-up saw of the engine, for /healthz. */
  private readonly engine: EngineHealth;
  /** Runs whose message is not final yet in Slack: a stop waits for their last edit. */
  private readonly showing = new Set<Promise<unknown>>();

  constructor(private readonly options: DemoServiceOptions) {
    const { sandbox, config } = options;
    this.logger = options.logger.child('demos');
    this.engine = new EngineHealth(sandbox, options.metrics);
    this.catalogue = new DemoCatalogue(DEMOS, options.narratives);
    this.catalogue.checkTopics(options.topics);
    this.image = new DemoImage(sandbox, {
      image: config.demoImage,
      busyboxPath: config.busyboxPath,
      localTag: config.localImageTag,
      logger: this.logger,
    });
    this.runner = new DemoRunner({
      sandbox,
      demoImage: this.image,
      catalogue: this.catalogue,
      capacity: options.capacity ?? new EngineCapacity(config.concurrency),
      timeLimitMs: config.timeLimitMs,
      instance: this.instance,
      logger: this.logger,
      metrics: options.metrics,
      gate: options.gate,
    });
    this.janitor = new Janitor(sandbox, {
      intervalMs: config.janitorIntervalMs,
      instance: this.instance,
      logger: this.logger,
      onSweep: ({ ok, error }) => this.engine.record(ok, undefined, error),
    });
  }

  /**
   * Starts the janitor and, for a long-running bot, gets the demo image ready in the background so the first
   * demo is quick (the console does that on its first demo instead).
   */
  start(options: { warmUp: boolean }): void {
    this.janitor.start();
    const problem = this.options.engineProblem;
    if (problem) {
      // One line at start-up that names the variable; demos then say the sandbox is unavailable.
      this.engine.record(false, undefined, new Error(problem));
      this.logger.error('the sandbox settings are wrong: demos are off until they are fixed', {
        reason: problem,
      });
    } else if (options.warmUp) void this.warmUp();
  }

  /**
   * Refuses new demos, lets running ones finish for up to `drainMs` (within their own time limit), stops the
   * janitor, and settles once everything demos made is removed.
   */
  async stop(drainMs = 0): Promise<void> {
    await Promise.all([this.janitor.stop(), this.runner.stop(drainMs)]);
    await Promise.allSettled([...this.showing]);
  }

  /** Buttons for a topic's answer: Run the demo, when the topic names one. */
  readonly topicButtons = (topic: Topic): Button[] => {
    const entry = topic.demo ? this.catalogue.get(topic.demo) : undefined;
    if (!entry) return [];
    return [{ ...runDemoButton(entry.demo.id), style: 'primary' }];
  };

  /**
   * Runs a catalogue demo for the person asking, in one message posted to the conversation and edited as
   * each step finishes. `demoId` may be anything typed; only catalogue ids run.
   */
  readonly run = async (demoId: string, request: CommandRequest, output: Output): Promise<void> => {
    const entry = this.catalogue.get(demoId);
    if (!entry) {
      await output.send(unknownDemoMessage(demoId, this.catalogue.suggest(demoId)));
      return;
    }
    if (this.runner.closed) {
      await output.send(restartingMessage());
      return;
    }
    const userKey = `${request.teamId ?? '-'}:${request.userId}`;
    const reservation = await this.runner.reserve(entry.demo.id, userKey);
    if (!reservation) {
      await output.send(busyMessage(this.runner.activeFor(userKey)));
      return;
    }
    let posted: Posted;
    try {
      posted = await output.send(
        runMessage(entry.narrative, reservation.state, request.userId),
        'in_channel',
      );
    } catch (error) {
      reservation.cancel();
      throw error;
    }
    const progress = new ProgressMessage(posted, this.logger, this.options.config.timeLimitMs / 4);
    const shown = reservation
      .start((state) => {
        if (state.outcome === 'unavailable') this.engine.record(false, undefined, new Error(state.problem));
        else if (state.engine) this.engine.record(true, state.engine);
        progress.show(runMessage(entry.narrative, state, request.userId), state.phase === 'finished');
      })
      .then(async (final) => {
        await progress.flush();
        return final;
      });
    this.showing.add(shown);
    const final = await shown.finally(() => this.showing.delete(shown));
    if (final.outcome !== 'ok')
      this.logger.info('demo did not finish', {
        runId: final.runId,
        user: userKey,
        outcome: final.outcome,
        problem: final.problem,
      });
  };

  /** The sandbox's state for /healthz; refreshes it in the background when it is a few seconds old. */
  readonly health = (): Record<string, unknown> => {
    const engine = this.engine.current();
    const { running, queued } = this.runner.load;
    return {
      sandbox: {
        status: engine.status,
        address: this.options.engineAddress,
        engine: engine.engine,
        checked_at: engine.checkedAt,
        reason: engine.reason,
        demo_image: this.image.ready?.ref,
        instance: this.instance,
        running,
        queued,
      },
    };
  };

  private async warmUp(): Promise<void> {
    try {
      const version = await this.engine.check();
      const image = await this.image.ensure();
      this.logger.info('sandbox ready', {
        engine: version,
        address: this.options.engineAddress ?? 'the default socket',
        image: image.ref,
      });
    } catch (error) {
      this.engine.record(false, undefined, error);
      const words = error instanceof AppError ? error.message : String(error);
      this.logger.warn('sandbox not ready at start-up (demos will say so, explanations work)', {
        reason: words,
      });
    }
  }
}
