import type { CommandRouter } from '../commands/router';
import type { ShareRegistry } from '../commands/share';
import type { CommandRequest, Output } from '../commands/types';
import type { Logger } from '../log';

/** What the Slack listeners need from the domains; built once in the composition root. */
export interface SlackDeps {
  router: CommandRouter;
  shares: ShareRegistry;
  logger: Logger;
  /** Extra fields for GET /healthz (e.g. whether the sandbox answers). */
  health?: () => Record<string, unknown>;
  /** Runs a live demo by id (the Run the demo button); ids outside the catalogue get a polite answer. */
  runDemo?: (demoId: string, request: CommandRequest, output: Output) => Promise<void>;
}
