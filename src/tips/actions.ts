import type { Message } from '../message';
import type { ActionHandler } from '../transport';

/** Next tip, under a tip; the value is the tip shown. */
export const NEXT_TIP_ACTION = 'tip_next';
/** Explain more, under a tip; the value is the tip's topic. */
export const EXPLAIN_TIP_ACTION = 'tip_explain';

/** What the tip buttons answer with. */
export interface TipButtons {
  /** The presser's next tip, from their own rotation (TipDesk.nextFor). */
  next(userId: string): Promise<Message | undefined>;
  /** A topic's explanation, with its own Share button. */
  explain(topicId: string): Message | undefined;
}

/** Next tip and Explain more. */
export function tipActions(tips: TipButtons): ActionHandler[] {
  return [
    {
      id: NEXT_TIP_ACTION,
      name: 'Next tip',
      // Privately: it replaces a private tip, and never touches a channel post.
      async handle(_value, request, output) {
        const message = await tips.next(request.userId);
        if (!message) await output.send({ text: 'There are no more tips to show right now.', blocks: [] });
        else if (request.inPrivateMessage) await output.replace(message);
        else await output.send(message, 'ephemeral');
      },
    },
    {
      id: EXPLAIN_TIP_ACTION,
      name: 'Explain more',
      async handle(value, _request, output) {
        await output.send(
          tips.explain(value) ?? {
            text: 'That topic is no longer available. Type `/docker help` to see every topic.',
            blocks: [],
          },
        );
      },
    },
  ];
}
