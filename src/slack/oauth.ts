import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, InstallationStore } from '@slack/bolt';
import type { OAuthConfig } from '../config';
import type { Logger } from '../ops/log';

/**
 * The bot scopes the app asks for when a workspace installs it: the same list as manifest.yml's
 * (test/manifest.test.ts holds the two together).
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'app_mentions:read',
  'im:history',
  'im:write',
  'channels:history',
  'groups:history',
] as const;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** What a failed install says to the person in the browser, by Bolt's error code: plain words, no trace. */
const FAILURES: Record<string, string> = {
  slack_oauth_missing_state: 'The link was not started from this app’s install page.',
  slack_oauth_invalid_state:
    'The install link has expired or was opened in another browser. Start again from the install page.',
  slack_oauth_missing_code: 'Slack did not send back an approval (the install may have been cancelled).',
  slack_oauth_installer_authorization_error: 'The install was cancelled in Slack.',
};

/**
 * HTTPReceiver's OAuth options for many workspaces: `/slack/install` sends the browser to Slack's authorize
 * page with a signed state (and the same state in a cookie), `/slack/oauth_redirect` checks both, exchanges
 * the code with oauth.v2.access (on SLACK_API_URL) and stores the installation through `installationStore`.
 */
export function oauthReceiverOptions(
  oauth: OAuthConfig,
  installationStore: InstallationStore,
  clientOptions: { slackApiUrl?: string },
  logger: Logger,
): Partial<HTTPReceiverOptions> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      stateVerification: true,
      clientOptions,
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          const name = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
          page(
            res,
            200,
            'Docker Explainer is installed',
            `Docker Explainer is now in ${name}. Type /docker help in any channel to begin.`,
          );
        },
        failure: (error, _options, _req: IncomingMessage, res) => {
          const known = FAILURES[error.code];
          logger.warn('an install did not finish', { code: error.code, reason: error.message });
          page(
            res,
            known ? 400 : 502,
            'The install did not finish',
            `${known ?? 'Slack did not accept the install (the approval could not be exchanged for a token).'} Try again from ${INSTALL_PATH}.`,
          );
        },
      },
    },
  };
}

function page(res: ServerResponse, status: number, title: string, words: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${html(title)}</title></head>` +
      `<body><h1>${html(title)}</h1><p>${html(words)}</p></body></html>`,
  );
}

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
