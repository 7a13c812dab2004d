import { quoteUserText } from '../message';
import type { Subcommand } from '../transport';
import type { TipDesk } from './desk';

const NO_TIPS = {
  text: 'There are no tips yet: add some to content/tips.',
  blocks: [{ type: 'markdown' as const, text: 'There are no tips yet: add some to `content/tips`.' }],
};

/** `/docker tip` and `/docker tips [on|off]`. */
export function tipSubcommands(desk: TipDesk): Subcommand[] {
  const tip: Subcommand = {
    name: 'tip',
    aliases: ['hint'],
    help: [{ usage: 'tip', summary: 'a Docker tip now, with buttons for the next one and for more detail' }],
    run: async (_args, request, output) => {
      await output.send((await desk.nextFor(request.userId)) ?? NO_TIPS);
    },
  };
  const tips: Subcommand = {
    name: 'tips',
    aliases: ['daily'],
    help: [
      { usage: 'tips on', summary: 'a daily tip in this channel (`tips off` stops it)' },
      { usage: 'tips', summary: 'whether this channel gets daily tips, and when the next one comes' },
    ],
    run: async (args, request, output) => {
      switch (args) {
        case '':
        case 'status':
          await output.send(await desk.status(request.channelId));
          return;
        case 'on':
          await output.send(await desk.subscribe(request.channelId, request.userId));
          return;
        case 'off':
          await output.send(await desk.unsubscribe(request.channelId, request.userId));
          return;
        default: {
          const text = `I don't know ${quoteUserText(args)} here. Use \`/docker tips on\` to get a daily tip in this channel, \`/docker tips off\` to stop, or \`/docker tips\` to see the status.`;
          await output.send({ text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] });
        }
      }
    },
  };
  return [tip, tips];
}
