import type { TipDesk } from '../tips/desk';
import type { Subcommand } from '../transport';

const NO_TIPS = {
  text: 'There are no tips yet: add some to content/tips.',
  blocks: [{ type: 'markdown' as const, text: 'There are no tips yet: add some to `content/tips`.' }],
};

/** `/docker tip`: the next tip in the asker's own rotation, privately, with Next tip and Explain more. */
export function tipSubcommand(desk: TipDesk): Subcommand {
  return {
    name: 'tip',
    aliases: ['hint'],
    help: [{ usage: 'tip', summary: 'a Docker tip now, with buttons for the next one and for more detail' }],
    run: async (_args, request, output) => {
      await output.send((await desk.nextFor(request.userId)) ?? NO_TIPS);
    },
  };
}
