import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';

describe('QUESTION_RETENTION_DAYS', () => {
  it('defaults to 90 days and takes a whole number of days', () => {
    expect(loadConfig({}).questionRetentionDays).toBe(90);
    expect(loadConfig({ QUESTION_RETENTION_DAYS: '' }).questionRetentionDays).toBe(90);
    expect(loadConfig({ QUESTION_RETENTION_DAYS: '7' }).questionRetentionDays).toBe(7);
  });

  it.each(['0', '-3', 'forever', '3651', '1.5'])('refuses %j with one line naming the variable', (value) => {
    expect(() => loadConfig({ QUESTION_RETENTION_DAYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ QUESTION_RETENTION_DAYS: value })).toThrow(
      /^QUESTION_RETENTION_DAYS must be a whole number of days from 1 to 3650 \(got ".*"\)$/,
    );
  });
});
