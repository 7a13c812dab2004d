import { format } from 'node:util';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The logger every part of the app uses; it also satisfies Bolt's Logger interface. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
  child(name: string): Logger;
}

interface Sink {
  write(line: string): unknown;
}

/** Plain one-line logs on stderr, so stdout stays clean for the local console. */
export function createLogger(level: LogLevel = 'info', sink: Sink = process.stderr, name = 'app'): Logger {
  const state = { level, name };
  const emit = (at: LogLevel, msg: unknown[]) => {
    if (ORDER[at] < ORDER[state.level]) return;
    sink.write(`${new Date().toISOString()} ${at.toUpperCase()} [${state.name}] ${format(...msg)}\n`);
  };
  return {
    debug: (...msg) => emit('debug', msg),
    info: (...msg) => emit('info', msg),
    warn: (...msg) => emit('warn', msg),
    error: (...msg) => emit('error', msg),
    setLevel: (next) => {
      state.level = next;
    },
    getLevel: () => state.level,
    setName: (next) => {
      state.name = next;
    },
    child: (childName) => createLogger(state.level, sink, childName),
  };
}
