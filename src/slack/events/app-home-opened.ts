import type { App } from '@slack/bolt';
import { toSlack } from '../../render/blocks';
import type { SlackDeps } from '../deps';

/** The App Home tab shows the help, so people who open the app see what it can do. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const { blocks } = toSlack(deps.router.help());
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: blocks as never } });
    } catch (error) {
      deps.logger.warn('could not publish the App Home view', { error });
    }
  });
}
