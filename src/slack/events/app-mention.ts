import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { answerInConversation, isPersonMessage } from '../question';
import type { FirstDelivery } from '../seen-events';

/** "@Docker Explainer …" in a channel: answer in a thread under the question (or in its thread). */
export function registerAppMention(app: App, deps: SlackDeps, first: FirstDelivery): void {
  app.event('app_mention', async ({ event, body, client }) => {
    if (!isPersonMessage(event) || !event.user) return;
    // Direct messages arrive as message.im too; that listener answers them.
    if (event.channel.startsWith('D')) return;
    if (!(await first(body.event_id))) return;
    await answerInConversation(deps, client, {
      text: event.text,
      user: event.user,
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      source: 'mention',
    });
  });
}
