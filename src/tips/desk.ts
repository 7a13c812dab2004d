import type { Tip } from '../content/load';
import type { Message } from '../message';
import { tipMessage } from './message';
import type { Clock } from './port';
import { nextTip, type Random } from './rotation';
import { formatSlot, type TipSchedule, weekdayNames } from './schedule';
import { type TipStore, userAudience } from './store';

/** Daily posting, when the app runs it (Slack modes; the console has none). */
export interface TipScheduling {
  schedule: TipSchedule;
  /** TIP_CHANNELS: these always get tips. */
  configChannels: ReadonlySet<string>;
  /** TIP_QUIZ_DAYS: weekdays (0 = Sunday) when a quiz comes instead of the tip. */
  quizDays?: readonly number[];
}

export interface TipDeskOptions {
  tips: readonly Tip[];
  store: TipStore;
  clock: Clock;
  random?: Random;
  scheduling?: TipScheduling;
}

/** A one-block answer; its plain fallback drops the bold and code marks but keeps the words. */
const markdown = (text: string): Message => ({
  text: text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1'),
  blocks: [{ type: 'markdown', text }],
});

/** What people ask of tips: one now (each person has their own rotation), and a channel's daily tips. */
export class TipDesk {
  private readonly byId: Map<string, Tip>;
  private readonly ids: string[];
  private readonly random: Random;

  constructor(private readonly options: TipDeskOptions) {
    this.byId = new Map(options.tips.map((tip) => [tip.id, tip]));
    this.ids = options.tips.map((tip) => tip.id);
    this.random = options.random ?? Math.random;
  }

  get(id: string): Tip | undefined {
    return this.byId.get(id);
  }

  /** The next tip in this person's own rotation, as a private answer; undefined when there are no tips. */
  async nextFor(userId: string): Promise<Message | undefined> {
    const tipId = await this.options.store.advance(
      userAudience(userId),
      (saved) => nextTip(saved, this.ids, this.random),
      this.options.clock.now(),
    );
    const tip = tipId ? this.byId.get(tipId) : undefined;
    return tip && tipMessage(tip, { audience: 'private' });
  }

  /** A tip as shared into a channel by someone (the ShareRegistry resolver for `tip:<id>`). */
  shared(id: string, sharedBy: string): Message | undefined {
    const tip = this.byId.get(id);
    return tip && tipMessage(tip, { audience: 'channel', sharedBy });
  }

  private get scheduling(): TipScheduling | undefined {
    return this.options.scheduling;
  }

  private nextTime(): string {
    const scheduling = this.scheduling;
    const next = scheduling?.schedule.next(this.options.clock.now());
    return scheduling && next ? formatSlot(next, scheduling.schedule) : 'not scheduled again';
  }

  private scheduleLine(): string {
    const schedule = this.scheduling?.schedule;
    const quizDays = this.scheduling?.quizDays ?? [];
    const quiz = quizDays.length ? ` On ${weekdayNames(quizDays)} a quiz comes instead of the tip.` : '';
    return schedule ? `Schedule: \`${schedule.pattern}\` in ${schedule.zone}.${quiz}` : '';
  }

  /** The channels that get daily tips now, by id (none in the console). */
  async channels(): Promise<string[]> {
    if (!this.scheduling) return [];
    return (await this.options.store.activeSubscriptions()).map((s) => s.channelId);
  }

  /** `/docker tips`: whether this channel gets tips, and when the next one comes. */
  async status(channelId: string): Promise<Message> {
    if (!this.scheduling) return markdown(CONSOLE_NOTE);
    const subscription = await this.options.store.subscription(channelId);
    if (subscription?.active) {
      const why =
        subscription.source === 'config'
          ? 'this channel is listed in `TIP_CHANNELS`'
          : 'they were turned on with `/docker tips on`';
      return markdown(
        `Daily tips are **on** here (${why}).\nNext tip: **${this.nextTime()}**. ${this.scheduleLine()}`,
      );
    }
    const stopped = subscription?.stoppedReason
      ? `They stopped because ${describeReason(subscription.stoppedReason)}. `
      : '';
    return markdown(
      `Daily tips are **off** here. ${stopped}Type \`/docker tips on\` to get one each time they are posted (next: ${this.nextTime()}).`,
    );
  }

  /** `/docker tips on`. */
  async subscribe(channelId: string, userId: string): Promise<Message> {
    if (!this.scheduling) return markdown(CONSOLE_NOTE);
    const listed = this.scheduling.configChannels.has(channelId);
    if (listed && (await this.options.store.subscription(channelId))?.active)
      return markdown(
        `This channel already gets daily tips: it is listed in \`TIP_CHANNELS\`. Next tip: **${this.nextTime()}**.`,
      );
    // A listed channel Slack had turned away (say, before the app was invited) comes back as listed.
    const changed = await this.options.store.subscribe(
      channelId,
      userId,
      this.options.clock.now(),
      listed ? 'config' : 'command',
    );
    const first = changed ? 'Daily tips are now **on** in this channel.' : 'Daily tips were already on here.';
    return markdown(
      `${first} Next tip: **${this.nextTime()}**. ${this.scheduleLine()}\n` +
        'The app must be a member of the channel to post (`/invite @Docker Explainer`). `/docker tips off` stops them.',
    );
  }

  /** `/docker tips off`. */
  async unsubscribe(channelId: string, userId: string): Promise<Message> {
    if (!this.scheduling) return markdown(CONSOLE_NOTE);
    if (this.scheduling.configChannels.has(channelId))
      return markdown(
        'This channel is listed in `TIP_CHANNELS`, so it always gets daily tips. Ask whoever runs the app to remove it from that list.',
      );
    const changed = await this.options.store.unsubscribe(
      channelId,
      'turned off with /docker tips off',
      this.options.clock.now(),
      userId,
    );
    return markdown(
      changed
        ? 'Daily tips are now **off** in this channel. `/docker tips on` brings them back.'
        : 'Daily tips were already off here. `/docker tips on` turns them on.',
    );
  }
}

const CONSOLE_NOTE =
  'Daily tips are posted to Slack channels on a schedule, so there is nothing to turn on in the local console. `/docker tip` shows one now.';

function describeReason(reason: string): string {
  if (reason.startsWith('turned off')) return 'someone turned them off with `/docker tips off`';
  if (reason === 'removed from TIP_CHANNELS') return 'the channel was removed from `TIP_CHANNELS`';
  return `Slack refused the post (\`${reason}\`): invite the app to the channel, then turn them on again`;
}
