import type { Topic } from '../content/load';
import { type Block, type Button, type Message, quoteUserText } from '../message';
import { SHARE_ACTION } from '../share';
import type { TopicIndex } from './topics';

export interface TopicAnswerOptions {
  /** Slack user who shared the answer into the channel; a shared answer has no Share button. */
  sharedBy?: string;
  /** Extra buttons other features attach (e.g. Run the demo). */
  buttons?: Button[];
}

/**
 * A topic as a message: title, summary, comparison when it has one, every section, related hints. Shared in
 * a channel, it is shorter: the summary and the first section, and where to read the rest.
 */
export function topicAnswer(topic: Topic, options: TopicAnswerOptions = {}): Message {
  const blocks: Block[] = [
    { type: 'header', text: topic.title },
    { type: 'markdown', text: `_${topic.summary}_` },
  ];
  if (options.sharedBy) {
    const first = topic.sections[0];
    if (first) blocks.push({ type: 'markdown', text: `**${first.heading}**\n${first.body}` });
    blocks.push({
      type: 'context',
      text: `shared this from \`/docker\`. More: \`/docker ${topic.id}\``,
      byUser: options.sharedBy,
    });
    if (options.buttons?.length) blocks.push({ type: 'actions', buttons: [...options.buttons] });
    return { text: `${topic.title}: ${topic.summary}`, blocks };
  }
  if (topic.compare) blocks.push({ type: 'comparison', ...topic.compare });
  for (const section of topic.sections)
    blocks.push({ type: 'markdown', text: `**${section.heading}**\n${section.body}` });
  if (topic.related.length) {
    blocks.push({
      type: 'context',
      text: `Related: ${topic.related.map((id) => `\`/docker ${id}\``).join(' · ')}`,
    });
  }
  const buttons = [
    { action: SHARE_ACTION, label: 'Share in channel', value: `topic:${topic.id}` },
    ...(options.buttons ?? []),
  ];
  blocks.push({ type: 'actions', buttons });
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
