import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';
import { expectOneLineNaming } from './helpers/config-error';
import { thrown } from './helpers/thrown';

const KEY = randomBytes(32);
const OAUTH = {
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'c0ffeec0ffeec0ffeec0ffeec0ffee00',
  SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
  SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
  SLACK_TOKEN_ENCRYPTION_KEY: KEY.toString('hex'),
};

const errorFor = (env: Record<string, string>) => thrown(ConfigError, () => loadConfig(env));

describe('OAuth settings (many workspaces)', () => {
  it('choose HTTP mode with no bot token, and read the key as hex or base64', () => {
    const config = loadConfig(OAUTH);
    expect(config.transport).toBe('http');
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.oauth?.encryptionKey.equals(KEY)).toBe(true);
    const base64 = loadConfig({ ...OAUTH, SLACK_TOKEN_ENCRYPTION_KEY: KEY.toString('base64') });
    expect(base64.slack.oauth?.encryptionKey.equals(KEY)).toBe(true);
  });

  it('leave single-workspace mode as it was when unset', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: OAUTH.SLACK_SIGNING_SECRET }).slack
        .oauth,
    ).toBeUndefined();
  });

  it.each([
    [{ SLACK_CLIENT_SECRET: '' }, 'SLACK_CLIENT_SECRET', /required with SLACK_CLIENT_ID/],
    [{ SLACK_CLIENT_ID: '' }, 'SLACK_CLIENT_ID', /required with SLACK_CLIENT_SECRET/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }, 'SLACK_BOT_TOKEN', /must be unset with OAuth/],
    [{ SLACK_APP_TOKEN: 'xapp-1-A1-abc' }, 'SLACK_APP_TOKEN', /many workspaces need HTTP mode/],
    [{ SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET', /required with OAuth/],
    [{ SLACK_STATE_SECRET: '' }, 'SLACK_STATE_SECRET', /required with OAuth/],
    [
      { SLACK_TOKEN_ENCRYPTION_KEY: '' },
      'SLACK_TOKEN_ENCRYPTION_KEY',
      /required with OAuth.*openssl rand -hex 32/,
    ],
    [{ SLACK_TOKEN_ENCRYPTION_KEY: 'ab'.repeat(31) }, 'SLACK_TOKEN_ENCRYPTION_KEY', /must be 32 bytes/],
    [
      { SLACK_TOKEN_ENCRYPTION_KEY: randomBytes(16).toString('base64') },
      'SLACK_TOKEN_ENCRYPTION_KEY',
      /must be 32 bytes/,
    ],
    [{ SLACK_CLIENT_ID: 'my-app' }, 'SLACK_CLIENT_ID', /client ID/],
    [{ TIP_CHANNELS: 'C0123ABCD' }, 'TIP_CHANNELS', /with OAuth .* \/docker tips on/],
  ])('refuse %j with one line naming %s', (change, variable, problem) => {
    const error = errorFor({ ...OAUTH, ...change });
    expectOneLineNaming(error, variable, problem);
  });

  it('never repeat the key or a secret in an error', () => {
    const bad = 'zz'.repeat(32);
    expect(errorFor({ ...OAUTH, SLACK_TOKEN_ENCRYPTION_KEY: bad }).message).not.toContain(bad);
  });

  it('refuse the OAuth-only settings without OAuth', () => {
    expectOneLineNaming(
      errorFor({ SLACK_TOKEN_ENCRYPTION_KEY: OAUTH.SLACK_TOKEN_ENCRYPTION_KEY }),
      'SLACK_TOKEN_ENCRYPTION_KEY',
      /only used with OAuth/,
    );
  });
});
