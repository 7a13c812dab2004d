import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log';

/** Bolt and the Web API client want their own LogLevel enum; the values are the same words. */
export function toBoltLogger(logger: Logger): BoltLogger {
  return {
    debug: logger.debug,
    info: logger.info,
    warn: logger.warn,
    error: logger.error,
    setLevel: (level) => logger.setLevel(level as Parameters<Logger['setLevel']>[0]),
    getLevel: () => logger.getLevel() as LogLevel,
    setName: logger.setName,
  };
}
