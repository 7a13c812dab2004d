import type { App } from '@slack/bolt';
import { toSlackView } from '../../render/blocks';
import type { SlackDeps } from '../deps';

/** The App Home tab shows the help, so people who open the app see what it can do. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const view = toSlackView({ type: 'home', blocks: deps.router.help().blocks });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      deps.logger.warn('could not publish the App Home view', { error });
    }
  });
}
