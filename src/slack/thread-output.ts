import type { WebClient } from '@slack/web-api';
import type { Message } from '../message';
import { toSlack } from '../render/blocks';
import type { Output, Posted } from '../transport';

/**
 * Answers in a conversation through the Web API: public messages with chat.postMessage (in the thread when
 * `threadTs` is set), private ones with chat.postEphemeral to the person who asked.
 */
export function threadOutput(client: WebClient, channel: string, user: string, threadTs?: string): Output {
  return {
    async send(message: Message, visibility = 'in_channel'): Promise<Posted> {
      const thread = threadTs ? { thread_ts: threadTs } : {};
      if (visibility === 'ephemeral') {
        await client.chat.postEphemeral({ channel, user, ...thread, ...toSlack(message) });
        return { update: async () => undefined };
      }
      const posted = await client.chat.postMessage({ channel, ...thread, ...toSlack(message) });
      const ts = posted.ts as string;
      return {
        update: async (next) => {
          await client.chat.update({ channel, ts, ...toSlack(next) });
        },
      };
    },
  };
}
