import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';

/**
 * `app_uninstalled`, and `tokens_revoked` for the bot token: the workspace is gone, so is everything the app
 * kept for it (its installation, its rows in every table), in one transaction. Bolt lets these two events
 * through even when the installation can no longer authorize them. Many workspaces only.
 */
export function registerUninstall(app: App, deps: SlackDeps): void {
  const forgetTeam = deps.forgetTeam;
  if (!forgetTeam) return;
  const forget = async (team: string | undefined, why: string) => {
    if (!team) {
      deps.logger.warn(`${why} without a workspace id; nothing deleted`);
      return;
    }
    try {
      const rows = await forgetTeam(team);
      deps.logger.info(`${why}: the workspace's installation and data are deleted`, { team, rows });
    } catch (error) {
      deps.logger.error(`${why}: could not delete the workspace's data`, { team, error });
    }
  };
  app.event('app_uninstalled', async ({ body }) => {
    await forget(body.team_id, 'app uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // A revoked user token (none is kept) changes nothing; the bot token is what every answer needs.
    if (!event.tokens.bot?.length) return;
    await forget(body.team_id, 'bot token revoked');
  });
}
