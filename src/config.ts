import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';
import { MAX_TIME_LIMIT_S } from './lab/policy';
import type { LogFormat, LogLevel } from './ops/log';
import type { EngineConfig } from './sandbox/engine-options';
import {
  cronProblem,
  DEFAULT_TIP_SCHEDULE,
  DEFAULT_TIP_TIMEZONE,
  parseWeekdays,
  timeZoneProblem,
  weekdaysProblem,
} from './tips/schedule';

export type Transport = 'socket' | 'http' | 'console';

export interface Config {
  transport: Transport;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    /** Web API base URL, always ending with a slash. */
    apiUrl?: string;
    /**
     * Many workspaces (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set): installed with OAuth at /slack/install,
     * each workspace's bot token kept sealed in the database. Unset: one workspace, SLACK_BOT_TOKEN.
     */
    oauth?: OAuthConfig;
  };
  port: number;
  /** INSTANCE_ID: names this process among replicas (tip claims); the same across its restarts. */
  instanceId: string;
  dataDir: string;
  /**
   * DATABASE_URL: a postgres:// URL shared by replicas; unset keeps SQLite in DATA_DIR (one process). Never
   * logged: it may hold a password.
   */
  databaseUrl?: string;
  /** Days to keep questions that nobody voted on (voted ones are kept for improving the content). */
  questionRetentionDays: number;
  logLevel: LogLevel;
  /** LOG_FORMAT: readable lines (`text`, the default) or one JSON object per line. */
  logFormat: LogFormat;
  /** METRICS_PORT: where the operations server (/healthz, /metrics) listens besides PORT in HTTP mode. */
  metricsPort?: number;
  /** METRICS_TOKEN: when set, GET /metrics wants `Authorization: Bearer <it>`. */
  metricsToken?: string;
  /** SHUTDOWN_TIMEOUT_S: how long SIGTERM/SIGINT wait for a clean stop before exiting anyway. */
  shutdownTimeoutMs: number;
  sandbox: SandboxConfig;
  demos: DemoConfig;
  playground: PlaygroundConfig;
  tips: {
    /** TIP_CHANNELS: channel ids that always get the daily tip. */
    channels: string[];
    /** TIP_SCHEDULE: a cron pattern with 5 fields, or 6 with seconds. */
    schedule: string;
    /** TIP_TIMEZONE: the IANA zone the schedule is read in. */
    timezone: string;
    /** TIP_QUIZ_DAYS: weekdays (0 = Sunday, in TIP_TIMEZONE) when channels get a quiz instead of a tip. */
    quizDays: number[];
  };
}

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** SLACK_STATE_SECRET: signs the state parameter of /slack/install → /slack/oauth_redirect. */
  stateSecret: string;
  /** SLACK_TOKEN_ENCRYPTION_KEY: the 32-byte AES-256-GCM key installations are sealed with. Never logged. */
  encryptionKey: Buffer;
}

/** Where the demo engine is, read the way the Docker CLI and docker-modem read it. */
export interface SandboxConfig {
  /**
   * Every sandbox engine: DOCKER_HOSTS' entries, each with its own TLS folder, or else the one engine of
   * DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). Never empty.
   */
  engines: EngineConfig[];
  demoImage: string;
  busyboxPath: string;
}

export interface DemoConfig {
  concurrency: number;
  timeLimitMs: number;
  janitorIntervalMs: number;
}

/** `/docker try`: each person's own small playground on the sandbox engine. */
export interface PlaygroundConfig {
  /** PLAYGROUND_IDLE_MINUTES: a playground unused this long is removed. */
  idleMs: number;
  /** PLAYGROUND_MAX_CONTAINERS and PLAYGROUND_MAX_IMAGES: what one person may keep. */
  maxContainers: number;
  maxImages: number;
  /** PLAYGROUND_COMMANDS_PER_MINUTE: per person. */
  commandsPerMinute: number;
  /** PLAYGROUND_TIME_LIMIT_S: how long a foreground `run` or an `exec` may take. */
  timeLimitMs: number;
}

/** The upstream image demos use by default: a pinned tag, so every demo shows the same engine output. */
export const DEFAULT_DEMO_IMAGE = 'busybox:1.36.1';

/** An empty value in `.env` means "not set". */
const unset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());

/** A whole number in [min, max] from a variable, `fallback` when unset. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unset,
    z
      .string()
      .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
      .default(fallback),
  );

/** An image reference as `docker pull` accepts it: [registry[:port]/]name[:tag][@sha256:digest]. */
const IMAGE_REFERENCE =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** A zod check from a function that names the problem (or returns undefined when there is none). */
const checkedBy =
  <T>(problem: (value: T) => string | undefined) =>
  (value: T, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** What is wrong with a DATABASE_URL, without repeating it (it may hold a password). */
function databaseUrlProblem(value: string): string | undefined {
  const expected = 'must be a Postgres URL such as postgres://user:password@host:5432/database';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${expected} (it is not a URL)`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return `${expected} (it starts with ${url.protocol}//; leave it empty for SQLite in DATA_DIR)`;
  if (!url.hostname && !url.searchParams.get('host')) return `${expected} (it names no host)`;
  return undefined;
}

/** 32 bytes, written as 64 hex digits or in base64; undefined when it is neither. */
export function encryptionKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/.test(text)) {
    const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token (it starts with xoxb-)'),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token (it starts with xapp-)'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9]{16,128}$/, "must be the app's signing secret (letters and digits, no spaces)"),
  ),
  SLACK_CLIENT_ID: optional(
    z
      .string()
      .regex(/^\d+\.\d+$/, "must be the app's client ID (digits, a dot, digits), from Basic Information"),
  ),
  SLACK_CLIENT_SECRET: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9]{16,128}$/, "must be the app's client secret (letters and digits, no spaces)"),
  ),
  SLACK_STATE_SECRET: optional(
    z.string().regex(/^\S{16,256}$/, 'must be 16 to 256 characters, without spaces'),
  ),
  SLACK_TOKEN_ENCRYPTION_KEY: optional(
    z
      .string()
      .refine(
        (value) => encryptionKey(value) !== undefined,
        'must be 32 bytes written as 64 hex digits or in base64 (openssl rand -hex 32 makes one)',
      ),
  ),
  SLACK_API_URL: optional(
    z
      .string()
      .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'must be an http(s) URL such as https://slack.com/api/')
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  PORT: z.preprocess(
    unset,
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((port) => port <= 65535, 'must be a whole number from 0 to 65535')
      .default(3000),
  ),
  DATA_DIR: z.preprocess(unset, z.string().default('./data')),
  DATABASE_URL: optional(
    z
      .string()
      .transform((url) => url.trim())
      .superRefine(checkedBy(databaseUrlProblem)),
  ),
  INSTANCE_ID: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
      .default(() => os.hostname()),
  ),
  QUESTION_RETENTION_DAYS: z.preprocess(
    unset,
    z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number of days from 1 to 3650')
      .transform(Number)
      .refine((days) => days >= 1 && days <= 3650, 'must be a whole number of days from 1 to 3650')
      .default(90),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? unset(value.toLowerCase()) : value),
    z
      .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
      .optional(),
  ),
  LOG_FORMAT: z.preprocess(
    (value) => (typeof value === 'string' ? unset(value.toLowerCase()) : value),
    z.enum(['text', 'json'], { error: 'must be text or json' }).default('text'),
  ),
  METRICS_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((port) => port <= 65535, 'must be a whole number from 0 to 65535'),
  ),
  METRICS_TOKEN: optional(z.string().regex(/^\S{16,256}$/, 'must be 16 to 256 characters, without spaces')),
  SHUTDOWN_TIMEOUT_S: wholeNumber(1, 600, 25),
  DOCKER_HOST: optional(
    z
      .string()
      .regex(
        /^(unix:\/\/\/\S+|tcp:\/\/[^\s/:]+:\d{1,5}\/?)$/,
        'must be unix:///path/to/docker.sock or tcp://host:port',
      ),
  ),
  DOCKER_HOSTS: optional(z.string()),
  DOCKER_TLS_VERIFY: z.preprocess(
    unset,
    z
      .enum(['0', '1'], { error: 'must be 1 (verify the engine with TLS) or 0' })
      .transform((v) => v === '1')
      .default(false),
  ),
  DOCKER_CERT_PATH: optional(z.string()),
  DEMO_IMAGE: z.preprocess(
    unset,
    z
      .string()
      .max(255)
      .regex(IMAGE_REFERENCE, 'must be an image reference such as busybox:1.36.1')
      .default(DEFAULT_DEMO_IMAGE),
  ),
  BUSYBOX_PATH: z.preprocess(
    unset,
    z
      .string()
      .refine((p) => path.isAbsolute(p), 'must be an absolute path')
      .default('/bin/busybox'),
  ),
  DEMO_CONCURRENCY: wholeNumber(1, 32, 4),
  DEMO_TIME_LIMIT_S: wholeNumber(2, MAX_TIME_LIMIT_S, 20),
  DEMO_JANITOR_INTERVAL_S: wholeNumber(1, 86_400, 60),
  PLAYGROUND_IDLE_MINUTES: wholeNumber(1, 1440, 30),
  PLAYGROUND_MAX_CONTAINERS: wholeNumber(1, 20, 3),
  PLAYGROUND_MAX_IMAGES: wholeNumber(1, 20, 3),
  PLAYGROUND_COMMANDS_PER_MINUTE: wholeNumber(1, 600, 12),
  PLAYGROUND_TIME_LIMIT_S: wholeNumber(1, 60, 10),
  TIP_CHANNELS: z.preprocess(
    unset,
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .superRefine(
        checkedBy((ids: string[]) => {
          const bad = ids.find((id) => !CHANNEL_ID.test(id));
          return bad === undefined
            ? undefined
            : `must be comma-separated channel IDs such as C0123ABCD; "${bad.slice(0, 40)}" is not one (a channel's ID is at the bottom of its details)`;
        }),
      )
      .default([]),
  ),
  TIP_SCHEDULE: z.preprocess(
    unset,
    z.string().superRefine(checkedBy(cronProblem)).default(DEFAULT_TIP_SCHEDULE),
  ),
  TIP_TIMEZONE: z.preprocess(
    unset,
    z.string().superRefine(checkedBy(timeZoneProblem)).default(DEFAULT_TIP_TIMEZONE),
  ),
  TIP_QUIZ_DAYS: z.preprocess(
    unset,
    z.string().superRefine(checkedBy(weekdaysProblem)).transform(parseWeekdays).default([]),
  ),
});

/** Reads and checks the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const shown =
      typeof env[variable] === 'string' &&
      !variable.includes('TOKEN') &&
      !variable.includes('SECRET') &&
      !variable.includes('KEY') &&
      variable !== 'DATABASE_URL';
    throw new ConfigError(
      variable,
      `${issue?.message ?? 'is invalid'}${shown ? ` (got "${env[variable]}")` : ''}`,
    );
  }
  const v = parsed.data;
  const oauth = oauthConfig(v);
  if (oauth && v.TIP_CHANNELS.length)
    throw new ConfigError(
      'TIP_CHANNELS',
      'names channels of one workspace; with OAuth (SLACK_CLIENT_ID) each channel turns tips on with /docker tips on',
    );
  const certPath = v.DOCKER_CERT_PATH && path.resolve(v.DOCKER_CERT_PATH);
  const single = { dockerHost: v.DOCKER_HOST, tlsVerify: v.DOCKER_TLS_VERIFY, certPath };
  const transport = oauth
    ? 'http'
    : chooseTransport(v.SLACK_BOT_TOKEN, v.SLACK_SIGNING_SECRET, v.SLACK_APP_TOKEN);
  return {
    transport,
    slack: {
      botToken: v.SLACK_BOT_TOKEN,
      signingSecret: v.SLACK_SIGNING_SECRET,
      appToken: v.SLACK_APP_TOKEN,
      apiUrl: v.SLACK_API_URL,
      oauth,
    },
    port: v.PORT,
    instanceId: v.INSTANCE_ID,
    dataDir: path.resolve(v.DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    questionRetentionDays: v.QUESTION_RETENTION_DAYS,
    // In the console, logs share the terminal with the answers: only warnings unless asked for more.
    logLevel: v.LOG_LEVEL ?? (transport === 'console' ? 'warn' : 'info'),
    logFormat: v.LOG_FORMAT,
    metricsPort: v.METRICS_PORT,
    metricsToken: v.METRICS_TOKEN,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_S * 1000,
    sandbox: {
      engines: v.DOCKER_HOSTS === undefined ? [single] : dockerHosts(v.DOCKER_HOSTS, single),
      demoImage: v.DEMO_IMAGE,
      busyboxPath: v.BUSYBOX_PATH,
    },
    demos: {
      concurrency: v.DEMO_CONCURRENCY,
      timeLimitMs: v.DEMO_TIME_LIMIT_S * 1000,
      janitorIntervalMs: v.DEMO_JANITOR_INTERVAL_S * 1000,
    },
    playground: {
      idleMs: v.PLAYGROUND_IDLE_MINUTES * 60_000,
      maxContainers: v.PLAYGROUND_MAX_CONTAINERS,
      maxImages: v.PLAYGROUND_MAX_IMAGES,
      commandsPerMinute: v.PLAYGROUND_COMMANDS_PER_MINUTE,
      timeLimitMs: v.PLAYGROUND_TIME_LIMIT_S * 1000,
    },
    tips: {
      channels: [...new Set(v.TIP_CHANNELS)],
      schedule: v.TIP_SCHEDULE.trim(),
      timezone: v.TIP_TIMEZONE,
      quizDays: v.TIP_QUIZ_DAYS,
    },
  };
}

type Env = z.infer<typeof EnvSchema>;

/**
 * Many workspaces: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, over HTTP (SLACK_SIGNING_SECRET), with
 * SLACK_STATE_SECRET and SLACK_TOKEN_ENCRYPTION_KEY; tokens come from installations, never the environment.
 */
function oauthConfig(v: Env): OAuthConfig | undefined {
  if (!v.SLACK_CLIENT_ID && !v.SLACK_CLIENT_SECRET) {
    for (const name of ['SLACK_STATE_SECRET', 'SLACK_TOKEN_ENCRYPTION_KEY'] as const)
      if (v[name])
        throw new ConfigError(name, 'is only used with OAuth (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)');
    return undefined;
  }
  const needed = (name: keyof Env, why: string) => {
    if (!v[name]) throw new ConfigError(name, why);
  };
  const forbidden = (name: keyof Env, why: string) => {
    if (v[name]) throw new ConfigError(name, why);
  };
  needed('SLACK_CLIENT_ID', 'is required with SLACK_CLIENT_SECRET (OAuth, many workspaces)');
  needed('SLACK_CLIENT_SECRET', 'is required with SLACK_CLIENT_ID (OAuth, many workspaces)');
  forbidden(
    'SLACK_BOT_TOKEN',
    'must be unset with OAuth (SLACK_CLIENT_ID): each workspace gets its own token when it installs the app',
  );
  forbidden('SLACK_APP_TOKEN', 'must be unset with OAuth (SLACK_CLIENT_ID): many workspaces need HTTP mode');
  needed('SLACK_SIGNING_SECRET', 'is required with OAuth (SLACK_CLIENT_ID): requests arrive over HTTP');
  needed('SLACK_STATE_SECRET', 'is required with OAuth (SLACK_CLIENT_ID): it signs the install link');
  needed(
    'SLACK_TOKEN_ENCRYPTION_KEY',
    'is required with OAuth (SLACK_CLIENT_ID): bot tokens are stored encrypted with it (openssl rand -hex 32)',
  );
  return {
    clientId: v.SLACK_CLIENT_ID as string,
    clientSecret: v.SLACK_CLIENT_SECRET as string,
    stateSecret: v.SLACK_STATE_SECRET as string,
    encryptionKey: encryptionKey(v.SLACK_TOKEN_ENCRYPTION_KEY as string) as Buffer,
  };
}

const ENGINE_URL = /^(unix:\/\/\/\S+|tcp:\/\/[^\s/:=,]+:\d{1,5}\/?)$/;

/**
 * DOCKER_HOSTS: comma-separated engines, each `unix:///path` or `tcp://host:port`, optionally followed by
 * `=<folder>` holding that engine's ca.pem, cert.pem and key.pem (a tcp engine with a folder uses TLS). An
 * entry without a folder is read as DOCKER_HOST would be (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH).
 */
export function dockerHosts(value: string, single: EngineConfig): EngineConfig[] {
  const fail = (problem: string): never => {
    throw new ConfigError('DOCKER_HOSTS', problem);
  };
  if (single.dockerHost)
    fail('and DOCKER_HOST are both set: use one (DOCKER_HOSTS for several engines, DOCKER_HOST for one)');
  const entries = value.split(',').map((entry) => entry.trim());
  const engines: EngineConfig[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    if (entry === '') fail(`has an empty entry (number ${i + 1}): separate engines with single commas`);
    const at = entry.indexOf('=');
    const url = (at < 0 ? entry : entry.slice(0, at)).trim();
    const folder = at < 0 ? undefined : entry.slice(at + 1).trim();
    if (!ENGINE_URL.test(url))
      fail(
        `entry ${i + 1} must be unix:///path/to/docker.sock or tcp://host:port, optionally with =/path/to/certs (got "${url.slice(0, 80)}")`,
      );
    if (folder !== undefined && (folder === '' || !path.isAbsolute(folder)))
      fail(`entry ${i + 1} (${url}) must name its TLS folder as an absolute path after "="`);
    if (folder !== undefined && url.startsWith('unix://'))
      fail(`entry ${i + 1} (${url}) is a socket: a TLS folder only goes with tcp://`);
    const key = url.replace(/\/$/, '');
    if (seen.has(key)) fail(`names ${key} twice: each engine once`);
    seen.add(key);
    engines.push(
      folder === undefined
        ? { ...single, dockerHost: url }
        : { dockerHost: url, tlsVerify: true, certPath: path.resolve(folder), certVariable: 'DOCKER_HOSTS' },
    );
  }
  return engines;
}

function chooseTransport(botToken?: string, signingSecret?: string, appToken?: string): Transport {
  if (appToken) {
    if (!botToken) throw new ConfigError('SLACK_BOT_TOKEN', 'is required with SLACK_APP_TOKEN (Socket Mode)');
    return 'socket';
  }
  if (botToken) {
    if (!signingSecret) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET',
        'is required in HTTP mode (SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN)',
      );
    }
    return 'http';
  }
  if (signingSecret) throw new ConfigError('SLACK_BOT_TOKEN', 'is required when SLACK_SIGNING_SECRET is set');
  return 'console';
}

/** Every environment variable the app reads (the keys of its schema), for the docs' checks. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);
