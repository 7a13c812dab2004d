import type { Block, Button, Choice, Message, View } from '../message';
import { type Inline, type Line, parseLines } from './markdown';

/** Slack's limits for the blocks we use. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  blocks: 50,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  fields: 10,
  modalTitle: 24,
};

/** Escapes the three characters Slack treats as markup, so text can never mention or link anyone. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inlineToMrkdwn(part: Inline): string {
  switch (part.kind) {
    case 'text':
      return escapeSlack(part.text);
    case 'bold':
      return `*${escapeSlack(part.text)}*`;
    case 'italic':
      return `_${escapeSlack(part.text)}_`;
    case 'code':
      return `\`${escapeSlack(part.text)}\``;
    case 'link':
      return `<${part.url.replace(/[|<>]/g, encodeURIComponent)}|${escapeSlack(part.text).replace(/\|/g, '/')}>`;
  }
}

function lineToMrkdwn(line: Line): string {
  switch (line.kind) {
    case 'code':
      return `\`\`\`\n${line.lines.map(escapeSlack).join('\n')}\n\`\`\``;
    case 'bullet':
      return `• ${line.inline.map(inlineToMrkdwn).join('')}`;
    case 'numbered':
      return `${line.number}. ${line.inline.map(inlineToMrkdwn).join('')}`;
    case 'paragraph':
      return line.inline.map(inlineToMrkdwn).join('');
    case 'blank':
      return '';
  }
}

/** Converts the content's Markdown subset to Slack mrkdwn. */
export function toMrkdwn(markdown: string): string {
  return parseLines(markdown)
    .map(lineToMrkdwn)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const truncate = (text: string, max: number) =>
  Array.from(text).length > max
    ? `${Array.from(text)
        .slice(0, max - 1)
        .join('')}…`
    : text;

/** Splits mrkdwn longer than a section allows at paragraph breaks, keeping code blocks whole. */
function splitSections(mrkdwn: string, max: number): string[] {
  if (mrkdwn.length <= max) return [mrkdwn];
  const paragraphs: string[] = [];
  for (const para of mrkdwn.split('\n\n')) {
    const previous = paragraphs[paragraphs.length - 1];
    const insideFence = previous !== undefined && (previous.match(/```/g) ?? []).length % 2 === 1;
    if (insideFence) paragraphs[paragraphs.length - 1] = `${previous}\n\n${para}`;
    else paragraphs.push(para);
  }
  const out: string[] = [];
  let current = '';
  for (const para of paragraphs) {
    const next = current ? `${current}\n\n${para}` : para;
    if (next.length > max && current) {
      out.push(current);
      current = para;
    } else current = next;
  }
  if (current) out.push(current);
  return out.map((part) => truncate(part, max));
}

/** A Block Kit block: a type, and whatever that type takes. Assignable to Bolt's and the Web API's block types. */
export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

/** A channel id as Slack writes it; only these are turned into `<#…>` links. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(truncate(block.text, SLACK_LIMITS.headerText)) }];
    case 'markdown':
      return splitSections(toMrkdwn(block.text), SLACK_LIMITS.sectionText).map((text) => ({
        type: 'section',
        text: mrkdwn(text),
      }));
    case 'comparison':
      return [
        {
          type: 'section',
          fields: [mrkdwn(`*${escapeSlack(block.left)}*`), mrkdwn(`*${escapeSlack(block.right)}*`)],
        },
        ...block.rows.map((row) => ({
          type: 'section',
          text: mrkdwn(`*${escapeSlack(row.aspect)}*`),
          fields: [
            mrkdwn(truncate(toMrkdwn(row.left), SLACK_LIMITS.fieldText)),
            mrkdwn(truncate(toMrkdwn(row.right), SLACK_LIMITS.fieldText)),
          ],
        })),
      ];
    case 'context': {
      const by = block.byUser && /^[UW][A-Z0-9]{2,20}$/.test(block.byUser) ? `<@${block.byUser}> ` : '';
      return [
        {
          type: 'context',
          elements: [mrkdwn(truncate(by + toMrkdwn(block.text), SLACK_LIMITS.sectionText))],
        },
      ];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'channels': {
      const links = block.ids.filter((id) => CHANNEL_ID.test(id)).map((id) => `<#${id}>`);
      return [
        {
          type: 'section',
          text: mrkdwn(
            truncate(
              `*${escapeSlack(block.label)}*\n${links.join(' · ') || '_none_'}`,
              SLACK_LIMITS.sectionText,
            ),
          ),
        },
      ];
    }
    case 'fields':
      return block.fields.length === 0
        ? []
        : [
            {
              type: 'section',
              fields: block.fields
                .slice(0, SLACK_LIMITS.fields)
                .map((field) =>
                  mrkdwn(
                    truncate(
                      `*${escapeSlack(field.label)}*\n${toMrkdwn(field.text)}`,
                      SLACK_LIMITS.fieldText,
                    ),
                  ),
                ),
            },
          ];
    case 'choice': {
      const max = block.control === 'select' ? SLACK_LIMITS.selectOptions : SLACK_LIMITS.radioOptions;
      const options = block.options.slice(0, max).map(option);
      const initial = options.find((o) => o.value === block.initial);
      const accessory =
        block.control === 'select'
          ? {
              type: 'static_select',
              action_id: block.action,
              placeholder: plain(truncate(block.placeholder ?? 'Choose…', SLACK_LIMITS.optionText)),
              options,
            }
          : { type: 'radio_buttons', action_id: block.action, options };
      return [
        {
          type: 'section',
          text: mrkdwn(truncate(toMrkdwn(block.text), SLACK_LIMITS.sectionText)),
          accessory: initial ? { ...accessory, initial_option: initial } : accessory,
        },
      ];
    }
    case 'actions':
      return block.buttons.length === 0
        ? []
        : [
            {
              type: 'actions',
              elements: uniqueActionIds(block.buttons).map(([actionId, b]) => ({
                type: 'button',
                action_id: actionId,
                text: plain(truncate(b.label, SLACK_LIMITS.buttonText)),
                value: b.value,
                ...(b.style ? { style: b.style } : {}),
              })),
            },
          ];
  }
}

/**
 * Slack refuses a block whose elements share an action_id, so a repeated action (quiz options, "did you
 * mean" buttons) gets a suffix from its second button on: `quiz_answer`, `quiz_answer:2`, `quiz_answer:3`.
 * Transports route every form to the one handler (actionIdPattern).
 */
function uniqueActionIds(buttons: readonly Button[]): [string, Button][] {
  const seen = new Map<string, number>();
  return buttons.map((button) => {
    const n = (seen.get(button.action) ?? 0) + 1;
    seen.set(button.action, n);
    return [n === 1 ? button.action : `${button.action}:${n}`, button];
  });
}

/** Every action_id a button of action `id` may carry once rendered (see uniqueActionIds). */
export function actionIdPattern(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+)?$`);
}

function option(choice: Choice) {
  return {
    text: plain(truncate(choice.label, SLACK_LIMITS.optionText)),
    value: choice.value.slice(0, SLACK_LIMITS.optionValue),
    ...(choice.description
      ? { description: plain(truncate(choice.description, SLACK_LIMITS.optionText)) }
      : {}),
  };
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Messages are never changed once built, so each is rendered once (topic answers are reused). */
const rendered = new WeakMap<Message, SlackMessage>();

/** Renders a message as Slack Block Kit with its plain-text fallback. */
export function toSlack(message: Message): SlackMessage {
  const cached = rendered.get(message);
  if (cached) return cached;
  const blocks = message.blocks.flatMap(renderBlock);
  if (blocks.length > SLACK_LIMITS.blocks) blocks.length = SLACK_LIMITS.blocks;
  const result = { text: escapeSlack(truncate(message.text, SLACK_LIMITS.sectionText)), blocks };
  rendered.set(message, result);
  return result;
}

export type SlackView =
  | { type: 'home'; blocks: SlackBlock[] }
  | {
      type: 'modal';
      title: { type: 'plain_text'; text: string; emoji: boolean };
      blocks: SlackBlock[];
      submit?: { type: 'plain_text'; text: string; emoji: boolean };
      close?: { type: 'plain_text'; text: string; emoji: boolean };
      callback_id?: string;
      private_metadata?: string;
    };

/** Renders a view (App Home, a modal) as Block Kit, for views.publish and views.open. */
export function toSlackView(view: View): SlackView {
  const blocks = view.blocks.flatMap(renderBlock).slice(0, view.type === 'home' ? 100 : SLACK_LIMITS.blocks);
  if (view.type === 'home') return { type: 'home', blocks };
  return {
    type: 'modal',
    title: plain(truncate(view.title, SLACK_LIMITS.modalTitle)),
    blocks,
    ...(view.submit ? { submit: plain(truncate(view.submit, SLACK_LIMITS.modalTitle)) } : {}),
    ...(view.close ? { close: plain(truncate(view.close, SLACK_LIMITS.modalTitle)) } : {}),
    ...(view.callbackId ? { callback_id: view.callbackId } : {}),
    ...(view.privateMetadata ? { private_metadata: view.privateMetadata } : {}),
  };
}
