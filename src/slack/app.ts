import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, type LogLevel } from '@slack/bolt';
import type { Config } from '../config';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import type { SlackDeps } from './deps';
import { registerEvents } from './events';
import { logRequestIds } from './log-fields';
import { toBoltLogger } from './logger';
import { INSTALL_PATH, oauthReceiverOptions } from './oauth';
import { countingFetch } from './web-api-metrics';

export interface RunningSlack {
  transport: 'http' | 'socket';
  /** The port actually listened on (HTTP mode). */
  port?: number;
  app: App;
  stop(): Promise<void>;
}

/** Web API calls retry a few times (429s wait for Retry-After); a late answer is worth less than a clear error. */
export const RETRY = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true };

/** Builds the Bolt app for the configured transport, registers every listener and starts it. */
export async function startSlack(config: Config, deps: SlackDeps): Promise<RunningSlack> {
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: RETRY,
    fetch: deps.metrics && countingFetch(deps.metrics),
  };
  const logLevel = config.logLevel as LogLevel;
  const logger = toBoltLogger(deps.logger.child('slack'));

  if (config.transport === 'socket') {
    const app = new App({
      token: config.slack.botToken,
      appToken: config.slack.appToken,
      socketMode: true,
      convoStore: false,
      clientOptions,
      // The Socket Mode client opens its connection through the Web API too (apps.connections.open).
      installerOptions: { clientOptions },
      logger,
      logLevel,
    });
    register(app, deps);
    await app.start();
    deps.logger.info('connected to Slack in Socket Mode');
    return { transport: 'socket', app, stop: () => app.stop().then(() => undefined) };
  }

  const { oauth } = config.slack;
  if (oauth && !deps.installations) throw new Error('OAuth needs an installation store');
  const receiver = new HTTPReceiver({
    ...(oauth &&
      deps.installations &&
      oauthReceiverOptions(oauth, deps.installations, { slackApiUrl: config.slack.apiUrl }, deps.logger)),
    signingSecret: config.slack.signingSecret ?? '',
    endpoints: '/slack/events',
    logger,
    logLevel,
    customRoutes: Object.entries(deps.opsEndpoints ?? {}).map(([path, handler]) => ({
      path,
      method: ['GET'],
      handler,
    })),
  });
  // With OAuth there is no token here: Bolt authorizes each request from the workspace's installation.
  const app = new App({
    token: oauth ? undefined : config.slack.botToken,
    receiver,
    clientOptions,
    logger,
    logLevel,
    convoStore: false,
  });
  register(app, deps);
  const server = (await app.start(config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  deps.logger.info('listening for Slack', {
    url: `http://0.0.0.0:${port}/slack/events`,
    install: oauth ? `http://0.0.0.0:${port}${INSTALL_PATH}` : undefined,
  });
  return { transport: 'http', port, app, stop: () => app.stop().then(() => undefined) };
}

function register(app: App, deps: SlackDeps): void {
  app.use(logRequestIds);
  const { tenancy } = deps;
  // Many workspaces: everything a request does (its store calls, its posts) is for its own workspace.
  if (tenancy?.mode === 'many')
    app.use(({ context, next }) => {
      const team = context.teamId ?? context.enterpriseId;
      // Without a workspace, a store call throws (NoTeamError) rather than touch any workspace's rows.
      return team ? tenancy.run(team, next) : next();
    });
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  app.error(async (error) => {
    // Many workspaces: a request from a workspace that uninstalled the app (or whose installation cannot be
    // read) is refused by Bolt before any listener runs. Expected, so not an error of ours.
    if (error.code === ErrorCode.AuthorizationError) {
      deps.logger.warn('a request was not authorized: the app is not installed in its workspace', {
        reason: (error as { original?: Error }).original?.message ?? error.message,
      });
      return;
    }
    deps.logger.error('unhandled error in a Slack listener', { error });
  });
}
