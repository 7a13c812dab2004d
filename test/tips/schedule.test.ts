import {
  cronProblem,
  DEFAULT_TIP_SCHEDULE,
  dueSlot,
  formatSlot,
  localDay,
  parseSchedule,
  parseWeekdays,
  timeZoneProblem,
  weekdayIn,
  weekdayNames,
  weekdaysProblem,
} from '../../src/tips/schedule';

const at = (iso: string) => new Date(iso);
const iso = (date: Date | undefined) => date?.toISOString();

describe('the default schedule', () => {
  const weekdays = parseSchedule(DEFAULT_TIP_SCHEDULE, 'UTC');

  it('is weekdays at 09:00', () => {
    // Friday 28 March 2025 after nine → Monday 31 March.
    expect(iso(weekdays.next(at('2025-03-28T10:00:00Z')))).toBe('2025-03-31T09:00:00.000Z');
    expect(iso(weekdays.next(at('2025-03-31T08:59:59Z')))).toBe('2025-03-31T09:00:00.000Z');
  });

  it('counts a slot as due from its exact second on', () => {
    expect(iso(weekdays.latest(at('2025-03-31T09:00:00.000Z')))).toBe('2025-03-31T09:00:00.000Z');
    expect(iso(weekdays.latest(at('2025-03-31T08:59:59.999Z')))).toBe('2025-03-28T09:00:00.000Z');
  });
});

describe('time zones and daylight saving', () => {
  const berlin = parseSchedule('0 9 * * *', 'Europe/Berlin');

  it('keeps 09:00 local across the spring change in Europe/Berlin', () => {
    expect(iso(berlin.next(at('2025-03-29T00:00:00Z')))).toBe('2025-03-29T08:00:00.000Z'); // CET, UTC+1
    expect(iso(berlin.next(at('2025-03-29T09:00:00Z')))).toBe('2025-03-30T07:00:00.000Z'); // CEST, UTC+2
  });

  it('keeps 09:00 local across the autumn change', () => {
    expect(iso(berlin.next(at('2025-10-25T12:00:00Z')))).toBe('2025-10-26T08:00:00.000Z');
  });

  it('posts once at the first valid time when the slot falls in the spring gap', () => {
    const night = parseSchedule('30 2 * * *', 'Europe/Berlin');
    const runs: string[] = [];
    let cursor = at('2025-03-29T12:00:00Z');
    for (let i = 0; i < 3; i++) {
      cursor = night.next(cursor) as Date;
      runs.push(cursor.toISOString());
    }
    // 29 Mar 02:30 CET; 30 Mar has no 02:30, so 03:00 CEST; 31 Mar 02:30 CEST.
    expect(runs).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-03-31T00:30:00.000Z',
      '2025-04-01T00:30:00.000Z',
    ]);
  });

  it('posts once when the slot happens twice in the autumn overlap', () => {
    const night = parseSchedule('30 2 * * *', 'Europe/Berlin');
    const first = night.next(at('2025-10-25T12:00:00Z')) as Date;
    const second = night.next(first) as Date;
    expect(first.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(second.toISOString()).toBe('2025-10-27T01:30:00.000Z');
  });

  it('reads six fields as seconds first', () => {
    const everyTwo = parseSchedule('*/2 * * * * *', 'UTC');
    expect(iso(everyTwo.next(at('2025-01-01T00:00:04.000Z')))).toBe('2025-01-01T00:00:06.000Z');
    expect(iso(everyTwo.latest(at('2025-01-01T00:00:05.999Z')))).toBe('2025-01-01T00:00:04.000Z');
  });
});

describe('dueSlot: a missed slot is posted the same day, never later', () => {
  const berlin = parseSchedule('0 9 * * *', 'Europe/Berlin');

  it('is the slot itself at its time', () => {
    expect(iso(dueSlot(berlin, at('2025-03-31T07:00:00Z')))).toBe('2025-03-31T07:00:00.000Z');
  });

  it('is today’s slot when it was missed earlier the same day', () => {
    expect(iso(dueSlot(berlin, at('2025-03-31T15:00:00Z')))).toBe('2025-03-31T07:00:00.000Z');
    // 23:59 in Berlin is still the same day, though it is the next day nowhere near yet in UTC terms.
    expect(iso(dueSlot(berlin, at('2025-03-31T21:59:00Z')))).toBe('2025-03-31T07:00:00.000Z');
  });

  it('skips the slot of the day before', () => {
    // 00:30 on 1 April in Berlin (still 31 March in UTC): yesterday's slot is not caught up.
    expect(dueSlot(berlin, at('2025-03-31T22:30:00Z'))).toBeUndefined();
    expect(dueSlot(berlin, at('2025-04-01T06:59:59Z'))).toBeUndefined();
  });

  it('uses the day in the zone, not in UTC', () => {
    const evening = parseSchedule('0 23 * * *', 'America/New_York');
    // 23:30 on 14 January in New York is 04:30 on the 15th in UTC: still the slot's day.
    expect(iso(dueSlot(evening, at('2025-01-15T04:30:00Z')))).toBe('2025-01-15T04:00:00.000Z');
    // 00:30 on the 15th in New York: the slot was yesterday there.
    expect(dueSlot(evening, at('2025-01-15T05:30:00Z'))).toBeUndefined();
  });

  it('counts the day of a clock change correctly', () => {
    // 30 March 2025, spring forward in Berlin: the 09:00 slot is 07:00 UTC; at 23:00 local it is still due.
    expect(iso(dueSlot(berlin, at('2025-03-30T21:00:00Z')))).toBe('2025-03-30T07:00:00.000Z');
    // 26 October 2025, fall back: the day has 25 hours; at 23:30 local (22:30 UTC) the slot is still due.
    expect(iso(dueSlot(berlin, at('2025-10-26T22:30:00Z')))).toBe('2025-10-26T08:00:00.000Z');
    expect(dueSlot(berlin, at('2025-10-26T23:30:00Z'))).toBeUndefined();
  });

  it('has nothing due on a day without a slot', () => {
    const weekdays = parseSchedule(DEFAULT_TIP_SCHEDULE, 'UTC');
    expect(dueSlot(weekdays, at('2025-03-29T12:00:00Z'))).toBeUndefined(); // a Saturday
  });
});

describe('localDay and formatSlot', () => {
  it('gives the calendar day in a zone', () => {
    expect(localDay(at('2025-03-31T22:30:00Z'), 'Europe/Berlin')).toBe('2025-04-01');
    expect(localDay(at('2025-03-31T22:30:00Z'), 'UTC')).toBe('2025-03-31');
    expect(localDay(at('2025-01-15T04:30:00Z'), 'America/New_York')).toBe('2025-01-14');
  });

  it('shows a slot in the schedule’s zone', () => {
    const berlin = { pattern: '0 9 * * 1-5', zone: 'Europe/Berlin' };
    expect(formatSlot(at('2025-03-31T07:00:00Z'), berlin)).toBe(
      'Mon, 31 Mar 2025, 09:00 CEST (Europe/Berlin)',
    );
    expect(formatSlot(at('2025-01-06T08:00:00Z'), berlin)).toBe('Mon, 6 Jan 2025, 09:00 CET (Europe/Berlin)');
  });

  it('shows seconds when the schedule has them', () => {
    expect(formatSlot(at('2025-01-01T00:00:06Z'), { pattern: '*/2 * * * * *', zone: 'UTC' })).toBe(
      'Wed, 1 Jan 2025, 00:00:06 UTC (UTC)',
    );
  });
});

describe('validation', () => {
  it.each(['0 9 * * 1-5', '*/2 * * * * *', '30 8 * * MON-FRI', '0 0 29 2 *'])('accepts %j', (pattern) => {
    expect(cronProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['0 9 * *', /5 fields .* or 6 .*it has 4/],
    ['0 0 9 * * * 2030', /it has 7/],
    ['61 9 * * *', /not a valid cron expression .*minute/],
    ['0 9 * * funday', /not a valid cron expression/],
    ['0 0 30 2 *', /never matches/],
    ['', /it has/],
  ])('refuses %j', (pattern, message) => {
    expect(cronProblem(pattern)).toMatch(message);
  });

  it('accepts IANA zones and refuses other names', () => {
    expect(timeZoneProblem('Europe/Berlin')).toBeUndefined();
    expect(timeZoneProblem('UTC')).toBeUndefined();
    expect(timeZoneProblem('Mars/Olympus_Mons')).toMatch(/IANA time zone/);
    expect(timeZoneProblem('+02:00')).toMatch(/IANA time zone/);
  });
});

describe('weekdays (TIP_QUIZ_DAYS)', () => {
  it('reads names and tells the weekday of an instant in a zone', () => {
    expect(weekdaysProblem('mon, Tuesday,SAT')).toBeUndefined();
    expect(weekdaysProblem('mon,someday')).toMatch(/"someday" is not one/);
    expect(parseWeekdays('sat,mon,Mon')).toEqual([1, 6]);
    expect(weekdayNames([1, 5])).toBe('Mon, Fri');
    // Friday 23:30 in New York is already Saturday in UTC.
    const late = new Date('2025-04-05T03:30:00Z');
    expect(weekdayIn(late, 'America/New_York')).toBe(5);
    expect(weekdayIn(late, 'UTC')).toBe(6);
  });
});
