import http from 'node:http';
import https from 'node:https';
import type { Message } from '../message';
import { toSlack } from '../render/blocks';
import type { Visibility } from '../transport';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

const TIMEOUT_MS = 10_000;

/** Slack answered a response_url post with an error status. */
export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`response_url answered HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

/**
 * POSTs JSON to a Slack response_url. Bolt's `respond` does the same through fetch; measured under load,
 * fetch's per-call overhead made acks wait, so this uses node:http with keep-alive connections instead.
 */
export function postToResponseUrl(url: string, payload: Record<string, unknown> | Buffer): Promise<void> {
  const target = new URL(url);
  const protocol = target.protocol as keyof typeof agents;
  if (!(protocol in agents))
    return Promise.reject(new Error(`response_url must be http(s), not ${target.protocol}`));
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const client = protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        agent: agents[protocol],
        timeout: TIMEOUT_MS,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new ResponseUrlError(status, Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`response_url did not answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const bodies = new WeakMap<Message, Map<string, Buffer>>();

/**
 * A message as a response_url body, serialized once per message and kind of post: topic answers and help
 * are the same message every time, so repeated commands allocate nothing new for their answer.
 */
export function messageBody(message: Message, visibility: Visibility, replaceOriginal: boolean): Buffer {
  let forMessage = bodies.get(message);
  if (!forMessage) {
    forMessage = new Map();
    bodies.set(message, forMessage);
  }
  const key = `${visibility}:${replaceOriginal}`;
  let body = forMessage.get(key);
  if (!body) {
    body = Buffer.from(
      JSON.stringify({ response_type: visibility, replace_original: replaceOriginal, ...toSlack(message) }),
    );
    forMessage.set(key, body);
  }
  return body;
}
