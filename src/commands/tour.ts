import { quoteUserText } from '../message';
import type { Tour } from '../tour/tour';
import type { Subcommand } from '../transport';

/**
 * `/docker tour [restart | next | back | answer <n>]`: the guided tour, in the asker's DM with the bot. The
 * words after `tour` do what the buttons do, for the console (and anyone who prefers typing).
 */
export function tourSubcommand(tour: Tour): Subcommand {
  return {
    name: 'tour',
    help: [
      {
        usage: 'tour',
        summary: `a ${tour.steps.length}-step guided tour in your DM, picking up where you left off`,
      },
      { usage: 'tour restart', summary: 'the tour from its first step' },
    ],
    run: async (args, request, output) => {
      const [word = '', ...rest] = args.split(' ');
      switch (word) {
        case '':
        case 'resume':
        case 'continue':
          await tour.open(request, output, { restart: false, note: true });
          return;
        case 'restart':
        case 'again':
          await tour.open(request, output, { restart: true, note: true });
          return;
        case 'next':
        case 'back':
          await tour.move(request, word === 'next' ? 1 : -1, output);
          return;
        case 'answer':
          await tour.answer(request, rest.join(' '), output);
          return;
        default: {
          const text = `I don't know ${quoteUserText(args)} here. \`/docker tour\` continues your tour, \`/docker tour restart\` starts it over.`;
          await output.send({ text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] });
        }
      }
    },
  };
}
