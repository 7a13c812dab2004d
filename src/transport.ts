/**
 * The port between the transports (src/slack/, src/console/) and what answers people (src/commands/ and the
 * domains): who asked and where, and how an answer is shown. It sits beside message.ts, the model both
 * renderers share, because every transport implements it and every verb uses it; no part owns it.
 */
import type { Message, View } from './message';

/** Who asked, and where. Ids are Slack's; the console uses fixed stand-ins. */
export interface CommandRequest {
  /** The text after `/docker`, exactly as typed. */
  text: string;
  userId: string;
  channelId: string;
  teamId?: string;
}

/** Someone a per-person surface is for (their App Home, their playground): Slack's user and team ids. */
export type Person = Pick<CommandRequest, 'userId' | 'teamId'>;

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

/** A press of a button (or a pick in a select or radio buttons): who pressed it, and where. */
export interface ActionRequest {
  userId: string;
  channelId: string;
  teamId?: string;
  /** Whether the button is in a message only the presser sees. */
  inPrivateMessage: boolean;
  /** The message the button is in (its `ts`), when it is a message everyone in `channelId` sees. */
  messageTs?: string;
}

/** How an action answers: with a message, as a command does, or by changing the message the button is in. */
export interface ActionOutput extends Output {
  /** Shows `message` in place of the message the button is in; a private message stays private. */
  replace(message: Message): Promise<void>;
  /** Posts `message` for everyone in the conversation and removes the private message the button is in. */
  share(message: Message): Promise<void>;
}

/**
 * What one action id does, defined beside the messages that carry its buttons; src/commands/actions.ts
 * gathers every handler in one registry, which each transport reads.
 */
export interface ActionHandler {
  /** The action id its buttons carry; unique in the app. */
  id: string;
  /** What a press does, for logs (e.g. `Share in channel`). */
  name: string;
  /** `value` comes back from the client as the button carried it, so it is checked like typed text. */
  handle(value: string, request: ActionRequest, output: ActionOutput): Promise<void>;
}

/**
 * Deliveries already taken (Slack's event ids), shared by every replica answering for the app, so a delivery
 * Slack retries to another replica is handled once. Without replicas, a transport keeps them in memory.
 */
export interface DeliveryLedger {
  /** True for the first taker of an id; false for every later one. */
  first(id: string, at: Date): Promise<boolean>;
}

/** Where a posted message is, so it can be edited later (and kept in a store across restarts). */
export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * What a feature shows outside a reply to a command or a press: a message in a person's direct message with
 * the bot, edits to a message by its reference, and the person's App Home. Slack implements it
 * (src/slack/surfaces.ts); the console has none, so features fall back to answering through the Output.
 */
export interface Surfaces {
  /** Posts in the direct message between the bot and `userId` (opening it if needed). */
  postDirect(userId: string, message: Message): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
  publishHome(userId: string, view: View): Promise<void>;
}
