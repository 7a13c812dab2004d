import { ISOLATION_FLAGS } from '../lab/policy';
import type { Block, Message } from '../message';
import { SHARE_ACTION } from '../share';

/** The ShareRegistry kind for playground answers: a Share button's value is `try:<id>`. */
export const PLAYGROUND_SHARE_KIND = 'try';

/** One playground answer: the command as typed, what it printed, and the lines under it. */
export interface PlaygroundAnswer {
  /** The command after `$ `, e.g. `docker run busybox echo hello`. */
  command: string;
  output: string;
  /** A refusal or a problem, shown under the command instead of output. */
  problem?: string;
  notes: readonly string[];
  hook?: string;
}

/** Slack takes 3000 characters per section, escaping (`&amp;`) included: longer output goes in several. */
const CODE_BLOCK_CHARS = 2000;

/** Text in pieces of at most `max` characters, cut at line ends where it can be. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const end = rest.lastIndexOf('\n', max);
    const at = end > 0 ? end : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(end > 0 ? at + 1 : at);
  }
  out.push(rest);
  return out;
}

/** `$ docker …` and its output in a code block, then the notes and the teaching line; Share when private. */
export function answerMessage(
  answer: PlaygroundAnswer,
  options: { shareId?: string; sharedBy?: string },
): Message {
  const terminal = [`$ ${answer.command}`, ...(answer.output ? [answer.output] : [])].join('\n');
  const blocks: Block[] = chunks(terminal.replace(/```/g, "'''"), CODE_BLOCK_CHARS).map((code) => ({
    type: 'markdown',
    text: `\`\`\`\n${code}\n\`\`\``,
  }));
  if (answer.problem) blocks.push({ type: 'markdown', text: `🚫 ${answer.problem}` });
  for (const note of answer.notes) blocks.push({ type: 'context', text: note });
  if (answer.hook) blocks.push({ type: 'context', text: `💡 ${answer.hook}` });
  if (options.sharedBy)
    blocks.push({
      type: 'context',
      text: 'shared this from their `/docker try` playground',
      byUser: options.sharedBy,
    });
  else if (options.shareId)
    blocks.push({
      type: 'actions',
      buttons: [
        {
          action: SHARE_ACTION,
          label: 'Share in channel',
          value: `${PLAYGROUND_SHARE_KIND}:${options.shareId}`,
        },
      ],
    });
  const firstLine = answer.problem ?? answer.output.split('\n')[0] ?? '';
  return {
    text: `$ ${answer.command}${firstLine ? `: ${firstLine.replace(/`/g, '')}` : ''}`.slice(0, 300),
    blocks,
  };
}

export interface IntroFacts {
  maxContainers: number;
  maxImages: number;
  commandsPerMinute: number;
  idleMinutes: number;
  timeLimitS: number;
  baseName: string;
}

/** `/docker try` alone: what the playground is, and a first command. */
export function introMessage(facts: IntroFacts): Message {
  const first = [
    '/docker try run busybox echo hello',
    '/docker try run -d --name box busybox sleep 600',
    "/docker try exec box sh -c 'echo hi > /tmp/hi.txt'",
    '/docker try diff box',
    '/docker try commit box mybox:1',
    '/docker try run --rm mybox:1 cat /tmp/hi.txt',
  ];
  return {
    text: 'Your Docker playground: type /docker try run busybox echo hello to start.',
    blocks: [
      { type: 'header', text: 'Your own Docker playground' },
      {
        type: 'markdown',
        text: `Type real \`docker\` commands after \`/docker try\` (with or without \`docker\`); they run on a sandbox engine and you see its real output, only you until you share it. Start with:\n\`\`\`\n${first.join('\n')}\n\`\`\``,
      },
      {
        type: 'markdown',
        text: `It understands \`run\` (\`-d\`, \`--name\`, \`--rm\`, \`-e\`, \`-w\`, \`-u\`), \`ps\`, \`exec\`, \`logs\`, \`diff\`, \`commit\`, \`images\`, \`history\`, \`inspect\`, \`stop\`, \`start\`, \`restart\`, \`rm\`, \`rmi\` and \`tag\`. \`${facts.baseName}\` is ready to run (nothing can be pulled); images you commit or tag are yours. \`/docker try reset\` removes everything of yours.`,
      },
      {
        type: 'context',
        text: `Yours alone: up to ${facts.maxContainers} containers and ${facts.maxImages} images, ${facts.commandsPerMinute} commands a minute; removed after ${facts.idleMinutes} minutes unused. Foreground commands and \`exec\` stop after ${facts.timeLimitS} s. Containers run with \`${ISOLATION_FLAGS}\`.`,
      },
    ],
  };
}

/** A short answer in words (a reset, a busy engine). */
export function sayMessage(text: string): Message {
  return { text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] };
}
