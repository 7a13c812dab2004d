import type { Topic } from '../content/load';
import { type Block, type Button, type Message, quoteUserText } from '../message';
import { SHARE_ACTION } from '../share';
import { ANSWER_INSTEAD, FEEDBACK_DOWN, FEEDBACK_UP } from './actions';
import type { AnswerDoc } from './search';

/** Slack shows at most 75 characters on a button. */
const LABEL_MAX = 75;

export interface AnswerMessageOptions {
  /** The stored answer's reference, for the feedback and share buttons. */
  ref?: number;
  /** Adds Share in channel (for answers only the asker sees). */
  shareable?: boolean;
  /** Shown as "You asked …" (ephemeral answers) or with who shared it. */
  question?: string;
  /** Slack user who shared the answer into the channel. */
  sharedBy?: string;
  /** Extra buttons for the answer's topic (e.g. Run the demo). */
  buttons?: Button[];
  /** Other sections that may be what was meant (a "fairly sure" answer): "Or did you mean" buttons. */
  alternatives?: readonly AnswerDoc[];
}

function label(prefix: string, doc: AnswerDoc): string {
  const text = `${prefix}${doc.heading}`;
  const chars = Array.from(text);
  return chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : text;
}

/** A button that shows `doc` in place of the message it sits in, for the question stored as `ref`. */
export function insteadButton(ref: number, doc: AnswerDoc, prefix = ''): Button {
  return {
    action: ANSWER_INSTEAD,
    label: label(prefix, doc),
    value: `${ref}:${doc.id}`,
    hint: `/docker ask ${doc.heading.replace(/^try it:\s*/i, '')}`,
  };
}

/** One section or tip as a short answer: the text, where to read more, and the buttons. */
export function answerMessage(doc: AnswerDoc, topic: Topic, options: AnswerMessageOptions = {}): Message {
  const heading = doc.kind === 'tip' ? doc.heading : doc.heading.replace(/^try it:\s*/i, '');
  const body = doc.example ? `${doc.body}\n\`\`\`\n${doc.example}\n\`\`\`` : doc.body;
  const blocks: Block[] = [{ type: 'markdown', text: `**${heading}**\n${body}` }];
  const more = `More in \`/docker ${topic.id}\` (${topic.title})`;
  if (options.sharedBy) {
    const asked = options.question ? ` asked ${quoteUserText(options.question)} and` : '';
    blocks.push({
      type: 'context',
      text: `${asked} shared this answer. ${more}`.trim(),
      byUser: options.sharedBy,
    });
  } else {
    const asked = options.question ? `You asked ${quoteUserText(options.question)}. ` : '';
    blocks.push({ type: 'context', text: `${asked}${more}` });
  }
  const buttons: Button[] = [];
  if (options.shareable && options.ref !== undefined && !options.sharedBy)
    buttons.push({ action: SHARE_ACTION, label: 'Share in channel', value: `answer:${options.ref}` });
  buttons.push(...(options.buttons ?? []));
  if (options.ref !== undefined && !options.sharedBy) {
    buttons.push(
      { action: FEEDBACK_UP, label: '👍 Helpful', value: String(options.ref) },
      { action: FEEDBACK_DOWN, label: '👎 Not helpful', value: String(options.ref) },
    );
  }
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  if (options.ref !== undefined && options.alternatives?.length && !options.sharedBy) {
    const ref = options.ref;
    blocks.push({
      type: 'actions',
      buttons: options.alternatives.slice(0, 2).map((alt) => insteadButton(ref, alt, 'Or did you mean: ')),
    });
  }
  const lead = /[?!.]$/.test(heading) ? heading : `${heading}:`;
  return { text: `${lead} ${firstSentence(body)}`, blocks };
}

/**
 * Not sure: no answer, the question quoted back (already cleaned of Slack markup), up to three buttons for
 * the closest sections (`ref` is the stored question they answer), and where to look for everything.
 */
export function notSureMessage(question: string, closest: readonly AnswerDoc[] = [], ref?: number): Message {
  const quoted = quoteUserText(question);
  const text =
    quoted === '``'
      ? "I didn't catch a question there."
      : `I'm not sure I can answer ${quoted}, so I won't guess.`;
  const blocks: Block[] = [];
  const offered = ref === undefined ? [] : closest.slice(0, 3);
  if (offered.length && ref !== undefined) {
    blocks.push({ type: 'markdown', text: `${text} Is it one of these?` });
    blocks.push({ type: 'actions', buttons: offered.map((doc) => insteadButton(ref, doc)) });
  } else blocks.push({ type: 'markdown', text });
  blocks.push({ type: 'context', text: 'Type `/docker help` to see everything I can explain.' });
  return { text: text.replace(/`/g, ''), blocks };
}

/** Every topic, one line each, and the help hint. */
export function whatICanExplain(topics: readonly Topic[]): Block {
  const lines = topics.map((t) => `- \`/docker ${t.id}\`: ${t.title}`);
  return {
    type: 'markdown',
    text: `I can explain these:\n${lines.join('\n')}\nAsk again in other words, or type \`/docker help\` to see everything.`,
  };
}

function firstSentence(markdown: string): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = plain.search(/[.!?](\s|$)/);
  const sentence = end > 0 ? plain.slice(0, end + 1) : plain;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}
