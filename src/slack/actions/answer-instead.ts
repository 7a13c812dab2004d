import type { App, BlockButtonAction } from '@slack/bolt';
import { ANSWER_INSTEAD } from '../../explain/reply';
import { toSlack } from '../../render/blocks';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';
import { postToResponseUrl } from '../response-url';

/**
 * "Or did you mean", a closest section under "not sure", or a pick after 👎: the chosen section replaces the
 * message the button is in (the answer for everyone, or the voter's private list), and the pick is recorded.
 * The value is `<question ref>:<answer id>`; both are checked again.
 */
export function registerAnswerInsteadAction(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ANSWER_INSTEAD, async ({ ack, body, action, client }) => {
    await ack();
    const output = responseOutput(body.response_url, client, body.channel?.id ?? '', deps.logger);
    try {
      const value = action.value ?? '';
      const at = value.indexOf(':');
      const ref = Number(value.slice(0, at));
      const answerId = value.slice(at + 1);
      const message =
        at > 0 && Number.isSafeInteger(ref)
          ? await deps.answerer.choose(ref, answerId, body.user.id)
          : undefined;
      if (!message) {
        await output.send({
          text: 'That question is too old to answer again. Please ask it once more.',
          blocks: [],
        });
        return;
      }
      await postToResponseUrl(body.response_url, { replace_original: true, ...toSlack(message) });
    } catch (error) {
      await reportError(error, output, deps.logger, 'choosing an answer');
    }
  });
}
