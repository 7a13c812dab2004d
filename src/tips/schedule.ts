import { Cron } from 'croner';

/** Weekdays at 09:00, in TIP_TIMEZONE. */
export const DEFAULT_TIP_SCHEDULE = '0 9 * * 1-5';
export const DEFAULT_TIP_TIMEZONE = 'UTC';

/** When tips are due: a cron pattern read in one IANA time zone. Pure: every answer depends only on its input. */
export interface TipSchedule {
  readonly pattern: string;
  readonly zone: string;
  /** The first slot strictly after `after`, if the pattern ever matches again. */
  next(after: Date): Date | undefined;
  /** The last slot at or before `atOrBefore`. */
  latest(atOrBefore: Date): Date | undefined;
}

/** Why a time zone name is not usable, or undefined when it is a valid IANA zone. */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return 'must be an IANA time zone such as UTC, Europe/Berlin or America/New_York';
  }
}

/** Why a cron pattern is not usable (5 fields, or 6 with seconds first), or undefined when it is fine. */
export function cronProblem(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/).length;
  if (!pattern.trim().startsWith('@') && fields !== 5 && fields !== 6)
    return `must be a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first); it has ${fields}`;
  try {
    const cron = new Cron(pattern, { mode: '5-or-6-parts', paused: true, timezone: 'UTC' });
    if (!cron.nextRun(new Date(0))) return 'never matches a date';
    return undefined;
  } catch (error) {
    return `is not a valid cron expression (${(error as Error).message.replace(/^CronPattern: /, '')})`;
  }
}

/** Builds the schedule; the pattern and zone must already be valid (see cronProblem, timeZoneProblem). */
export function parseSchedule(pattern: string, zone: string): TipSchedule {
  const cron = new Cron(pattern, { mode: '5-or-6-parts', paused: true, timezone: zone });
  return {
    pattern,
    zone,
    next: (after) => cron.nextRun(after) ?? undefined,
    // croner counts a run in the reference's own second only when it is strictly earlier, so look 1 ms on.
    latest: (atOrBefore) => cron.previousRuns(1, new Date(atOrBefore.getTime() + 1))[0],
  };
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDay(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The slot to post for at `now`: the latest scheduled time at or before `now`, but only while it is still
 * the same day in the zone. A slot missed on an earlier day is skipped, never caught up.
 */
export function dueSlot(schedule: TipSchedule, now: Date): Date | undefined {
  const slot = schedule.latest(now);
  if (!slot || localDay(slot, schedule.zone) !== localDay(now, schedule.zone)) return undefined;
  return slot;
}

/** A slot as people read it, in the schedule's zone: `Mon, 31 Mar 2025, 09:00 CEST (Europe/Berlin)`. */
export function formatSlot(at: Date, schedule: Pick<TipSchedule, 'pattern' | 'zone'>): string {
  const withSeconds = schedule.pattern.trim().split(/\s+/).length === 6;
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: schedule.zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
  return `${text} (${schedule.zone})`;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A weekday name (`fri`, `Friday`) as 0 (Sunday) to 6, or undefined when it names no day. */
function weekdayNumber(name: string): number | undefined {
  const word = name.trim().toLowerCase();
  const index = WEEKDAYS.findIndex((day) => word === day || word === day.slice(0, 3));
  return index === -1 ? undefined : index;
}

/** Why a comma-separated list of weekday names (TIP_QUIZ_DAYS) is not usable, or undefined when it is. */
export function weekdaysProblem(list: string): string | undefined {
  const bad = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .find((name) => weekdayNumber(name) === undefined);
  return bad === undefined
    ? undefined
    : `must be weekday names separated by commas, such as fri or mon,thu; "${bad.slice(0, 20)}" is not one`;
}

/** A checked list of weekday names (see weekdaysProblem) as day numbers, 0 (Sunday) to 6, sorted. */
export function parseWeekdays(list: string): number[] {
  const days = list
    .split(',')
    .map((name) => weekdayNumber(name))
    .filter((day): day is number => day !== undefined);
  return [...new Set(days)].sort((a, b) => a - b);
}

/** The weekday (0 = Sunday) an instant falls on in a time zone. */
export function weekdayIn(at: Date, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(at);
  return weekdayNumber(name) ?? -1;
}

/** Day numbers as people read them: `Mon, Fri`. */
export function weekdayNames(days: readonly number[]): string {
  const short = (day: number) => (WEEKDAYS[day] ?? '?').slice(0, 3);
  return days.map((day) => short(day).charAt(0).toUpperCase() + short(day).slice(1)).join(', ');
}
