import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecureContext } from 'node:tls';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** One engine's connection settings, as DOCKER_HOST (with DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or one DOCKER_HOSTS entry gives them. */
export interface EngineConfig {
  /** `unix:///path` or `tcp://host:port`; unset means the local socket. */
  dockerHost?: string;
  tlsVerify: boolean;
  /** The folder holding ca.pem, cert.pem and key.pem (default ~/.docker). */
  certPath?: string;
  /** The variable a certificate problem names (DOCKER_CERT_PATH, or DOCKER_HOSTS for an entry's own folder). */
  certVariable?: string;
}

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
  /**
   * The engine's address as configured (`unix:///path`, `tcp://host:port`): how the app tells engines apart
   * (demo leases, a playground's engine, metric labels).
   */
  address?: string;
  /**
   * Why these settings cannot reach the engine (a certificate missing or unusable), in one line that names the
   * variable to fix. The app still starts: explanations work, and demos say the sandbox is unavailable.
   */
  problem?: string;
}

/**
 * DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (or one DOCKER_HOSTS entry), read as the Docker CLI and
 * docker-modem read them: unset host → the local socket; `tcp://` → HTTP, or HTTPS with client certificates
 * when TLS is verified (or the port is 2376); certificates `ca.pem`, `cert.pem`, `key.pem` from the cert
 * folder (default ~/.docker). We pass them explicitly so the engine follows the app's configuration, not the
 * process's.
 */
export function engineOptions(config: EngineConfig): EngineOptions {
  const host = config.dockerHost;
  if (!host) {
    const address = `unix://${DEFAULT_SOCKET}`;
    return { socketPath: DEFAULT_SOCKET, protocol: 'http', describe: address, address };
  }
  if (host.startsWith('unix://')) {
    return { socketPath: host.slice('unix://'.length), protocol: 'http', describe: host, address: host };
  }
  const url = new URL(host);
  const address = `tcp://${url.host}`;
  const tls = config.tlsVerify || url.port === '2376';
  if (!tls) return { host: url.hostname, port: url.port, protocol: 'http', describe: address, address };
  const variable = config.certVariable ?? 'DOCKER_CERT_PATH';
  const dir = config.certPath ?? path.join(os.homedir(), '.docker');
  const base = {
    host: url.hostname,
    port: url.port,
    protocol: 'https' as const,
    describe: `${address} (TLS)`,
    address,
  };
  const files: Record<string, Buffer> = {};
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
    try {
      files[file] = fs.readFileSync(path.join(dir, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      const which = variable === 'DOCKER_CERT_PATH' ? variable : `${variable} (${dir}, for ${address})`;
      return { ...base, problem: `${which} must hold ca.pem, cert.pem and key.pem (${file}: ${code})` };
    }
  }
  const [ca, cert, key] = [files['ca.pem'], files['cert.pem'], files['key.pem']];
  try {
    createSecureContext({ ca, cert, key });
  } catch (error) {
    const reason = (error as Error).message.replace(/^error:[\dA-F]+:/, '');
    const which = variable === 'DOCKER_CERT_PATH' ? variable : `${variable} (for ${address})`;
    return { ...base, problem: `${which} ${dir} holds no usable ca.pem, cert.pem and key.pem (${reason})` };
  }
  return { ...base, ca, cert, key };
}
