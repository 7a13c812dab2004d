import type { App, BlockAction } from '@slack/bolt';
import { actionIdPattern } from '../../render/blocks';
import type { ActionOutput, ActionRequest } from '../../transport';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { actionOutput, homePress, pressedInHome, pressedValue, pressRequest } from './press';

/**
 * Every action in the registry (src/commands/actions.ts), one listener each: ack at once, then the handler
 * answers through the press's response_url (or, for a press on the App Home, in the presser's DM); a failure
 * is logged and shown politely.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  for (const handler of deps.actions.handlers) {
    app.action<BlockAction>(actionIdPattern(handler.id), async ({ ack, body, action, client }) => {
      await ack();
      let pressed: { request: ActionRequest; output: ActionOutput };
      try {
        pressed = pressedInHome(body)
          ? await homePress(body, client)
          : { request: pressRequest(body), output: actionOutput(body, client, deps.logger) };
      } catch (error) {
        deps.logger.error('could not answer a press on the App Home', { during: handler.name, error });
        return;
      }
      try {
        await handler.handle(pressedValue(action), pressed.request, pressed.output);
      } catch (error) {
        await reportError(error, pressed.output, deps.logger, handler.name);
      }
    });
  }
}
