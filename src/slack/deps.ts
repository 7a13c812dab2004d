import type { CommandRouter } from '../commands/router';
import type { ShareRegistry } from '../commands/share';
import type { QuestionAnswerer } from '../explain/ask';
import type { ListenChannels } from '../explain/ports';
import type { Message } from '../message';
import type { Logger } from '../ops/log';
import type { OpsHandler } from '../ops/server';
import type { CommandRequest, Output } from '../transport';

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
  /** GET /healthz and the other operations endpoints, served on PORT in HTTP mode. */
  opsEndpoints?: Readonly<Record<string, OpsHandler>>;
  /** Runs a live demo by id (the Run the demo button); ids outside the catalogue get a polite answer. */
  runDemo?: (demoId: string, request: CommandRequest, output: Output) => Promise<void>;
}
