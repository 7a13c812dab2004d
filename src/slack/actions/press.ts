import type { BlockAction, BlockElementAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../ops/log';
import { toSlack } from '../../render/blocks';
import type { ActionOutput, ActionRequest } from '../../transport';
import { responseOutput } from '../output';
import { messageBody, postToResponseUrl } from '../response-url';

/** Who pressed, where, and whether the button is in a message only they see. */
export function pressRequest(body: BlockAction): ActionRequest {
  return {
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    teamId: body.team?.id,
    inPrivateMessage: body.container?.is_ephemeral === true,
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
