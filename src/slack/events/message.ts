import type { App } from '@slack/bolt';
import { readsAsQuestion } from '../../explain/question';
import type { SlackDeps } from '../deps';
import { answerInConversation, isPersonMessage } from '../question';
import type { FirstDelivery } from '../seen-events';

/**
 * Messages: in a DM, every message is a question, answered in the DM. In a channel with listen mode on, a
 * top-level message that reads as a question is answered in a thread, but only when we are confident.
 */
export function registerMessage(app: App, deps: SlackDeps, first: FirstDelivery): void {
  app.event('message', async ({ event, body, client, context }) => {
    if (!isPersonMessage(event) || event.subtype !== undefined) return;
    const text = event.text ?? '';
    // The event id is taken only for a message about to be answered: most messages are not questions to us.
    if (event.channel_type === 'im') {
      if (!(await first(body.event_id))) return;
      await answerInConversation(deps, client, {
        text,
        user: event.user,
        channel: event.channel,
        threadTs: event.thread_ts,
        source: 'dm',
      });
      return;
    }
    if (event.channel_type !== 'channel' && event.channel_type !== 'group') return;
    // A mention is answered by the app_mention listener; replies inside threads are left to people.
    if (context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
    if (event.thread_ts || !readsAsQuestion(text)) return;
    if (!(await deps.listening.isListening(event.channel))) return;
    if (!(await first(body.event_id))) return;
    await answerInConversation(deps, client, {
      text,
      user: event.user,
      channel: event.channel,
      threadTs: event.ts,
      source: 'listen',
      minimum: 'high',
    });
  });
}
