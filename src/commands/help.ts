import type { Topic } from '../content/load';
import type { Message } from '../message';
import type { Subcommand } from '../transport';

/** `/docker help` (also `/docker` alone): `help` builds the answer, which the router keeps. */
export function helpSubcommand(help: () => Message): Subcommand {
  return {
    name: 'help',
    aliases: ['?', 'usage', 'commands', 'topics'],
    help: [{ usage: 'help', summary: 'this list' }],
    run: async (_args, _request, output) => {
      await output.send(help());
    },
  };
}

/** The help: every topic and every subcommand, generated from the content and the router's allow-list. */
export function helpMessage(topics: readonly Topic[], subcommands: readonly Subcommand[]): Message {
  const topicLines = topics.map((t) => `- \`/docker ${t.id}\`: ${t.summary}`);
  const commandLines = subcommands.flatMap((s) =>
    s.help.map((h) => `- \`/docker ${h.usage}\`: ${h.summary}`),
  );
  const aliasExamples = topics
    .filter((t) => t.aliases.length)
    .slice(0, 3)
    .map((t) => `\`/docker ${t.aliases[0]}\``);
  return {
    text: `Docker Explainer: type /docker and a topic (${topics.map((t) => t.id).join(', ')}), or /docker help.`,
    blocks: [
      { type: 'header', text: 'Docker Explainer: images, containers and how they differ' },
      { type: 'markdown', text: `**Topics**: type \`/docker\` and one of these:\n${topicLines.join('\n')}` },
      { type: 'markdown', text: `**Commands**\n${commandLines.join('\n')}` },
      {
        type: 'context',
        text: `Case and small typos are fine, and so are other names: ${aliasExamples.join(', ')}. Answers are shown only to you until you press *Share in channel*.`,
      },
    ],
  };
}
