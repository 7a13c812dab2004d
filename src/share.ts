import type { Message } from './message';
import type { ActionHandler } from './transport';

/** Share in channel, under an answer only the asker sees; its value is `<kind>:<id>` (see ShareRegistry). */
export const SHARE_ACTION = 'share';

/** Rebuilds a shareable message from the reference in a button's value (`<kind>:<id>`). */
export type ShareResolver = (
  id: string,
  sharedBy: string,
) => Message | undefined | Promise<Message | undefined>;

/**
 * Which kinds of answers can be shared into a channel; features register their own kinds (topics, answers,
 * tips). It sits beside message.ts and transport.ts because every feature's buttons use it.
 */
export class ShareRegistry {
  private readonly resolvers = new Map<string, ShareResolver>();

  register(kind: string, resolver: ShareResolver): void {
    this.resolvers.set(kind, resolver);
  }

  async resolve(value: string, sharedBy: string): Promise<Message | undefined> {
    const at = value.indexOf(':');
    if (at <= 0) return undefined;
    return this.resolvers.get(value.slice(0, at))?.(value.slice(at + 1), sharedBy);
  }
}

/** Share in channel: the same answer for everyone, saying who shared it, and the private copy removed. */
export function shareAction(shares: ShareRegistry): ActionHandler {
  return {
    id: SHARE_ACTION,
    name: 'Share in channel',
    async handle(value, request, output) {
      const message = await shares.resolve(value, request.userId);
      if (!message) {
        await output.send({
          text: 'That answer is no longer available to share. Ask again with `/docker`.',
          blocks: [],
        });
        return;
      }
      await output.share(message);
    },
  };
}
