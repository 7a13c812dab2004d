import type { CommandRouter } from '../commands/router';
import type { ShareRegistry } from '../commands/share';
import type { CommandRequest, Output } from '../commands/types';
import type { QuestionAnswerer } from '../explain/ask';
import type { ListenChannels } from '../explain/ports';
import type { Logger } from '../log';
import type { Message } from '../message';

/** What the Slack listeners need from the domains; built once in the composition root. */
export interface SlackDeps {
  router: CommandRouter;
  shares: ShareRegistry;
  /** Questions in mentions, DMs and listened channels, and feedback on answers. */
  answerer: QuestionAnswerer;
  listening: ListenChannels;
  logger: Logger;
  /** What the tip buttons (Next tip, Explain more) answer with. */
  tips?: {
    next(userId: string): Promise<Message | undefined>;
    explain(topicId: string): Message | undefined;
  };
  /** Extra fields for GET /healthz (e.g. whether the sandbox answers). */
  health?: () => Record<string, unknown>;
  /** Runs a live demo by id (the Run the demo button); ids outside the catalogue get a polite answer. */
  runDemo?: (demoId: string, request: CommandRequest, output: Output) => Promise<void>;
}
