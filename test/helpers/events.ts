import { randomUUID } from 'node:crypto';
import type { TestApp } from './harness';
import { TEAM_ID } from './slack-stub';

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
  const headers = retry
    ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }
    : undefined;
  return t.post(JSON.stringify(body), 'application/json', { headers });
}
