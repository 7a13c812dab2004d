import type { App } from '@slack/bolt';
import { afterAcks } from '../after-ack';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';

/** `/docker …`: ack at once, then let the router answer through the response_url. */
export function registerDockerCommand(app: App, deps: SlackDeps): void {
  app.command('/docker', async ({ ack, command, client }) => {
    await ack();
    await afterAcks();
    const output = responseOutput(command.response_url, client, command.channel_id, deps.logger);
    try {
      await deps.router.dispatch(
        {
          text: command.text ?? '',
          userId: command.user_id,
          channelId: command.channel_id,
          teamId: command.team_id,
        },
        output,
      );
    } catch (error) {
      await reportError(error, output, deps.logger, '/docker');
    }
  });
}
