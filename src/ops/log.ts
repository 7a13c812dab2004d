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
}

/** Tokens and secrets that must never reach a log, whatever a library puts in an error message. */
const SECRET = /\b(xox[abposre]-[\w-]+|xapp-[\w-]+)/g;
const redact = (text: string) => text.replace(SECRET, '[redacted]');

/** Logs on stderr (stdout stays clean for the local console), as text unless `format` says json. */
export function createLogger(
  level: LogLevel = 'info',
  sink: Sink = process.stderr,
  options: LoggerOptions = {},
): Logger {
  const state = { level };
  const write = options.format === 'json' ? jsonLine : textLine;
  const now = options.now ?? (() => new Date());
  const make = (component: string, context: LogFields): Logger => {
    const emit = (at: LogLevel, message: string, fields?: LogFields) => {
      if (ORDER[at] < ORDER[state.level]) return;
      sink.write(
        redact(write({ time: now(), level: at, component, message, fields: { ...context, ...fields } })),
      );
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

interface Entry {
  time: Date;
  level: LogLevel;
  component: string;
  message: string;
  fields: LogFields;
}

/** `2025-03-31T07:00:00.000Z WARN [tips] daily tip refused channel=C1 error="ratelimited"`, then any stack. */
function textLine({ time, level, component, message, fields }: Entry): string {
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
  return `${time.toISOString()} ${level.toUpperCase()} [${component}] ${message}${tail}${stack}\n`;
}

function textValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return /^[\w.:/@+-]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** One JSON object per line: time, level, component, msg, then the fields (errors as type, message, stack). */
function jsonLine({ time, level, component, message, fields }: Entry): string {
  const body: LogFields = { time: time.toISOString(), level, component, msg: message };
  for (const [key, value] of Object.entries(fields))
    body[key] = value instanceof Error ? errorFields(value) : value;
  return `${JSON.stringify(body)}\n`;
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
