import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './log';

/** One operations endpoint; any Node HTTP server can mount it (Bolt's HTTPReceiver does, in HTTP mode). */
export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Adds fields to the health report (`{ sandbox: {…} }`); it must answer at once, from what it knows. */
export type HealthCheck = () => Record<string, unknown>;

export interface OpsEndpoints {
  transport: string;
  /** Parts that report on /healthz. */
  health?: readonly HealthCheck[];
  /** More GET endpoints by path, e.g. `/metrics` (issue 12). */
  extra?: Readonly<Record<string, OpsHandler>>;
  now?: () => number;
}

/**
 * The operations endpoints every transport serves: GET /healthz (200 with a small JSON status) and whatever
 * `extra` adds. Returned as handlers by path, so HTTP mode mounts them on PORT and any mode on METRICS_PORT.
 */
export function opsEndpoints({ transport, health = [], extra = {}, now = Date.now }: OpsEndpoints) {
  const started = now();
  const healthz: OpsHandler = (_req, res) => {
    const body = JSON.stringify(
      Object.assign(
        { status: 'ok', transport, uptime_s: Math.round((now() - started) / 1000) },
        ...health.map((check) => check()),
      ),
    );
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(body);
  };
  return { '/healthz': healthz, ...extra } as Readonly<Record<string, OpsHandler>>;
}

export interface OpsServer {
  port: number;
  stop(): Promise<void>;
}

/** A small HTTP server for the operations endpoints alone (METRICS_PORT); anything else is a 404. */
export async function startOpsServer(options: {
  port: number;
  host?: string;
  endpoints: Readonly<Record<string, OpsHandler>>;
  logger: Logger;
}): Promise<OpsServer> {
  const { endpoints, logger } = options;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = Object.hasOwn(endpoints, path) ? endpoints[path] : undefined;
    if (handler === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' });
      res.end('method not allowed\n');
      return;
    }
    try {
      handler(req, res);
    } catch (error) {
      logger.error('operations endpoint failed', { path, error });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  // Probes open a connection per check: do not let idle keep-alive sockets hold up a shutdown.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info('operations server listening', { url: `http://0.0.0.0:${port}/healthz` });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
