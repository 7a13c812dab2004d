import { webApi } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../ops/log';
import { toSlack, toSlackView } from '../render/blocks';
import type { Surfaces } from '../transport';
import { RETRY } from './app';
import { toBoltLogger } from './logger';

/** The channel id of the direct message between the bot and a person (conversations.open, scope im:write). */
export async function openDirect(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

export interface SurfacesOptions {
  token: string;
  apiUrl?: string;
  logger: Logger;
}

/**
 * Surfaces on the Web API, with a client of its own (retries as the app's do): the tour's DM message,
 * edits by reference (the tour, a channel quiz's tally) and the App Home.
 */
export function slackSurfaces(options: SurfacesOptions): Surfaces {
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: RETRY,
    logger: toBoltLogger(options.logger),
  });
  const dms = new Map<string, string>();
  return {
    async postDirect(userId, message) {
      let channel = dms.get(userId);
      if (!channel) {
        channel = await openDirect(client, userId);
        dms.set(userId, channel);
      }
      const posted = await client.chat.postMessage({ channel, ...toSlack(message), unfurl_links: false });
      return { channel: (posted.channel as string | undefined) ?? channel, ts: posted.ts as string };
    },
    async update(ref, message) {
      await client.chat.update({ channel: ref.channel, ts: ref.ts, ...toSlack(message) });
    },
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view: toSlackView(view) });
    },
  };
}
