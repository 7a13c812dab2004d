import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { firstDelivery, SeenEvents } from '../seen-events';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';
import { registerMessage } from './message';
import { registerUninstall } from './uninstall';

export function registerEvents(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
  registerUninstall(app, deps);
  const first = firstDelivery(
    deps.deliveries,
    deps.logger.child('events'),
    new SeenEvents(undefined, undefined, undefined, () => deps.metrics?.eventsDropped.inc()),
  );
  registerAppMention(app, deps, first);
  registerMessage(app, deps, first);
}
