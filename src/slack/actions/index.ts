import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerFeedbackAction } from './feedback';
import { registerShareAction } from './share';

export function registerActions(app: App, deps: SlackDeps): void {
  registerShareAction(app, deps);
  registerFeedbackAction(app, deps);
}
