import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { actionOutput, pressedValue, pressRequest } from './press';

/**
 * Every action in the registry (src/commands/actions.ts), one listener each: ack at once, then the handler
 * answers through the press's response_url; a failure is logged and shown politely.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  for (const handler of deps.actions.handlers) {
    app.action<BlockAction>(handler.id, async ({ ack, body, action, client }) => {
      await ack();
      const output = actionOutput(body, client, deps.logger);
      try {
        await handler.handle(pressedValue(action), pressRequest(body), output);
      } catch (error) {
        await reportError(error, output, deps.logger, handler.name);
      }
    });
  }
}
