import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { SeenEvents } from '../seen-events';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';
import { registerMessage } from './message';

export function registerEvents(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
  const seen = new SeenEvents(undefined, undefined, undefined, () => deps.metrics?.eventsDropped.inc());
  registerAppMention(app, deps, seen);
  registerMessage(app, deps, seen);
}
