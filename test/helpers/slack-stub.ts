import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app made to the stand-in: a Web API method call or a response_url post. */
export interface RecordedCall {
  /** `chat.postMessage`, … or `response_url` */
  method: string;
  /** For response_url calls: the id in the URL path. */
  responseId?: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
  /** What the stand-in answered (a posted message's `ts`, …), once it has. */
  reply?: Record<string, unknown>;
}

/** Overrides the answer to the next call(s) of a method. */
export interface CannedReply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
  /** Drop the connection without answering (the request arrived; the reply is lost). */
  hangUp?: boolean;
  /** Answer only after this long (the request has arrived and is recorded at once). */
  delayMs?: number;
}

export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0TEST001';

/** The bot token oauth.v2.access hands a workspace that installs the app (from the code `code-<team>`). */
export const installedToken = (team: string): string => `xoxb-${team}-installed-token`;

/** The bot token a call was made with (its Authorization header, or a `token` form field). */
export const tokenOf = (call: RecordedCall): string | undefined =>
  /^Bearer (.+)$/.exec(String(call.headers.authorization ?? ''))?.[1] ??
  (typeof call.body.token === 'string' ? call.body.token : undefined);

/**
 * A local stand-in for Slack's Web API (at `/api/<method>`) and for response_urls (at `/response/<id>`).
 * It records every call, answers like Slack does, and can be told to fail (e.g. 429 with Retry-After).
 */
export class SlackStub {
  readonly calls: RecordedCall[] = [];
  private readonly queued = new Map<string, CannedReply[]>();
  private server?: Server;
  private port = 0;
  /** Stand-ins started one after another (an app and its restart) never hand out the same ts. */
  private static started = 0;
  private ts = 1_700_000_000 + SlackStub.started++ * 100_000;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Makes the next call(s) of `method` answer with these replies, in order. */
  queue(method: string, ...replies: CannedReply[]): void {
    this.queued.set(method, [...(this.queued.get(method) ?? []), ...replies]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responses(id: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'response_url' && c.responseId === id);
  }

  /** Waits until `predicate` holds for the recorded calls; fails after `timeoutMs`. */
  async waitFor<T>(probe: (calls: RecordedCall[]) => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe(this.calls);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method + (c.responseId ? `(${c.responseId})` : '')).join(', ');
        throw new Error(`timed out after ${timeoutMs} ms waiting for Slack calls; seen: ${seen || 'none'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = parseBody(raw, req.headers['content-type']);
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const response = /^\/response\/([\w-]+)$/.exec(url.pathname);
    const method = api?.[1] ?? (response ? 'response_url' : `unknown:${url.pathname}`);
    const call: RecordedCall = {
      method,
      responseId: response?.[1],
      body,
      headers: req.headers,
      at: Date.now(),
    };
    this.calls.push(call);

    const canned = this.queued.get(method)?.shift();
    if (canned?.delayMs) await new Promise((resolve) => setTimeout(resolve, canned.delayMs).unref());
    if (canned?.hangUp) {
      req.socket.destroy();
      return;
    }
    if (canned) return send(res, canned.status ?? 200, canned.body, canned.headers);
    if (response) return send(res, 200, { ok: true });
    if (!api) return send(res, 404, { ok: false, error: 'unknown_path' });
    call.reply = this.answer(method, body, call);
    return send(res, 200, call.reply);
  }

  private answer(method: string, body: Record<string, unknown>, call: RecordedCall): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        // A token oauth.v2.access handed out answers for its own workspace.
        const team = /^xoxb-(T\w+)-installed-token$/.exec(tokenOf(call) ?? '')?.[1];
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'docker-explainer',
          team_id: team ?? TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      }
      case 'oauth.v2.access': {
        // An install's approval: `code-<team>` is a good code for that workspace; anything else is refused.
        const team = /^code-(T\w+)$/.exec(String(body.code ?? ''))?.[1];
        if (!team) return { ok: false, error: 'invalid_code' };
        return {
          ok: true,
          app_id: 'A0DOCKER',
          authed_user: { id: 'U0INSTALLER' },
          scope: String(body.scope ?? 'commands,chat:write'),
          token_type: 'bot',
          access_token: installedToken(team),
          bot_user_id: BOT_USER_ID,
          team: { id: team, name: `Workspace ${team}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `${this.ts++}.000100`, message: { text: body.text } };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts++}.000200` };
      case 'views.publish':
        return { ok: true, view: { id: 'V0001' } };
      case 'conversations.open':
        // A person's DM with the bot: D and the user id without its U (U0ALICE → D0ALICE).
        return { ok: true, channel: { id: `D${String(body.users ?? '').slice(1)}` } };
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const params = Object.fromEntries(new URLSearchParams(raw));
  // The Web API client sends arrays and objects (blocks, attachments) as JSON strings in form fields.
  for (const [key, value] of Object.entries(params)) {
    if (/^[[{]/.test(value)) {
      try {
        (params as Record<string, unknown>)[key] = JSON.parse(value);
      } catch {
        // not JSON after all; keep the string
      }
    }
  }
  return params;
}

function send(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
