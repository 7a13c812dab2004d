import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { AppError } from '../errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `text`: one readable line per entry (the default); `json`: one JSON object per line, for collectors. */
export type LogFormat = 'text' | 'json';

/** What an entry is about, as data: ids (`channel`, `runId`…), counts, durations, and `error`. */
export type LogFields = Record<string, unknown>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The logger every part of the app uses: a short fixed message and fields, never values spliced into the
 * message, so the same entry reads well in a terminal and can be filtered as JSON. An `error` field takes
 * the Error itself. `src/slack/logger.ts` adapts it to Bolt's printf-style Logger.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger for one part of the app (`child('tips')`) or whose entries all carry some fields. */
  child(context: string | LogFields): Logger;
  getLevel(): LogLevel;
  /** Changes the level of this logger and every logger made from the same root. */
  setLevel(level: LogLevel): void;
}

export interface Sink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  format?: LogFormat;
  /** The component entries name until `child` names another (`app`). */
  component?: string;
  now?: () => Date;
  /** Values that must never be written (the configured tokens and signing secret), whatever carries them. */
  secrets?: readonly (string | undefined)[];
}

/** Tokens and secrets that must never reach a log, whatever a library puts in an error message. */
const SECRET = /\b(xox[abposre]-[\w-]+|xapp-[\w-]+)/g;
/** Fields whose value is a credential by their name alone (`token`, `signingSecret`, `authorization`…). */
const SECRET_KEY = /token|secret|authori[sz]ation|password|cookie/i;
const REDACTED = '[redacted]';

/** Fields that every entry made while handling one request carries: its team, channel, user and event ids. */
const requestFields = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` so that every entry logged during it, and during anything it starts, carries `fields` (a Slack
 * request's `team`, `channel`, `user`, `eventId`), without passing a logger along.
 */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return requestFields.run({ ...requestFields.getStore(), ...fields }, work);
}

/** Logs on stderr (stdout stays clean for the local console), as text unless `format` says json. */
export function createLogger(
  level: LogLevel = 'info',
  sink: Sink = process.stderr,
  options: LoggerOptions = {},
): Logger {
  const state = { level };
  const now = options.now ?? (() => new Date());
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const redact = (line: string) =>
    secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), line.replace(SECRET, REDACTED));
  const safeSink: Sink = { write: (line) => sink.write(redact(line)) };
  const write = options.format === 'json' ? jsonWriter(safeSink, now) : textWriter(safeSink, now);
  const make = (component: string, context: LogFields): Logger => {
    const emit = (at: LogLevel, message: string, fields?: LogFields) => {
      if (ORDER[at] < ORDER[state.level]) return;
      write(at, component, message, hideSecretKeys({ ...requestFields.getStore(), ...context, ...fields }));
    };
    return {
      debug: (message, fields) => emit('debug', message, fields),
      info: (message, fields) => emit('info', message, fields),
      warn: (message, fields) => emit('warn', message, fields),
      error: (message, fields) => emit('error', message, fields),
      child: (next) =>
        typeof next === 'string' ? make(next, context) : make(component, { ...context, ...next }),
      getLevel: () => state.level,
      setLevel: (next) => {
        state.level = next;
      },
    };
  };
  return make(options.component ?? 'app', {});
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger('error', { write: () => undefined });

type Write = (level: LogLevel, component: string, message: string, fields: LogFields) => void;

function hideSecretKeys(fields: LogFields): LogFields {
  for (const key of Object.keys(fields)) {
    if (SECRET_KEY.test(key) && fields[key] !== undefined) fields[key] = REDACTED;
  }
  return fields;
}

/** `2025-03-31T07:00:00.000Z WARN [tips] daily tip refused channel=C1 error="ratelimited"`, then any stack. */
function textWriter(sink: Sink, now: () => Date): Write {
  return (level, component, message, fields) => {
    let stack = '';
    const pairs = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        if (value instanceof Error) {
          if (!isExpected(value) && value.stack) stack = `\n${value.stack}`;
          return `${key}=${JSON.stringify(value.message)}`;
        }
        return `${key}=${textValue(value)}`;
      });
    const tail = pairs.length ? ` ${pairs.join(' ')}` : '';
    sink.write(`${now().toISOString()} ${level.toUpperCase()} [${component}] ${message}${tail}${stack}\n`);
  };
}

function textValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return /^[\w.:/@+-]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * One JSON object per line, written by pino: level (as a word), time (ISO 8601), component, the fields
 * (errors as type, message, code and stack), msg. pino writes each line to the sink synchronously.
 */
function jsonWriter(sink: Sink, now: () => Date): Write {
  const json = pino(
    {
      level: 'debug', // the Logger filters by its own shared level first
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => sink.write(line) },
  );
  return (level, component, message, fields) => {
    const body: LogFields = { component };
    for (const [key, value] of Object.entries(fields))
      body[key] = value instanceof Error ? errorFields(value) : value;
    json[level](body, message);
  };
}

function errorFields(error: Error): LogFields {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    code,
    stack: isExpected(error) ? undefined : error.stack,
  };
}

/** Errors the app names (AppError and kin): their message says it all, the stack adds noise. */
const isExpected = (error: Error) => error instanceof AppError;
