import { format } from 'node:util';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../ops/log';

/**
 * Bolt and the Web API client log printf-style (`logger.warn('failed:', error)`) and want their own LogLevel
 * enum (the same words): the words become the message, an Error among them the `error` field.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const entry =
    (write: Logger['info']) =>
    (...msg: unknown[]) => {
      const error = msg.find((part) => part instanceof Error);
      write(format(...msg.filter((part) => part !== error)).trim(), error ? { error } : undefined);
    };
  return {
    debug: entry(logger.debug),
    info: entry(logger.info),
    warn: entry(logger.warn),
    error: entry(logger.error),
    setLevel: (level) => logger.setLevel(level as ReturnType<Logger['getLevel']>),
    getLevel: () => logger.getLevel() as LogLevel,
    // Bolt names its logger after the app; ours names the component already.
    setName: () => undefined,
  };
}
