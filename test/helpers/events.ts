import { randomUUID } from 'node:crypto';
import type { TestApp } from './harness';
import { signed } from './sign';
import { BOT_USER_ID, TEAM_ID } from './slack-stub';

let clock = 1_700_100_000;

/** A fresh message timestamp, as Slack writes them. */
export const nextTs = (): string => `${clock++}.000${Math.floor(Math.random() * 900) + 100}`;

/** An Events API `event_callback` envelope around `event`, as Slack sends it. */
export function envelope(
  event: Record<string, unknown>,
  eventId = `Ev${randomUUID().slice(0, 8).toUpperCase()}`,
) {
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0DOCKER',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}

/** Posts an event envelope signed as Slack signs it; `retry` adds Slack's retry headers. */
export async function sendEvent(
  t: TestApp,
  body: ReturnType<typeof envelope>,
  retry?: number,
): Promise<{ status: number; body: string }> {
  return t.post(JSON.stringify(body), 'application/json', { headers: retryHeaders(retry) });
}

/** Slack's retry headers for the `retry`th redelivery. */
const retryHeaders = (retry?: number): Record<string, string> | undefined =>
  retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : undefined;

/** Posts an event envelope, signed, to an app at `url` (another process); the HTTP status. */
export async function postEvent(
  url: string,
  body: ReturnType<typeof envelope>,
  retry?: number,
): Promise<number> {
  const raw = JSON.stringify(body);
  const request = signed(raw, 'application/json');
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { ...request.headers, ...retryHeaders(retry) },
    body: raw,
  });
  await res.arrayBuffer();
  return res.status;
}

/** `@Docker Explainer <text>` in a channel, as an app_mention event. */
export const mentionEvent = (text: string, extra: Record<string, unknown> = {}) => {
  const ts = nextTs();
  return envelope({
    type: 'app_mention',
    user: 'U0ALICE',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    event_ts: ts,
    channel: 'C0GENERAL',
    ...extra,
  });
};

/** A message event (`im`, `channel`…), as Slack sends it. */
export const messageEvent = (
  channel: string,
  text: string,
  channelType: string,
  extra: Record<string, unknown> = {},
) => {
  const ts = nextTs();
  return envelope({
    type: 'message',
    user: 'U0ALICE',
    text,
    ts,
    event_ts: ts,
    channel,
    channel_type: channelType,
    ...extra,
  });
};
