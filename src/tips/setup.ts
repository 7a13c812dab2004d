import type { Config } from '../config';
import type { Tip } from '../content/load';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import { TipDesk } from './desk';
import { type Clock, systemClock, type TipPoster } from './port';
import { parseSchedule } from './schedule';
import { type DailyQuiz, TipScheduler, type TipSchedulerOptions } from './scheduler';
import type { TipStore } from './store';

export interface TipsFeature {
  /** What `/docker tip`, `/docker tips …` and the tip buttons ask of tips. */
  desk: TipDesk;
  /**
   * Starts posting on the schedule through a transport's poster (Slack modes only); on TIP_QUIZ_DAYS,
   * `quiz` opens the quiz posted in place of the tip (without it those days get tips).
   */
  startScheduler(poster: TipPoster, quiz?: DailyQuiz['message']): Promise<TipScheduler>;
}

export interface TipsSetup {
  config: Config['tips'];
  tips: readonly Tip[];
  store: TipStore;
  logger: Logger;
  /** Whether tips are posted on a schedule (false in the console). */
  scheduled: boolean;
  metrics?: AppMetrics;
  clock?: Clock;
  /** Many workspaces: runs a workspace's deliveries inside it (see TipSchedulerOptions.inTeam). */
  inTeam?: TipSchedulerOptions['inTeam'];
}

/** Builds the tips domain from the configuration; the composition root plugs the pieces in. */
export function setUpTips({
  config,
  tips,
  store,
  logger,
  scheduled,
  metrics,
  clock = systemClock,
  inTeam,
}: TipsSetup): TipsFeature {
  const schedule = parseSchedule(config.schedule, config.timezone);
  const desk = new TipDesk({
    tips,
    store,
    clock,
    scheduling: scheduled
      ? { schedule, configChannels: new Set(config.channels), quizDays: config.quizDays }
      : undefined,
  });
  return {
    desk,
    async startScheduler(poster, quiz) {
      const scheduler = new TipScheduler({
        schedule,
        store,
        tips,
        poster,
        clock,
        logger: logger.child('tips'),
        configChannels: config.channels,
        metrics,
        inTeam,
        quiz: quiz && config.quizDays.length ? { days: config.quizDays, message: quiz } : undefined,
      });
      await scheduler.start();
      return scheduler;
    },
  };
}
