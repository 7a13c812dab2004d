import { loadConfig } from '../../src/config';
import { runMain } from '../helpers/child';

describe('tip configuration', () => {
  it('defaults to weekdays at 09:00 UTC and no fixed channels', () => {
    expect(loadConfig({}).tips).toEqual({
      channels: [],
      schedule: '0 9 * * 1-5',
      timezone: 'UTC',
      quizDays: [],
    });
  });

  it('reads channel lists with spaces, a trailing comma and repeats', () => {
    expect(loadConfig({ TIP_CHANNELS: ' C0AAA111, G0BBB222 ,C0AAA111,' }).tips.channels).toEqual([
      'C0AAA111',
      'G0BBB222',
    ]);
  });

  it('takes a six-field schedule and an IANA zone', () => {
    expect(loadConfig({ TIP_SCHEDULE: '*/2 * * * * *', TIP_TIMEZONE: 'Europe/Berlin' }).tips).toEqual(
      expect.objectContaining({ schedule: '*/2 * * * * *', timezone: 'Europe/Berlin' }),
    );
  });

  it('reads TIP_QUIZ_DAYS as weekday names, short or long, in any case', () => {
    expect(loadConfig({ TIP_QUIZ_DAYS: 'fri' }).tips.quizDays).toEqual([5]);
    expect(loadConfig({ TIP_QUIZ_DAYS: ' Friday, mon,MON ,sun,' }).tips.quizDays).toEqual([0, 1, 5]);
  });

  it.each([
    [{ TIP_QUIZ_DAYS: 'fri,funday' }, /^TIP_QUIZ_DAYS must be weekday names .*"funday" is not one/],
    [{ TIP_QUIZ_DAYS: '5' }, /^TIP_QUIZ_DAYS .*"5" is not one/],
    [{ TIP_CHANNELS: '#general' }, /^TIP_CHANNELS must be comma-separated channel IDs .*"#general"/],
    [{ TIP_CHANNELS: 'C0AAA111,general' }, /^TIP_CHANNELS .*"general" is not one/],
    [{ TIP_SCHEDULE: 'every morning' }, /^TIP_SCHEDULE must be a cron expression with 5 fields/],
    [{ TIP_SCHEDULE: '0 25 * * *' }, /^TIP_SCHEDULE is not a valid cron expression/],
    [{ TIP_TIMEZONE: 'Europe/Atlantis' }, /^TIP_TIMEZONE must be an IANA time zone/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('start-up with bad tip settings (node dist/main.js)', () => {
  it.each([
    [{ TIP_SCHEDULE: '0 9 * *' }, 'TIP_SCHEDULE'],
    [{ TIP_TIMEZONE: 'Mars/Base' }, 'TIP_TIMEZONE'],
    [{ TIP_CHANNELS: 'general,random' }, 'TIP_CHANNELS'],
    [{ TIP_QUIZ_DAYS: 'fryday' }, 'TIP_QUIZ_DAYS'],
  ])('%j stops with one line naming %s', async (env, variable) => {
    const result = await runMain('/docker tip\n', env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^docker-explainer: ${variable} [^\\n]+\\n$`));
  });
});

describe('tips in the local console', () => {
  it('shows a tip now, and explains that daily tips belong to Slack', async () => {
    const result = await runMain('/docker tip\n/docker tips on\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Docker tip: /);
    expect(result.stdout).toContain('→ Next tip: /docker tip');
    expect(result.stdout).toMatch(/nothing to turn on in the local\s+console/);
  });
});
