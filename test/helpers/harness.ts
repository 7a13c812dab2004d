import { randomUUID } from 'node:crypto';
import { type RunningApp, type StartOptions, startApp } from '../../src/app';
import { createLogger } from '../../src/ops/log';
import { engineEnv } from './docker-engine';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './sign';
import { SlackStub, TEAM_ID } from './slack-stub';
import { tempDir } from './temp-dir';

export interface PostResult {
  status: number;
  body: string;
}

export interface CommandResult extends PostResult {
  /** The id of this command's response_url on the stand-in. */
  responseId: string;
}

export interface TestApp {
  stub: SlackStub;
  app: RunningApp;
  /** Base URL of the app, e.g. http://127.0.0.1:1234 */
  url: string;
  /** Everything the app logged (at debug level). */
  logs: string[];
  /** POSTs a raw body to /slack/events, signed (or not) as the options say. */
  post(
    body: string,
    contentType: string,
    options?: { secret?: string; timestamp?: number; headers?: Record<string, string> },
  ): Promise<PostResult>;
  /** Sends `/docker <text>` as Slack does. */
  command(text: string, options?: { user?: string; channel?: string; team?: string }): Promise<CommandResult>;
  /**
   * Presses a button as Slack does (a signed block_actions payload): by default in a message only the presser
   * sees; `ephemeral: false` with `messageTs` in a message everyone in `channel` sees; `home` on the App Home
   * (no channel, no response_url).
   */
  press(actionId: string, value: string, options?: PressOptions): Promise<CommandResult>;
  stop(): Promise<void>;
}

export interface PressOptions {
  user?: string;
  channel?: string;
  /** Whether the button is in a message only the presser sees (default true). */
  ephemeral?: boolean;
  /** The `ts` of the message the button is in. */
  messageTs?: string;
  /** Pressed on the App Home tab. */
  home?: boolean;
}

/** Starts the real app in HTTP mode on a free 127.0.0.1 port, against a fresh Slack stand-in. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestApp> {
  const stub = await new SlackStub().start();
  const data = tempDir('dx-data-');
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => logs.push(line) });
  const app = await startApp(
    {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: stub.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'debug',
      DATA_DIR: data.dir,
      ...engineEnv(),
      ...env,
    },
    { logger, ...options },
  );
  const url = `http://127.0.0.1:${app.port}`;

  const post: TestApp['post'] = async (body, contentType, opts = {}) => {
    const request = signed(body, contentType, opts);
    const res = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { ...request.headers, ...opts.headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  };

  return {
    stub,
    app,
    url,
    logs,
    post,
    async command(text, opts = {}) {
      const responseId = randomUUID();
      const body = new URLSearchParams({
        token: 'deprecated-verification-token',
        team_id: opts.team ?? TEAM_ID,
        team_domain: 'test',
        channel_id: opts.channel ?? 'C0GENERAL',
        channel_name: 'general',
        user_id: opts.user ?? 'U0ALICE',
        user_name: 'alice',
        command: '/docker',
        text,
        api_app_id: 'A0DOCKER',
        is_enterprise_install: 'false',
        response_url: stub.responseUrl(responseId),
        trigger_id: `${Date.now()}.1234.abcd`,
      }).toString();
      return { ...(await post(body, 'application/x-www-form-urlencoded')), responseId };
    },
    async press(actionId, value, opts = {}) {
      const responseId = randomUUID();
      const channel = opts.channel ?? 'C0GENERAL';
      const user = opts.user ?? 'U0ALICE';
      const where = opts.home
        ? {
            container: { type: 'view', view_id: 'V0HOME' },
            view: { id: 'V0HOME', type: 'home', blocks: [], state: { values: {} } },
          }
        : {
            container: {
              type: 'message',
              message_ts: opts.messageTs ?? '1700000000.000100',
              channel_id: channel,
              is_ephemeral: opts.ephemeral ?? true,
            },
            channel: { id: channel, name: 'general' },
            response_url: stub.responseUrl(responseId),
          };
      const payload = {
        type: 'block_actions',
        user: { id: user, username: 'alice', name: 'alice', team_id: TEAM_ID },
        api_app_id: 'A0DOCKER',
        token: 'deprecated-verification-token',
        trigger_id: `${Date.now()}.1234.abcd`,
        team: { id: TEAM_ID, domain: 'test' },
        is_enterprise_install: false,
        ...where,
        actions: [
          {
            action_id: actionId,
            block_id: 'b1',
            text: { type: 'plain_text', text: 'button', emoji: true },
            value,
            type: 'button',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { ...(await post(body, 'application/x-www-form-urlencoded')), responseId };
    },
    async stop() {
      await app.stop();
      await stub.stop();
      data.cleanup();
    },
  };
}
