import type { WebClient } from '@slack/web-api';
import type { Message } from '../message';
import type { Logger } from '../ops/log';
import { toSlack } from '../render/blocks';
import type { Output, Posted, Visibility } from '../transport';
import { messageBody, postToResponseUrl } from './response-url';

/** Web API errors that mean "the bot cannot post in this conversation", so we answer through response_url. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Slack accepts at most this many posts to one response_url. */
const RESPONSE_URL_USES = 5;

function apiError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Answers a slash command or a button press. Ephemeral messages go through the request's response_url;
 * channel messages through chat.postMessage (editable with chat.update), or the response_url when the bot
 * is not a member of the conversation.
 */
export function responseOutput(
  responseUrl: string,
  client: WebClient,
  channelId: string,
  logger: Logger,
): Output {
  const viaResponseUrl = async (message: Message, visibility: Visibility): Promise<Posted> => {
    await postToResponseUrl(responseUrl, messageBody(message, visibility, false));
    return {
      maxUpdates: RESPONSE_URL_USES - 1,
      update: async (next) => {
        await postToResponseUrl(responseUrl, messageBody(next, visibility, true));
      },
    };
  };
  return {
    async send(message, visibility = 'ephemeral') {
      if (visibility === 'ephemeral') return viaResponseUrl(message, visibility);
      try {
        const posted = await client.chat.postMessage({ channel: channelId, ...toSlack(message) });
        const ts = posted.ts as string;
        const channel = (posted.channel as string | undefined) ?? channelId;
        return {
          update: async (next) => {
            await client.chat.update({ channel, ts, ...toSlack(next) });
          },
        };
      } catch (error) {
        const code = apiError(error);
        if (!code || !CANNOT_POST.has(code)) throw error;
        logger.debug('chat.postMessage failed; answering through response_url', { channel: channelId, code });
        return viaResponseUrl(message, visibility);
      }
    },
  };
}
