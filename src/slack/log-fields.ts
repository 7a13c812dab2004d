import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { type LogFields, withLogFields } from '../ops/log';

type Loose = Record<string, unknown> | undefined;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const field = (value: unknown, key: string) => (value as Loose)?.[key];

/**
 * The ids that say whom and where a Slack request is about, from any of its shapes: a slash command
 * (`team_id`, `channel_id`, `user_id`), an event (`team_id`, `event_id`, `event.channel`, `event.user`) or an
 * interaction (`team.id`, `channel.id`, `user.id`).
 */
export function requestIds(body: unknown): LogFields {
  const event = field(body, 'event');
  const ids: LogFields = {
    team: text(field(body, 'team_id')) ?? text(field(field(body, 'team'), 'id')),
    channel:
      text(field(body, 'channel_id')) ??
      text(field(field(body, 'channel'), 'id')) ??
      text(field(event, 'channel')),
    user:
      text(field(body, 'user_id')) ?? text(field(field(body, 'user'), 'id')) ?? text(field(event, 'user')),
    eventId: text(field(body, 'event_id')),
  };
  return Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined));
}

/** Global middleware: everything logged while a request is handled carries its ids. */
export const logRequestIds: Middleware<AnyMiddlewareArgs> = ({ body, next }) =>
  withLogFields(requestIds(body), next);
