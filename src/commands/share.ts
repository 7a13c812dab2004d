import type { Message } from '../message';

/** Rebuilds a shareable message from the reference in a button's value (`<kind>:<id>`). */
export type ShareResolver = (
  id: string,
  sharedBy: string,
) => Message | undefined | Promise<Message | undefined>;

/** Which kinds of answers can be shared into a channel; features register their own kinds. */
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
