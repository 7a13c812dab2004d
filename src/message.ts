import { plainText } from './markup';

/**
 * The plain message model every domain answers with. Text fields hold the content's Markdown subset
 * (`**bold**`, `_italic_`, `` `code` ``, fenced code, `- ` lists, `[text](https://…)`); the renderers
 * turn it into Slack mrkdwn or terminal text, and escape it for Slack.
 */
export type Block =
  | { type: 'header'; text: string }
  | { type: 'markdown'; text: string }
  | {
      type: 'comparison';
      left: string;
      right: string;
      rows: { aspect: string; left: string; right: string }[];
    }
  /** A small grey line; `byUser` (a Slack user id) is shown as a mention before the text. */
  | { type: 'context'; text: string; byUser?: string }
  | { type: 'divider' }
  | { type: 'actions'; buttons: Button[] }
  /** Channels, shown as links to them (`ids` are Slack channel ids; others are left out). */
  | { type: 'channels'; label: string; ids: string[] }
  /** Label–value pairs side by side (a summary, a score): a rich layout without images. At most 10. */
  | { type: 'fields'; fields: { label: string; text: string }[] }
  /**
   * A question with options, as a drop-down (`select`) or radio buttons (`radio`): picking one sends `action`
   * with that option's value. `hint` says what to type instead, for transports without controls.
   */
  | {
      type: 'choice';
      text: string;
      action: string;
      control: 'select' | 'radio';
      options: Choice[];
      placeholder?: string;
      /** The value picked already, if any. */
      initial?: string;
      hint?: string;
    };

/** One option of a select or of radio buttons. */
export interface Choice {
  label: string;
  /** Opaque reference the action handler understands (never user text). */
  value: string;
  description?: string;
}

/** A surface rather than a message: the App Home tab, or a modal dialog. */
export type View =
  | { type: 'home'; blocks: Block[] }
  | {
      type: 'modal';
      title: string;
      blocks: Block[];
      submit?: string;
      close?: string;
      /** What a submission is routed on. */
      callbackId?: string;
      /** Opaque state handed back with the submission. */
      privateMetadata?: string;
    };

export interface Button {
  /** The action id a transport routes on. */
  action: string;
  label: string;
  /** Opaque reference the action handler understands (never user text). */
  value: string;
  style?: 'primary' | 'danger';
  /** What to type instead, for transports without buttons (the console). */
  hint?: string;
}

export interface Message {
  /** Plain fallback used for notifications and by clients that cannot show blocks. */
  text: string;
  blocks: Block[];
}

/**
 * Makes text a user typed safe to show inside our Markdown: cleaned of Slack markup (no mentions, channel or
 * link markup, no entities), one line, bounded, shown as code.
 */
export function quoteUserText(text: string, max = 60): string {
  const oneLine = plainText(text);
  const chars = Array.from(oneLine);
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : oneLine;
  return `\`${short}\``;
}
