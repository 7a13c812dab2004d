import type { Topic } from '../content/load';
import { type Block, type Button, type Message, quoteUserText } from '../message';
import { SHARE_ACTION } from './answers';
import type { AnswerDoc } from './search';

export const FEEDBACK_UP = 'feedback_up';
export const FEEDBACK_DOWN = 'feedback_down';

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
  const lead = /[?!.]$/.test(heading) ? heading : `${heading}:`;
  return { text: `${lead} ${firstSentence(body)}`, blocks };
}

/** Below the confidence threshold: say so plainly, list what we can explain, point to help. */
export function notSureMessage(question: string, topics: readonly Topic[]): Message {
  const text = `I'm not sure I can answer ${quoteUserText(question)}, so I won't guess.`;
  return { text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }, whatICanExplain(topics)] };
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
