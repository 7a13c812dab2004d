import { webApi } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../ops/log';
import { toSlack, toSlackView } from '../render/blocks';
import type { Surfaces } from '../transport';
import { RETRY } from './app';
import { toBoltLogger } from './logger';

/** The channel id of the direct message between the bot and a person (conversations.open, scope im:write). */
export async function openDirect(client: WebClient, userId: string, token?: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId, token });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

export interface SurfacesOptions {
  /** The bot token, or how to get the current workspace's (many workspaces: from its installation). */
  token: BotToken;
  /** The current workspace, so cached DM channels stay per workspace ('' with one). */
  team?: () => string;
  apiUrl?: string;
  logger: Logger;
  /** How the client reaches Slack (counting fetch for metrics); the global fetch by default. */
  fetch?: webApi.FetchFunction;
}

/**
 * Surfaces on the Web API, with a client of its own (retries as the app's do): the tour's DM message,
 * edits by reference (the tour, a channel quiz's tally) and the App Home.
 */
export function slackSurfaces(options: SurfacesOptions): Surfaces {
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: options.apiUrl,
    retryConfig: RETRY,
    logger: toBoltLogger(options.logger),
    fetch: options.fetch,
  });
  const token = tokenOf(options.token);
  const dms = new Map<string, string>();
  return {
    async postDirect(userId, message) {
      const bot = await token();
      const key = `${options.team?.() ?? ''}:${userId}`;
      let channel = dms.get(key);
      if (!channel) {
        channel = await openDirect(client, userId, bot);
        dms.set(key, channel);
      }
      const posted = await client.chat.postMessage({
        token: bot,
        channel,
        ...toSlack(message),
        unfurl_links: false,
      });
      return { channel: (posted.channel as string | undefined) ?? channel, ts: posted.ts as string };
    },
    async update(ref, message) {
      await client.chat.update({
        token: await token(),
        channel: ref.channel,
        ts: ref.ts,
        ...toSlack(message),
      });
    },
    async publishHome(userId, view) {
      await client.views.publish({ token: await token(), user_id: userId, view: toSlackView(view) });
    },
  };
}

/** A bot token, or how to find the current workspace's (with many workspaces, each has its own). */
export type BotToken = string | (() => Promise<string>);

export const tokenOf = (token: BotToken): (() => Promise<string>) =>
  typeof token === 'string' ? async () => token : token;
