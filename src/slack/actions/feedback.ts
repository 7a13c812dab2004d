import type { App, BlockButtonAction } from '@slack/bolt';
import { FEEDBACK_DOWN, FEEDBACK_UP } from '../../explain/reply';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';

/** 👍 / 👎 on an answer: store the vote (one per person, a second press changes it) and say so quietly. */
export function registerFeedbackAction(app: App, deps: SlackDeps): void {
  for (const [action, helpful] of [
    [FEEDBACK_UP, true],
    [FEEDBACK_DOWN, false],
  ] as const) {
    app.action<BlockButtonAction>(action, async ({ ack, body, action: pressed, client }) => {
      await ack();
      const output = responseOutput(body.response_url, client, body.channel?.id ?? '', deps.logger);
      try {
        const ref = Number(pressed.value);
        const message = Number.isSafeInteger(ref)
          ? await deps.answerer.feedback(ref, body.user.id, helpful)
          : { text: 'That answer cannot be rated.', blocks: [] };
        await output.send(message, 'ephemeral');
      } catch (error) {
        await reportError(error, output, deps.logger, 'feedback');
      }
    });
  }
}
