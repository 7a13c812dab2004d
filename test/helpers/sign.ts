import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEST_BOT_TOKEN = 'xoxb-1111-2222-testtoken';

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** Headers and body exactly as Slack sends them, signed now (or at `timestamp`). */
export function signed(
  body: string,
  contentType: string,
  options: { secret?: string; timestamp?: number } = {},
): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body),
    },
  };
}
