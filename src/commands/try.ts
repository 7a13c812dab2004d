import type { PlaygroundService } from '../playground/service';
import type { Subcommand } from '../transport';

/**
 * `/docker try <docker command>`: the person's own playground. The line is passed as typed (the router's
 * normalized words would lose quotes and case), after the verb.
 */
export function trySubcommand(playground: PlaygroundService): Subcommand {
  return {
    name: 'try',
    aliases: ['playground'],
    help: [
      { usage: 'try', summary: 'your own Docker playground: real docker commands on a sandbox engine' },
      { usage: 'try run busybox echo hello', summary: 'runs a container and shows its output' },
      { usage: 'try reset', summary: 'removes everything in your playground' },
    ],
    run: async (_args, request, output) => {
      const line = request.text.replace(/^\s*\S+/, '');
      const owner = `${request.teamId ?? '-'}:${request.userId}`;
      await output.send(await playground.answer(owner, line));
    },
  };
}
