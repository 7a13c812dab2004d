import type { App } from '@slack/bolt';
import { toSlackView } from '../../render/blocks';
import type { SlackDeps } from '../deps';

/** Opening the App Home tab shows the person's own page, built afresh (or the help, when there is none). */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      const view = deps.home
        ? await deps.home.view({ userId: event.user, teamId: body.team_id })
        : { type: 'home' as const, blocks: deps.router.help().blocks };
      await client.views.publish({ user_id: event.user, view: toSlackView(view) });
    } catch (error) {
      deps.logger.warn('could not publish the App Home view', { error });
    }
  });
}
