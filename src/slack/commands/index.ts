import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerDockerCommand } from './docker';

export function registerCommands(app: App, deps: SlackDeps): void {
  registerDockerCommand(app, deps);
}
