import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerAnswerInsteadAction } from './answer-instead';
import { registerExplainTipAction } from './explain-tip';
import { registerFeedbackAction } from './feedback';
import { registerNextTipAction } from './next-tip';
import { registerRunDemoAction } from './run-demo';
import { registerShareAction } from './share';

export function registerActions(app: App, deps: SlackDeps): void {
  registerShareAction(app, deps);
  registerNextTipAction(app, deps);
  registerExplainTipAction(app, deps);
  registerFeedbackAction(app, deps);
  registerAnswerInsteadAction(app, deps);
  registerRunDemoAction(app, deps);
}
