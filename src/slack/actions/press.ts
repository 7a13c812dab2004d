import type { BlockAction, BlockElementAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Message } from '../../message';
import type { Logger } from '../../ops/log';
import { toSlack } from '../../render/blocks';
import type { ActionOutput, ActionRequest, Output } from '../../transport';
import { responseOutput } from '../output';
import { messageBody, postToResponseUrl } from '../response-url';
import { openDirect } from '../surfaces';

/** Who pressed, where, and whether the button is in a message only they see. */
export function pressRequest(body: BlockAction): ActionRequest {
  const inPrivateMessage = body.container?.is_ephemeral === true;
  const messageTs: unknown = body.container?.message_ts;
  return {
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    teamId: body.team?.id,
    inPrivateMessage,
    ...(!inPrivateMessage && typeof messageTs === 'string' ? { messageTs } : {}),
  };
}

/** Whether a press came from the App Home (a view), which has no conversation and no response_url. */
export const pressedInHome = (body: BlockAction): boolean => !body.response_url;

/**
 * A press on the App Home is answered in the presser's DM with the bot: what a button elsewhere would show
 * privately or in place is posted there (only they and the bot are in it); messages stay editable.
 */
export async function homePress(
  body: BlockAction,
  client: WebClient,
): Promise<{ request: ActionRequest; output: ActionOutput }> {
  const channel = await openDirect(client, body.user.id);
  const output: Output = {
    async send(message) {
      const posted = await client.chat.postMessage({ channel, ...toSlack(message), unfurl_links: false });
      const ts = posted.ts as string;
      return {
        update: async (next) => {
          await client.chat.update({ channel, ts, ...toSlack(next) });
        },
      };
    },
  };
  const post = async (message: Message) => void (await output.send(message));
  return {
    request: { ...pressRequest(body), channelId: channel, inPrivateMessage: false },
    output: { send: output.send, replace: post, share: post },
  };
}

/** A button's value, or the value of the option picked in a select or radio buttons. */
export function pressedValue(action: BlockElementAction): string {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && action.selected_option) return action.selected_option.value ?? '';
  return '';
}

/**
 * Answers a press through its response_url: new messages as a command's are (responseOutput); `replace` edits
 * the message the button is in (replace_original, keeping a private one private); `share` posts for the
 * whole channel through the same URL (the bot need not be a member) and then deletes the private original.
 */
export function actionOutput(body: BlockAction, client: WebClient, logger: Logger): ActionOutput {
  const url = body.response_url;
  const output = responseOutput(url, client, body.channel?.id ?? '', logger);
  const inPrivate = body.container?.is_ephemeral === true;
  return {
    send: output.send,
    async replace(message) {
      await postToResponseUrl(
        url,
        inPrivate ? messageBody(message, 'ephemeral', true) : { replace_original: true, ...toSlack(message) },
      );
    },
    async share(message) {
      await postToResponseUrl(url, messageBody(message, 'in_channel', false));
      await postToResponseUrl(url, { delete_original: true });
    },
  };
}
