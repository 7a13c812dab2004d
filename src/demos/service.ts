import { randomBytes } from 'node:crypto';
import type { DemoConfig } from '../config';
import type { Topic } from '../content/load';
import { EnginePool, type EngineSpec } from '../lab/engines';
import type { Button } from '../message';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import type { Sandbox } from '../sandbox/types';
import type { CommandRequest, Output, Posted } from '../transport';
import { runDemoButton } from './actions';
import { DEMOS, DemoCatalogue } from './catalogue';
import { busyMessage, restartingMessage, runMessage, unknownDemoMessage } from './messages';
import type { Narrative } from './narratives';
import { ProgressMessage } from './progress';
import { type DemoGate, DemoRunner } from './runner';

export interface DemoServiceOptions {
  /** The sandbox engines (DOCKER_HOSTS, or the one of DOCKER_HOST); or else the one of `sandbox`. */
  engines?: readonly EngineSpec[];
  sandbox?: Sandbox;
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
  /** How often each of several engines is pinged (default a few seconds). */
  engineCheckMs?: number;
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
  /** Every sandbox engine, with its slots, demo image, janitor and health; shared with the playground. */
  readonly engines: EnginePool;
  private readonly logger: Logger;
  /** Runs whose message is not final yet in Slack: a stop waits for their last edit. */
  private readonly showing = new Set<Promise<unknown>>();

  constructor(private readonly options: DemoServiceOptions) {
    const { config } = options;
    this.logger = options.logger.child('demos');
    this.catalogue = new DemoCatalogue(DEMOS, options.narratives);
    this.catalogue.checkTopics(options.topics);
    const engines: readonly EngineSpec[] =
      options.engines ??
      (options.sandbox
        ? [
            {
              sandbox: options.sandbox,
              address: options.engineAddress ?? 'sandbox',
              problem: options.engineProblem,
            },
          ]
        : []);
    if (engines.length === 0) throw new Error('DemoService needs a sandbox engine');
    this.engines = new EnginePool({
      engines,
      slots: config.concurrency,
      image: { image: config.demoImage, busyboxPath: config.busyboxPath, localTag: config.localImageTag },
      janitorIntervalMs: config.janitorIntervalMs,
      instance: this.instance,
      logger: this.logger,
      metrics: options.metrics,
      checkEveryMs: options.engineCheckMs,
    });
    this.runner = new DemoRunner({
      engines: this.engines,
      catalogue: this.catalogue,
      timeLimitMs: config.timeLimitMs,
      instance: this.instance,
      logger: this.logger,
      metrics: options.metrics,
      gate: options.gate,
    });
  }

  /**
   * Starts the janitors (and, with several engines, their pings) and, for a long-running bot, gets the demo
   * image ready in the background so the first demo is quick (the console does that on its first demo
   * instead).
   */
  start(options: { warmUp: boolean }): void {
    this.engines.start(options);
  }

  /**
   * Refuses new demos, lets running ones finish for up to `drainMs` (within their own time limit), stops the
   * janitors and pings, and settles once everything demos made is removed.
   */
  async stop(drainMs = 0): Promise<void> {
    await Promise.all([this.engines.stop(), this.runner.stop(drainMs)]);
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

  /**
   * The sandbox's state for /healthz: `sandbox` sums it up (ok when any engine answers), `engines` has each
   * one. Refreshes them in the background when they are a few seconds old.
   */
  readonly health = (): Record<string, unknown> => {
    const engines = this.engines.report();
    const { running, queued } = this.runner.load;
    const ok = engines.filter((e) => e.status === 'ok');
    const status =
      ok.length > 0 ? 'ok' : engines.every((e) => e.status === 'unavailable') ? 'unavailable' : 'unknown';
    const [first] = engines;
    const single = engines.length === 1;
    return {
      sandbox: {
        status,
        address: engines.map((e) => e.describe).join(', '),
        engine: (ok[0] ?? first)?.engine,
        checked_at: single ? first?.checked_at : (ok[0] ?? first)?.checked_at,
        reason:
          status === 'ok'
            ? undefined
            : [...new Set(engines.map((e) => e.reason).filter(Boolean))].join('; ') || undefined,
        demo_image: (engines.find((e) => e.demo_image) ?? first)?.demo_image,
        instance: this.instance,
        running,
        queued,
        ...(single ? {} : { engines_ok: ok.length, engines_total: engines.length }),
      },
      engines: engines.map((engine) => ({ ...engine, running: this.runner.runningOn(engine.address) })),
    };
  };
}
