import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxConfig } from '../config';
import { ConfigError } from '../errors';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Connection settings for docker-modem, decided from our Config rather than from process.env. */
export interface EngineOptions {
  socketPath?: string;
  host?: string;
  port?: string;
  protocol: 'http' | 'https';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** How the engine is reached, for logs and /healthz (never includes key material). */
  describe: string;
}

/**
 * DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, read as the Docker CLI and docker-modem read them:
 * unset host → the local socket; `tcp://` → HTTP, or HTTPS with client certificates when TLS is verified
 * (or the port is 2376); certificates `ca.pem`, `cert.pem`, `key.pem` from DOCKER_CERT_PATH (default
 * ~/.docker). We pass them explicitly so the engine follows the app's configuration, not the process's.
 */
export function engineOptions(config: SandboxConfig): EngineOptions {
  const host = config.dockerHost;
  if (!host) return { socketPath: DEFAULT_SOCKET, protocol: 'http', describe: `unix://${DEFAULT_SOCKET}` };
  if (host.startsWith('unix://')) {
    return { socketPath: host.slice('unix://'.length), protocol: 'http', describe: host };
  }
  const url = new URL(host);
  const tls = config.tlsVerify || url.port === '2376';
  if (!tls) return { host: url.hostname, port: url.port, protocol: 'http', describe: host };
  const dir = config.certPath ?? path.join(os.homedir(), '.docker');
  const read = (file: string) => {
    try {
      return fs.readFileSync(path.join(dir, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError('DOCKER_CERT_PATH', `must hold ca.pem, cert.pem and key.pem (${file}: ${code})`);
    }
  };
  return {
    host: url.hostname,
    port: url.port,
    protocol: 'https',
    ca: read('ca.pem'),
    cert: read('cert.pem'),
    key: read('key.pem'),
    describe: `${host} (TLS)`,
  };
}
