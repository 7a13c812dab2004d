import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'tls-certs.sh');

/** Certificates made by scripts/tls-certs.sh in `dir`: `dir/ca`, `dir/server`, `dir/client` (docker:dind's layout). */
export function makeCerts(dir: string): { server: string; client: string; ca: string } {
  const made = spawnSync('bash', [SCRIPT, dir], { encoding: 'utf8', timeout: 20_000 });
  if (made.status !== 0) throw new Error(`scripts/tls-certs.sh failed: ${made.stderr}`);
  return { ca: path.join(dir, 'ca'), server: path.join(dir, 'server'), client: path.join(dir, 'client') };
}

/** A folder for DOCKER_CERT_PATH put together from others: `{ 'ca.pem': <dir it comes from>, … }`. */
export function certFolder(
  dir: string,
  from: Record<'ca.pem' | 'cert.pem' | 'key.pem', string | undefined>,
): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, source] of Object.entries(from))
    if (source) fs.copyFileSync(path.join(source, file), path.join(dir, file));
  return dir;
}

/**
 * A stand-in for a Docker engine behind TLS, as dockerd runs with --tlsverify: it presents a server certificate,
 * requires a client certificate signed by its CA, and answers GET /version and /_ping; anything else is a 404.
 */
export class FakeTlsEngine {
  private server?: https.Server;

  constructor(private readonly serverCerts: string) {}

  async start(): Promise<string> {
    const read = (file: string) => fs.readFileSync(path.join(this.serverCerts, file));
    const server = https.createServer(
      {
        ca: read('ca.pem'),
        cert: read('cert.pem'),
        key: read('key.pem'),
        requestCert: true,
        rejectUnauthorized: true,
        // Node's server closes the connection on a refused client certificate without an alert; under TLS 1.2
        // that happens mid-handshake, as the client sees it. dockerd sends a bad-certificate alert instead.
        maxVersion: 'TLSv1.2',
      },
      (req, res) => {
        const url = (req.url ?? '').replace(/^\/v[\d.]+/, '');
        if (url.startsWith('/version')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ Version: 'fake-tls', ApiVersion: '1.41' }));
        } else if (url.startsWith('/_ping')) {
          res.end('OK');
        } else {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `page not found: ${url}` }));
        }
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
