import type { Tip } from '../content/load';
import { StoreUnavailable } from '../errors';
import type { Message } from '../message';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import { tipMessage } from './message';
import type { Clock, PostResult, TipPoster } from './port';
import { nextTip, putBack, type Random } from './rotation';
import { dueSlot, formatSlot, type TipSchedule, weekdayIn } from './schedule';
import type { ChooseTip, TeamChannel, TipStore } from './store';

/** TIP_QUIZ_DAYS: on these days each channel gets a quiz in place of its tip. */
export interface DailyQuiz {
  /** Weekdays, 0 = Sunday, read in the schedule's zone. */
  days: readonly number[];
  /** Opens a quiz for the channel and returns the message to post. */
  message(channelId: string): Promise<Message>;
}

/** What a quiz slot records in place of a tip id; the channel's tip rotation does not move. */
export const QUIZ_SLOT = 'quiz';

export interface TipSchedulerOptions {
  schedule: TipSchedule;
  store: TipStore;
  tips: readonly Tip[];
  poster: TipPoster;
  logger: Logger;
  clock: Clock;
  random?: Random;
  /** TIP_CHANNELS: always subscribed. */
  configChannels?: readonly string[];
  /** After Slack refuses a post, try the same slot again this much later (that day only). */
  retryDelayMs?: number;
  /** Tries per (channel, slot), the first one included. */
  maxAttempts?: number;
  /** The longest timer; the scheduler looks at the clock at least this often (clock jumps, far-off slots). */
  maxSleepMs?: number;
  metrics?: AppMetrics;
  /** How long stop() waits for posts in flight. */
  stopTimeoutMs?: number;
  /** A quiz in place of the tip on some days. */
  quiz?: DailyQuiz;
  /**
   * Runs one workspace's work inside that workspace (its rows, its bot token): with many workspaces each
   * channel's delivery runs in its own. Without it, everything is the one workspace's ('').
   */
  inTeam?: <T>(team: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * What one channel's delivery of one slot came to. `deferred`: the store could not be reached to claim the
 * slot, so nothing was posted and it is tried again soon (that day only), like a refused post.
 */
export type DeliveryOutcome = 'skipped' | 'deferred' | PostResult['status'];

/**
 * Posts the due tip to every subscribed channel (of every workspace, each inside its own), on real timers.
 * Each (channel, slot) is claimed in the store before posting, so it is posted at most once across restarts;
 * a slot missed while the app was down is posted on start if it is still the same day in the zone. Channels
 * are delivered independently.
 */
export class TipScheduler {
  private timer?: NodeJS.Timeout;
  private retryAt?: number;
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly tipsById: Map<string, Tip>;
  private readonly tipIds: string[];
  private readonly random: Random;
  private readonly maxAttempts: number;

  constructor(private readonly options: TipSchedulerOptions) {
    this.tipsById = new Map(options.tips.map((tip) => [tip.id, tip]));
    this.tipIds = options.tips.map((tip) => tip.id);
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /**
   * Settles this process's unfinished posts of an earlier run, registers TIP_CHANNELS, catches up today's
   * slot, then waits. Settles once the timers are armed (the catch-up runs on; `idle()` waits for it).
   */
  start(): Promise<void> {
    const starting = this.begin();
    this.track(starting);
    return starting;
  }

  private async begin(): Promise<void> {
    const { store, logger, clock } = this.options;
    const now = clock.now();
    for (const post of await store.abandonInFlight(now)) {
      logger.warn(
        'a tip was being posted when the app stopped; it may or may not have arrived and will not be posted again',
        {
          tip: post.tipId,
          channel: post.channelId,
          slot: post.slot,
        },
      );
    }
    // TIP_CHANNELS belong to the one workspace of a bot token in the environment.
    const added = await this.inTeam('', () =>
      store.syncConfigChannels(this.options.configChannels ?? [], now),
    );
    if (added.length) logger.info('daily tips on for TIP_CHANNELS', { channels: added });
    const { schedule } = this.options;
    const next = schedule.next(now);
    logger.info('daily tips scheduled', {
      schedule: schedule.pattern,
      next: next ? formatSlot(next, schedule) : 'never',
    });
    if (this.stopped) return;
    this.track(this.tick());
    this.arm();
  }

  /** Settles when every delivery started so far has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Stops the timers and waits (a bounded time) for posts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const timeout = this.options.stopTimeoutMs ?? 5000;
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => {
        giveUp = setTimeout(resolve, timeout);
      }),
    ]);
    clearTimeout(giveUp);
  }

  /** Delivers the slot due now, if any, to every channel that has not had it. */
  async tick(): Promise<Map<string, DeliveryOutcome>> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const now = this.options.clock.now();
    const slot = dueSlot(this.options.schedule, now);
    if (!slot) return outcomes;
    let channels: TeamChannel[];
    try {
      channels = (await this.options.store.activeEverywhere()).filter(
        (s) => s.since.getTime() <= slot.getTime(),
      );
    } catch (error) {
      this.options.logger.error('daily tips: could not read the subscriptions; trying again soon', { error });
      this.retrySoon();
      return outcomes;
    }
    const results = await Promise.all(
      channels.map(
        async ({ team, channelId }) =>
          [
            team ? `${team}:${channelId}` : channelId,
            await this.inTeam(team, () => this.deliverSafely(channelId, slot)),
          ] as const,
      ),
    );
    for (const [channelId, outcome] of results) outcomes.set(channelId, outcome);
    if ([...outcomes.values()].some((o) => o === 'refused' || o === 'deferred')) this.retrySoon();
    return outcomes;
  }

  private inTeam<T>(team: string, work: () => Promise<T>): Promise<T> {
    return this.options.inTeam ? this.options.inTeam(team, work) : work();
  }

  private async deliverSafely(channelId: string, slot: Date): Promise<DeliveryOutcome> {
    try {
      const outcome = await this.deliver(channelId, slot);
      if (outcome !== 'skipped') this.options.metrics?.tipPosts.inc({ outcome });
      return outcome;
    } catch (error) {
      this.options.metrics?.tipPosts.inc({ outcome: 'failed' });
      this.options.logger.error('daily tip failed', { channel: channelId, error });
      return 'unknown';
    }
  }

  /** Claim → post → record, for one channel and slot. */
  private async deliver(channelId: string, slot: Date): Promise<DeliveryOutcome> {
    const { store, logger, clock, quiz, schedule } = this.options;
    const quizDay = quiz?.days.includes(weekdayIn(slot, schedule.zone)) ?? false;
    const choose: ChooseTip = quizDay
      ? (saved) => ({ tipId: QUIZ_SLOT, state: saved ?? { cycle: 0, remaining: [], shown: [] } })
      : (saved) => nextTip(saved, this.tipIds, this.random);
    let tipId: string | undefined;
    try {
      tipId = await store.claim(channelId, slot, choose, clock.now(), this.maxAttempts);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      logger.warn(
        `${quizDay ? 'daily quiz' : 'daily tip'} not claimed: the database is unavailable; trying again soon`,
        {
          channel: channelId,
          slot: slot.toISOString(),
          reason: error.message,
        },
      );
      return 'deferred';
    }
    if (!tipId) return 'skipped';
    const what = quizDay ? 'daily quiz' : 'daily tip';
    const result = await this.post(channelId, tipId);
    const at = clock.now();
    const when = slot.toISOString();
    switch (result.status) {
      case 'posted':
        await store.finish(channelId, slot, { status: 'posted', messageTs: result.ts }, at);
        logger.info(`${what} posted`, { tip: tipId, channel: channelId, slot: when });
        break;
      case 'refused':
        await store.finish(channelId, slot, result, at, (saved) => putBack(saved, tipId));
        logger.warn(`${what} refused by Slack; will try again`, {
          channel: channelId,
          slot: when,
          error: result.error,
        });
        break;
      case 'gone':
        await store.finish(channelId, slot, result, at, (saved) => putBack(saved, tipId));
        await store.unsubscribe(channelId, result.error, at);
        logger.warn('daily tips stopped: Slack said the channel is gone', {
          channel: channelId,
          error: result.error,
        });
        break;
      case 'unknown':
        await store.finish(channelId, slot, result, at);
        logger.warn(`${what} may not have arrived; not posting it again`, {
          tip: tipId,
          channel: channelId,
          slot: when,
          error: result.error,
        });
        break;
    }
    return result.status;
  }

  /** Posts the claimed tip, or for a quiz slot a new quiz; a quiz that cannot be opened is refused (not posted). */
  private async post(channelId: string, tipId: string): Promise<PostResult> {
    let message: Message;
    try {
      const { quiz } = this.options;
      message =
        quiz && tipId === QUIZ_SLOT
          ? await quiz.message(channelId)
          : tipMessage(this.tipsById.get(tipId) as Tip, { audience: 'channel' });
    } catch (error) {
      return { status: 'refused', error: `the quiz could not be opened: ${String(error)}` };
    }
    try {
      return await this.options.poster.post(channelId, message);
    } catch (error) {
      return { status: 'unknown', error: String(error) };
    }
  }

  private retrySoon(): void {
    if (this.stopped) return;
    this.retryAt = this.options.clock.now().getTime() + (this.options.retryDelayMs ?? 60_000);
    this.arm();
  }

  /** Sets one timer for the next slot (or an earlier retry), never longer than maxSleepMs. */
  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = this.options.clock.now().getTime();
    const next = this.options.schedule.next(new Date(now))?.getTime() ?? Number.POSITIVE_INFINITY;
    const wakeAt = Math.min(next, this.retryAt ?? Number.POSITIVE_INFINITY);
    const delay = Math.max(0, Math.min(wakeAt - now, this.options.maxSleepMs ?? 3_600_000));
    this.timer = setTimeout(() => {
      if (this.retryAt !== undefined && this.retryAt <= this.options.clock.now().getTime())
        this.retryAt = undefined;
      // Arm first: a slow delivery (a 429 waiting for Retry-After) must not push back the next slot.
      this.arm();
      this.track(this.tick());
    }, delay);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.options.logger.error('daily tips failed', { error }))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
