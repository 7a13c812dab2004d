import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerRunDemoAction } from './run-demo';
import { registerShareAction } from './share';

export function registerActions(app: App, deps: SlackDeps): void {
  registerShareAction(app, deps);
  registerRunDemoAction(app, deps);
}
