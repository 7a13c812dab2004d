import { demoListMessage } from '../demos/messages';
import type { DemoService } from '../demos/service';
import type { Subcommand } from '../transport';

/** `/docker demo [name]`: the catalogue, or a live demo; its help names every demo in the catalogue. */
export function demoSubcommand(demos: DemoService): Subcommand {
  return {
    name: 'demo',
    aliases: ['demos'],
    help: [
      { usage: 'demo', summary: 'the live demos you can run on a sandbox Docker engine' },
      ...demos.catalogue.entries.map((entry) => ({
        usage: `demo ${entry.demo.id}`,
        summary: entry.narrative.summary,
      })),
    ],
    run: async (args, request, output) => {
      const [word = ''] = args.split(' ');
      if (!word) {
        await output.send(demoListMessage(demos.catalogue.entries));
        return;
      }
      await demos.run(word, request, output);
    },
  };
}
