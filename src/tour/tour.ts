import type { Message } from '../message';
import { OneAtATime } from '../one-at-a-time';
import type { ActionRequest, Output, Person, Surfaces } from '../transport';
import { finishedMessage, MOVED_ON, NO_TOUR, stepMessage, whereNote } from './messages';
import type { TourStep } from './steps';
import { END_OF_TOUR, type TourProgress, type TourStore } from './store';

export interface TourOptions {
  steps: readonly TourStep[];
  store: TourStore;
  /** The person's DM with the bot, where the tour runs (Slack). Without it, steps are answers (console). */
  surfaces?: Surfaces;
  /** Told after a person's progress changed (the App Home shows it). */
  onProgress?: (person: Person) => Promise<void>;
  clock?: () => Date;
}

/** Where a person is in the tour, for the App Home and for stats. */
export type TourStatus =
  | { state: 'new'; total: number }
  | { state: 'on'; step: number; total: number; title: string; right: number }
  | { state: 'done'; total: number; right: number };

/** Who is moving through the tour, and from which message (when a button was pressed in one). */
type Asker = Pick<ActionRequest, 'userId' | 'teamId' | 'channelId' | 'messageTs'>;

/**
 * The guided tour: a few short steps, each with a demo and a check question, and per person where they are.
 * It runs in the person's DM with the bot, in one message edited at each step (its reference is kept with
 * the progress, so it survives restarts); `/docker tour` or Continue posts a fresh one and retires the old.
 */
export class Tour {
  private readonly queue = new OneAtATime();
  private readonly clock: () => Date;

  constructor(private readonly options: TourOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  get steps(): readonly TourStep[] {
    return this.options.steps;
  }

  /**
   * `/docker tour` (resume), `/docker tour restart`, Continue and Start over: the current step in a new message
   * in the DM, unless the press came from the tour's own message, which then changes in place. `note` tells
   * someone who typed the command elsewhere where the tour is.
   */
  open(asker: Asker, output: Output, how: { restart: boolean; note?: boolean }): Promise<void> {
    return this.change(asker, output, { note: how.note ?? false, fresh: true }, (progress) =>
      how.restart
        ? { ...progress, stepId: this.steps[0]?.id ?? END_OF_TOUR, checks: {}, startedAt: this.clock() }
        : progress,
    );
  }

  /** Next and Back: shows `stepId` (or the end), in place. */
  go(asker: Asker, stepId: string, output: Output, note = false): Promise<void> {
    return this.change(asker, output, { note, fresh: false }, (progress) => {
      if (stepId !== END_OF_TOUR && !this.steps.some((s) => s.id === stepId)) return progress;
      const finishing = stepId === END_OF_TOUR && !progress.finishedAt;
      return { ...progress, stepId, ...(finishing ? { finishedAt: this.clock() } : {}) };
    });
  }

  /** `/docker tour next` and `back`: one step on or back from where the person is. */
  async move(asker: Asker, by: 1 | -1, output: Output): Promise<void> {
    const progress = await this.options.store.progress(asker.userId);
    const at = this.indexOf(progress);
    const target = at === -1 ? this.steps.length + (by < 0 ? by : 0) : at + by;
    const step = this.steps[Math.max(0, target)];
    await this.go(asker, target >= this.steps.length ? END_OF_TOUR : (step?.id ?? END_OF_TOUR), output, true);
  }

  /** An answer to a check question (`<step id>:<option>`); the first answer to each step is kept. */
  check(asker: Asker, value: string, output: Output, note = false): Promise<void> {
    const at = value.lastIndexOf(':');
    const step = this.steps.find((s) => s.id === value.slice(0, at));
    const choice = Number(value.slice(at + 1));
    return this.change(asker, output, { note, fresh: false }, (progress) => {
      if (!step || !Number.isInteger(choice) || choice < 1 || choice > step.check.options.length)
        return progress;
      const checks = progress.checks[step.id]
        ? progress.checks
        : { ...progress.checks, [step.id]: { choice, correct: choice === step.check.answer } };
      return { ...progress, stepId: step.id, checks };
    });
  }

  /** `/docker tour answer <n>`: answers the check question of the step the person is on. */
  async answer(asker: Asker, choice: string, output: Output): Promise<void> {
    const progress = await this.options.store.progress(asker.userId);
    const step = this.steps[Math.max(0, this.indexOf(progress))];
    await this.check(asker, `${step?.id ?? ''}:${choice}`, output, true);
  }

  async status(userId: string): Promise<TourStatus> {
    const total = this.steps.length;
    const progress = await this.options.store.progress(userId);
    if (!progress) return { state: 'new', total };
    const right = this.steps.filter((s) => progress.checks[s.id]?.correct).length;
    const index = this.indexOf(progress);
    if (index === -1) return { state: 'done', total, right };
    return { state: 'on', step: index + 1, total, title: this.steps[index]?.title ?? '', right };
  }

  counts(): Promise<{ started: number; finished: number }> {
    return this.options.store.counts();
  }

  /** The index of the step shown, -1 at the end; an unknown step (content changed) reads as the first. */
  private indexOf(progress: TourProgress | undefined): number {
    if (!progress) return 0;
    if (progress.stepId === END_OF_TOUR) return -1;
    return Math.max(
      0,
      this.steps.findIndex((s) => s.id === progress.stepId),
    );
  }

  private render(progress: TourProgress): Message {
    const index = this.indexOf(progress);
    return index === -1 ? finishedMessage(this.steps, progress) : stepMessage(this.steps, index, progress);
  }

  /** Reads the person's progress, changes it, shows it and saves it, one change per person at a time. */
  private async change(
    asker: Asker,
    output: Output,
    how: { note: boolean; fresh: boolean },
    next: (progress: TourProgress) => TourProgress,
  ): Promise<void> {
    if (this.steps.length === 0) {
      await output.send(NO_TOUR);
      return;
    }
    await this.queue.run(asker.userId, async () => {
      const now = this.clock();
      const saved = await this.options.store.progress(asker.userId);
      const before: TourProgress = saved ?? {
        userId: asker.userId,
        stepId: this.steps[0]?.id ?? END_OF_TOUR,
        checks: {},
        startedAt: now,
        updatedAt: now,
      };
      const progress = { ...next(before), updatedAt: now };
      progress.message = await this.show(asker, progress, output, how.fresh);
      await this.options.store.save(progress);
      if (how.note && progress.message && progress.message.channel !== asker.channelId)
        await output.send(whereNote(this.steps, progress));
    });
    await this.options.onProgress?.({ userId: asker.userId, teamId: asker.teamId });
  }

  /**
   * Shows the progress in the DM: in the tour's message, or when `fresh` in a new message (the old one
   * retired), unless the press came from the tour's message itself. Without a DM (console) it is the answer.
   */
  private async show(asker: Asker, progress: TourProgress, output: Output, fresh: boolean) {
    const message = this.render(progress);
    const { surfaces } = this.options;
    if (!surfaces) {
      await output.send(message);
      return undefined;
    }
    const current = progress.message;
    if (current && (!fresh || asker.messageTs === current.ts)) {
      try {
        await surfaces.update(current, message);
        return current;
      } catch {
        // The message is gone (deleted, or the DM closed): post a new one below.
      }
    }
    const posted = await surfaces.postDirect(asker.userId, message);
    if (current) await surfaces.update(current, MOVED_ON).catch(() => undefined);
    return posted;
  }
}
