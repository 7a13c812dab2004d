import type { App, BlockButtonAction } from '@slack/bolt';
import { toSlack } from '../../render/blocks';
import { NEXT_TIP_ACTION } from '../../tips/message';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';
import { postToResponseUrl } from '../response-url';

/** Next tip: the presser's next tip, privately; it replaces a private tip, and never touches a channel post. */
export function registerNextTipAction(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(NEXT_TIP_ACTION, async ({ ack, body, client }) => {
    await ack();
    const output = responseOutput(body.response_url, client, body.channel?.id ?? '', deps.logger);
    try {
      const message = await deps.tips?.next(body.user.id);
      if (!message) {
        await output.send({ text: 'There are no more tips to show right now.', blocks: [] });
        return;
      }
      const replace = body.container?.is_ephemeral === true;
      await postToResponseUrl(body.response_url, {
        response_type: 'ephemeral',
        replace_original: replace,
        ...toSlack(message),
      });
    } catch (error) {
      await reportError(error, output, deps.logger, 'Next tip');
    }
  });
}
