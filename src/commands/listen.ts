import type { ListenChannels } from '../explain/ports';
import type { Message } from '../message';
import type { Subcommand } from '../transport';

const say = (text: string): Message => ({
  text: text.replace(/[`*]/g, ''),
  blocks: [{ type: 'markdown', text }],
});

/**
 * `/docker listen on|off|status`: in a channel, also answer unprompted questions about images and
 * containers (only those that read as questions and that we are confident about), in a thread.
 */
export function listenSubcommand(channels: ListenChannels, clock: () => Date = () => new Date()): Subcommand {
  return {
    name: 'listen',
    help: [
      {
        usage: 'listen on',
        summary: 'also answer Docker questions asked in this channel without mentioning me',
      },
      { usage: 'listen off', summary: 'only answer when mentioned (the default)' },
    ],
    run: async (args, request, output) => {
      if (request.channelId.startsWith('D')) {
        await output.send(
          say('In a direct message I answer every question anyway; listen mode is for channels.'),
        );
        return;
      }
      const on = await channels.isListening(request.channelId);
      if (args === 'on' || args === 'off') {
        const wanted = args === 'on';
        if (wanted === on) {
          await output.send(say(`Listen mode is already **${args}** in this channel.`));
          return;
        }
        await channels.setListening(request.channelId, wanted, request.userId, clock());
        const announcement = say(
          wanted
            ? 'Listen mode is **on** in this channel: I will answer questions about Docker images and containers in a thread when I am confident, even without a mention. `/docker listen off` stops it. (I need to be a member of the channel to see messages.)'
            : 'Listen mode is **off** in this channel: I only answer when mentioned. `/docker listen on` turns it back on.',
        );
        // Everyone in the channel is affected, so everyone sees the change and who made it.
        announcement.blocks.push({ type: 'context', text: `turned it ${args}`, byUser: request.userId });
        await output.send(announcement, 'in_channel');
        return;
      }
      if (args === '' || args === 'status') {
        await output.send(
          say(
            `Listen mode is **${on ? 'on' : 'off'}** in this channel. Use \`/docker listen on\` or \`/docker listen off\`.`,
          ),
        );
        return;
      }
      await output.send(
        say('Use `/docker listen on`, `/docker listen off`, or `/docker listen` to see the setting.'),
      );
    },
  };
}
