import { BOT_SCOPES } from '../../src/slack/oauth';
import type { envelope } from './events';

/** Many workspaces: the app started with OAuth settings and no bot token. */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'c0ffeec0ffeec0ffeec0ffeec0ffee00',
  SLACK_STATE_SECRET: 'state-secret-for-the-tests-only',
  SLACK_TOKEN_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};

export const T1 = 'T0WORKSP01';
export const T2 = 'T0WORKSP02';

/**
 * Installs the app in `team` as a browser would: /slack/install at `startUrl`, Slack's approval, then
 * /slack/oauth_redirect at `finishUrl` (another replica behind the same load balancer, or the same app).
 */
export async function browserInstall(
  startUrl: string,
  team: string,
  finishUrl = startUrl,
  code = `code-${team}`,
): Promise<Response> {
  const start = await fetch(`${startUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
  expect(authorize.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
  expect(authorize.searchParams.get('scope')?.split(',').sort()).toEqual([...BOT_SCOPES].sort());
  const state = authorize.searchParams.get('state') ?? '';
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(start.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBe(state);
  // Slack sends the browser back with a code and the state; the browser sends the cookie it was given.
  return fetch(`${finishUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: `slack-app-oauth-state=${cookie}` },
  });
}

/** An event from `team`, as Slack sends it to an app installed there. */
export function fromTeam<T extends ReturnType<typeof envelope>>(body: T, team: string): T {
  return { ...body, team_id: team, authorizations: [{ team_id: team, user_id: 'UBOT0001', is_bot: true }] };
}
