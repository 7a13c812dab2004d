import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describeNeeding } from './needs';

/**
 * Tests that need a real Docker engine. The engine is the one the app would use by default: DOCKER_HOST
 * (unix:// or tcp://, over TLS with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH) from the test's environment,
 * else /var/run/docker.sock.
 *
 * The client below is deliberately not our DockerSandbox nor dockerode: tests check what the engine really
 * did through an independent path to its API.
 */

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where the engine listens: a socket, or host and port (and, over TLS, the client certificates' folder). */
export type EngineTarget = { socketPath: string } | { host: string; port: number; certPath?: string };

export function engineTarget(): EngineTarget {
  const host = process.env.DOCKER_HOST;
  if (!host) return { socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const url = new URL(host);
  const tls = process.env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  const certPath = process.env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker');
  return { host: url.hostname, port: Number(url.port), ...(tls ? { certPath } : {}) };
}

/** The client certificates of a TLS target, as node:tls options. */
export function clientTls(certPath: string): { ca: Buffer; cert: Buffer; key: Buffer } {
  const read = (file: string) => fs.readFileSync(path.join(certPath, file));
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/** node:http(s) request options for an engine (default: the tests' engine). */
function requestTarget(target: EngineTarget = engineTarget()): {
  module: typeof http | typeof https;
  options: http.RequestOptions;
} {
  if ('socketPath' in target) return { module: http, options: target };
  const { certPath, ...where } = target;
  return certPath
    ? { module: https, options: { ...where, ...clientTls(certPath) } }
    : { module: http, options: where };
}

let available: boolean | undefined;

/** The engine settings for an app under test, so it talks to the same engine as the test (none: the default socket). */
export function engineEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** Whether the engine answers /_ping (checked once, synchronously, so test files can decide what to run). */
export function engineAvailable(): boolean {
  if (available === undefined) {
    const target = engineTarget();
    const script = `const t = ${JSON.stringify(target)}; const fs = require('fs'); const p = require('path');
      const tls = t.certPath ? { ca: fs.readFileSync(p.join(t.certPath, 'ca.pem')),
        cert: fs.readFileSync(p.join(t.certPath, 'cert.pem')), key: fs.readFileSync(p.join(t.certPath, 'key.pem')) } : {};
      require(t.certPath ? 'https' : 'http').get({ ...t, ...tls, path: '/_ping', timeout: 3000 },
      (res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))
      .on('timeout', () => process.exit(1));`;
    available = spawnSync(process.execPath, ['-e', script], { timeout: 10_000 }).status === 0;
  }
  return available;
}

const BANNER = `
######################################################################################
##  DOCKER TESTS SKIPPED: no Docker engine answered at ${JSON.stringify(engineTarget())}
##  The live demo tests (limits, cleanup, faults, janitor) did NOT run.
##  Start dockerd, or set REQUIRE_DOCKER=1 to make this a failure (CI does).
######################################################################################
`;

/**
 * `describe` for tests that need the engine. Without one they are skipped with a loud banner, unless
 * REQUIRE_DOCKER=1 (CI), where the missing engine fails the suite instead.
 */
export function describeWithDocker(name: string, body: () => void): void {
  describeNeeding(
    {
      what: 'a Docker engine',
      available: engineAvailable,
      requireVariable: 'REQUIRE_DOCKER',
      failure: () => `REQUIRE_DOCKER=1 but no Docker engine answers at ${JSON.stringify(engineTarget())}`,
      banner: () => BANNER,
    },
    name,
    body,
  );
}

export interface EngineResponse {
  status: number;
  body: unknown;
}

/** One Docker Engine API call over a plain HTTP connection (to `target`, else the tests' engine). */
export function engineRequest(
  method: string,
  path: string,
  timeoutMs = 10_000,
  target?: EngineTarget,
): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    const { module, options } = requestTarget(target);
    const req = module.request({ ...options, method, path, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON (e.g. an empty 204)
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const labelQuery = (labels: Record<string, string>) =>
  encodeURIComponent(JSON.stringify({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) }));

export interface EngineContainer {
  Id: string;
  Labels: Record<string, string>;
  State: string;
}

/** Every container (running or not) carrying all these labels (on `target`, else the tests' engine). */
export async function containersLabelled(
  labels: Record<string, string>,
  target?: EngineTarget,
): Promise<EngineContainer[]> {
  const res = await engineRequest(
    'GET',
    `/containers/json?all=1&filters=${labelQuery(labels)}`,
    10_000,
    target,
  );
  return res.body as EngineContainer[];
}

/** Every image (intermediate ones too) carrying all these labels (on `target`, else the tests' engine). */
export async function imagesLabelled(
  labels: Record<string, string>,
  target?: EngineTarget,
): Promise<{ Id: string }[]> {
  const res = await engineRequest('GET', `/images/json?all=1&filters=${labelQuery(labels)}`, 10_000, target);
  return res.body as { Id: string }[];
}

/** The engine's full `docker inspect` of a container (on `target`, else the tests' engine). */
export async function inspectContainer(id: string, target?: EngineTarget): Promise<ContainerInspect> {
  const res = await engineRequest('GET', `/containers/${id}/json`, 10_000, target);
  if (res.status !== 200) throw new Error(`inspect ${id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ContainerInspect;
}

export async function removeContainer(id: string, target?: EngineTarget): Promise<void> {
  await engineRequest('DELETE', `/containers/${id}?force=1`, 10_000, target);
}

export async function removeImage(ref: string): Promise<void> {
  await engineRequest('DELETE', `/images/${encodeURIComponent(ref)}?force=1`);
}

/** The fields of `docker inspect` the tests look at. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Image: string;
  Mounts: unknown[];
  Config: { User: string; Labels: Record<string, string>; Cmd: string[]; ExposedPorts?: unknown };
  NetworkSettings: { Networks: Record<string, unknown> };
  HostConfig: {
    NetworkMode: string;
    Memory: number;
    MemorySwap: number;
    PidsLimit: number | null;
    NanoCpus: number;
    CpuQuota: number;
    CapDrop: string[] | null;
    CapAdd: string[] | null;
    SecurityOpt: string[] | null;
    Privileged: boolean;
    Binds: string[] | null;
    Mounts?: unknown[] | null;
    PortBindings: Record<string, unknown> | null;
    Devices: unknown[] | null;
  };
}

/** Waits until `probe` returns something truthy; fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The isolation every container the app creates must have (src/lab/policy.ts): no network, memory without
 * swap, a process and a CPU limit, no capabilities, no-new-privileges, not privileged, no mounts, ports or
 * devices, and a user that is not root.
 */
export function expectLockedDown(c: ContainerInspect): void {
  expect(c.HostConfig.NetworkMode).toBe('none');
  expect(Object.keys(c.NetworkSettings.Networks).filter((n) => n !== 'none')).toEqual([]);
  expect(c.HostConfig.Memory).toBeGreaterThan(0);
  expect(c.HostConfig.Memory).toBeLessThanOrEqual(64 * 1024 * 1024);
  expect(c.HostConfig.MemorySwap).toBe(c.HostConfig.Memory);
  expect(c.HostConfig.PidsLimit).toBeGreaterThan(0);
  expect(c.HostConfig.PidsLimit).toBeLessThanOrEqual(64);
  expect(c.HostConfig.NanoCpus).toBeGreaterThan(0);
  expect(c.HostConfig.NanoCpus).toBeLessThanOrEqual(1_000_000_000);
  expect(c.HostConfig.CapDrop).toEqual(['ALL']);
  expect(c.HostConfig.CapAdd ?? []).toEqual([]);
  expect(c.HostConfig.SecurityOpt).toEqual(['no-new-privileges']);
  expect(c.HostConfig.Privileged).toBe(false);
  expect(c.HostConfig.Binds ?? []).toEqual([]);
  expect(c.HostConfig.Mounts ?? []).toEqual([]);
  expect(c.Mounts).toEqual([]);
  expect(c.HostConfig.PortBindings ?? {}).toEqual({});
  expect(c.HostConfig.Devices ?? []).toEqual([]);
  expect(c.Config.User).toMatch(/^[1-9]\d*:[1-9]\d*$/);
}
