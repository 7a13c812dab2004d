import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from '../ops/log';
import type { InstallationKey, InstallationTable } from '../store/installations';
import { seal, unseal } from './seal';

/** Raised when a workspace asks for something and the app is not (or no longer) installed there. */
export class NotInstalled extends Error {
  override readonly name = 'NotInstalled';
}

/** Which row an installation (or a query for one) lives in: by workspace, or by org for an org-wide install. */
function keyOf(query: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string;
  teamId?: string;
}): InstallationKey {
  return query.isEnterpriseInstall
    ? { enterpriseId: query.enterpriseId ?? '', teamId: '' }
    : { enterpriseId: '', teamId: query.teamId ?? '' };
}

const context = (key: InstallationKey) => `slack-installation:${key.enterpriseId}:${key.teamId}`;

export interface SealedInstallations extends InstallationStore {
  /** The bot token of a workspace the app is installed in; NotInstalled when it is not. */
  botToken(teamId: string): Promise<string>;
}

/**
 * Bolt's InstallationStore on the app's database: each installation (bot token, any user or refresh token
 * with it) is sealed with SLACK_TOKEN_ENCRYPTION_KEY before it is stored and opened when Bolt authorizes a
 * request. Logs say which workspace, never a token.
 */
export function sealedInstallations(
  table: InstallationTable,
  key: Buffer,
  logger: Logger,
): SealedInstallations {
  const fetch = async (query: InstallationQuery<boolean>): Promise<Installation> => {
    const where = keyOf(query);
    const sealed = await table.get(where);
    if (!sealed)
      throw new NotInstalled(
        `Docker Explainer is not installed in ${where.teamId || where.enterpriseId || 'that workspace'}`,
      );
    return JSON.parse(unseal(sealed, key, context(where))) as Installation;
  };
  return {
    async storeInstallation(installation) {
      const where = keyOf({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await table.put(where, seal(JSON.stringify(installation), key, context(where)), new Date());
      logger.info('installed in a workspace', {
        team: where.teamId || undefined,
        enterprise: where.enterpriseId || undefined,
        name: installation.team?.name ?? installation.enterprise?.name,
      });
    },
    fetchInstallation: fetch,
    async deleteInstallation(query) {
      await table.remove(keyOf(query));
    },
    async botToken(teamId) {
      const installation = await fetch({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      const token = installation.bot?.token;
      if (!token) throw new NotInstalled(`the installation in ${teamId} has no bot token`);
      return token;
    },
  };
}
