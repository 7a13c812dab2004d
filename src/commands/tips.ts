import { quoteUserText } from '../message';
import type { TipDesk } from '../tips/desk';
import type { Subcommand } from '../transport';

/** `/docker tips [on|off|status]`: a channel's daily tips. */
export function tipsSubcommand(desk: TipDesk): Subcommand {
  return {
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
}
