import type { Topic } from '../content/load';
import { type Block, type Button, type Message, quoteUserText } from '../message';
import type { TopicIndex } from './topics';

export const SHARE_ACTION = 'share';

export interface TopicAnswerOptions {
  /** Slack user who shared the answer into the channel; a shared answer has no Share button. */
  sharedBy?: string;
  /** Extra buttons other features attach (e.g. Run the demo). */
  buttons?: Button[];
}

/** A topic as a message: title, summary, comparison when it has one, every section, related hints. */
export function topicAnswer(topic: Topic, options: TopicAnswerOptions = {}): Message {
  const blocks: Block[] = [
    { type: 'header', text: topic.title },
    { type: 'markdown', text: `_${topic.summary}_` },
  ];
  if (topic.compare) blocks.push({ type: 'comparison', ...topic.compare });
  for (const section of topic.sections)
    blocks.push({ type: 'markdown', text: `**${section.heading}**\n${section.body}` });
  if (topic.related.length) {
    blocks.push({
      type: 'context',
      text: `Related: ${topic.related.map((id) => `\`/docker ${id}\``).join(' · ')}`,
    });
  }
  if (options.sharedBy)
    blocks.push({ type: 'context', text: 'shared this from `/docker`', byUser: options.sharedBy });
  const buttons = [...(options.buttons ?? [])];
  if (!options.sharedBy)
    buttons.unshift({ action: SHARE_ACTION, label: 'Share in channel', value: `topic:${topic.id}` });
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return { text: `${topic.title}: ${topic.summary}`, blocks };
}

/** The answer to a word that is not a topic or command: the closest topics, and where to look. */
export function unknownTopicAnswer(typed: string, index: TopicIndex): Message {
  const suggestions = index.suggest(typed);
  const shown = quoteUserText(typed);
  const lines = [`I don't have an explanation for ${shown}.`];
  if (suggestions.length) {
    lines.push(`Did you mean ${suggestions.map((t) => `\`/docker ${t.id}\` (${t.title})`).join(', or ')}?`);
  } else {
    lines.push('Good places to start: `/docker image`, `/docker container` and `/docker diff`.');
  }
  lines.push('Type `/docker help` to see everything I can explain.');
  const text = lines.join('\n');
  return { text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] };
}
