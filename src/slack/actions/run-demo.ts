import type { App, BlockButtonAction } from '@slack/bolt';
import { RUN_DEMO_ACTION } from '../../demos/service';
import type { SlackDeps } from '../deps';
import { reportError } from '../errors';
import { responseOutput } from '../output';

/** Run the demo: the same as typing `/docker demo <id>`; the button's value is a demo id, checked again. */
export function registerRunDemoAction(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(RUN_DEMO_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const channelId = body.channel?.id ?? '';
    const output = responseOutput(body.response_url, client, channelId, deps.logger);
    try {
      if (!deps.runDemo) {
        await output.send({ text: 'Live demos are not available in this installation.', blocks: [] });
        return;
      }
      const demoId = action.value ?? '';
      await deps.runDemo(
        demoId,
        { text: `demo ${demoId}`, userId: body.user.id, channelId, teamId: body.team?.id },
        output,
      );
    } catch (error) {
      await reportError(error, output, deps.logger, 'Run the demo');
    }
  });
}
