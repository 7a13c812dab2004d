import type { App, BlockButtonAction } from '@slack/bolt';
import { EXPLAIN_TIP_ACTION } from '../../tips/message';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';

/** Explain more: the tip's topic, privately, with its own Share button. */
export function registerExplainTipAction(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(EXPLAIN_TIP_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const output = responseOutput(body.response_url, client, body.channel?.id ?? '', deps.logger);
    try {
      const message = deps.tips?.explain(action.value ?? '');
      await output.send(
        message ?? {
          text: 'That topic is no longer available. Type `/docker help` to see every topic.',
          blocks: [],
        },
      );
    } catch (error) {
      await reportError(error, output, deps.logger, 'Explain more');
    }
  });
}
