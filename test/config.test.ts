import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';
import { expectOneLineNaming } from './helpers/config-error';
import { thrown } from './helpers/thrown';

const secret = 'abcdef0123456789abcdef0123456789';

const errorFor = (env: Record<string, string>) => thrown(ConfigError, () => loadConfig(env));

describe('loadConfig', () => {
  it('defaults to the local console with no Slack credentials', () => {
    const config = loadConfig({});
    expect(config.transport).toBe('console');
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('warn');
    expect(config.dataDir).toMatch(/data$/);
  });

  it('chooses HTTP mode with a bot token and a signing secret', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: secret,
      PORT: '8080',
    });
    expect(config.transport).toBe('http');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('info');
  });

  it('chooses Socket Mode when an app token is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-abc' }).transport).toBe(
      'socket',
    );
  });

  it('takes LOG_LEVEL as given in any mode', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: ' ', PORT: '' }).transport).toBe('console');
  });

  it('adds the trailing slash the Web API client expects to SLACK_API_URL', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:9999/api/',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /whole number/],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ PORT: '-1' }, 'PORT', /whole number/],
    [{ SLACK_BOT_TOKEN: 'xoxp-1-2-user-token', SLACK_SIGNING_SECRET: secret }, 'SLACK_BOT_TOKEN', /xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xoxb-1-2' }, 'SLACK_APP_TOKEN', /xapp-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2' }, 'SLACK_SIGNING_SECRET', /required in HTTP mode/],
    [{ SLACK_APP_TOKEN: 'xapp-1-2' }, 'SLACK_BOT_TOKEN', /required with SLACK_APP_TOKEN/],
    [{ SLACK_SIGNING_SECRET: secret }, 'SLACK_BOT_TOKEN', /required/],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'has spaces in it!' },
      'SLACK_SIGNING_SECRET',
      /signing secret/,
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /debug, info, warn, error/],
    [{ SLACK_API_URL: 'ftp://example.com' }, 'SLACK_API_URL', /http/],
  ])('%j is refused with one line naming %s', (env, variable, problem) => {
    expectOneLineNaming(errorFor(env), variable, problem);
  });

  it('never repeats a secret in its error', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_SIGNING_SECRET: secret });
    expect(error.message).not.toContain('secret-value');
  });

  it('shows the bad value for plain settings', () => {
    expect(errorFor({ PORT: 'abc' }).message).toBe('PORT must be a whole number from 0 to 65535 (got "abc")');
  });
});
