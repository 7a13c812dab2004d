/**
 * The port between the transports (src/slack/, src/console/) and what answers people (src/commands/ and the
 * domains): who asked and where, and how an answer is shown. It sits beside message.ts, the model both
 * renderers share, because every transport implements it and every verb uses it; no part owns it.
 */
import type { Message } from './message';

/** Who asked, and where. Ids are Slack's; the console uses fixed stand-ins. */
export interface CommandRequest {
  /** The text after `/docker`, exactly as typed. */
  text: string;
  userId: string;
  channelId: string;
  teamId?: string;
}

/** `ephemeral`: only the person who asked sees it. `in_channel`: everyone in the conversation does. */
export type Visibility = 'ephemeral' | 'in_channel';

/** A message already shown, which can be edited in place (progress updates). */
export interface Posted {
  update(message: Message): Promise<void>;
  /** At most how many times `update` may be called, when the transport limits it (a response_url takes 5 posts). */
  readonly maxUpdates?: number;
}

/** How a command answers; each transport implements it (Slack: response_url and Web API; console: stdout). */
export interface Output {
  send(message: Message, visibility?: Visibility): Promise<Posted>;
}

/** One verb of `/docker`, with the help lines that describe it. */
export interface Subcommand {
  /** The first word that selects it, e.g. `help`, `demo`. */
  name: string;
  /** Other first words that select it. */
  aliases?: readonly string[];
  /** Help lines: usage (without `/docker `) and what it does. */
  help: readonly { usage: string; summary: string }[];
  /** `args` is the text after the verb, trimmed. */
  run(args: string, request: CommandRequest, output: Output): Promise<void>;
}
