import type { App, BlockButtonAction } from '@slack/bolt';
import { SHARE_ACTION } from '../../explain/answers';
import { toSlack } from '../../render/blocks';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';
import { postToResponseUrl } from '../response-url';

/** Share in channel: post the same answer for everyone, saying who shared it, and remove the private copy. */
export function registerShareAction(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(SHARE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const output = responseOutput(body.response_url, client, body.channel?.id ?? '', deps.logger);
    try {
      const message = await deps.shares.resolve(action.value ?? '', body.user.id);
      if (!message) {
        await output.send({
          text: 'That answer is no longer available to share. Ask again with `/docker`.',
          blocks: [],
        });
        return;
      }
      await postToResponseUrl(body.response_url, {
        response_type: 'in_channel',
        replace_original: false,
        ...toSlack(message),
      });
      await postToResponseUrl(body.response_url, { delete_original: true });
    } catch (error) {
      await reportError(error, output, deps.logger, 'Share in channel');
    }
  });
}
