import type { InstallationStore } from '@slack/bolt';
import type { ActionRegistry } from '../commands/actions';
import type { CommandRouter } from '../commands/router';
import type { QuestionAnswerer } from '../explain/ask';
import type { ListenChannels } from '../explain/ports';
import type { View } from '../message';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import type { OpsHandler } from '../ops/server';
import type { Tenancy } from '../tenancy';
import type { DeliveryLedger, Person } from '../transport';

/** What the Slack listeners need from the domains; built once in the composition root. */
export interface SlackDeps {
  router: CommandRouter;
  /** Every button (and select) the app's messages carry, with its handler. */
  actions: ActionRegistry;
  /** Questions in mentions, DMs and listened channels. */
  answerer: QuestionAnswerer;
  listening: ListenChannels;
  /** Event ids taken across replicas (a shared database); without it, each process remembers its own. */
  deliveries?: DeliveryLedger;
  /** Each person's App Home (tour progress, quiz score, topics, demos…); without it, the help. */
  home?: { view(person: Person): Promise<View> };
  logger: Logger;
  /** Where Slack's own counts go: Web API calls, retried events dropped. */
  metrics?: AppMetrics;
  /** GET /healthz and the other operations endpoints, served on PORT in HTTP mode. */
  opsEndpoints?: Readonly<Record<string, OpsHandler>>;
  /** Which workspace a request is for: each request is handled inside its team (many workspaces). */
  tenancy?: Tenancy;
  /** Many workspaces: where installations are kept (sealed), for Bolt's OAuth and authorize. */
  installations?: InstallationStore;
  /** Many workspaces: deletes a workspace's installation and data (uninstall, bot token revoked). */
  forgetTeam?: (team: string) => Promise<number>;
}
