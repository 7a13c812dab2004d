import type { Logger } from './log';

export type StopOutcome = 'stopped' | 'timed out' | 'failed';

/** Runs `stop` but waits no longer than `timeoutMs`; says how it ended. */
export async function boundedStop(stop: () => Promise<void>, timeoutMs: number): Promise<StopOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<StopOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  try {
    return await Promise.race([stop().then((): StopOutcome => 'stopped'), late]);
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export interface ShutdownOptions {
  stop: () => Promise<void>;
  timeoutMs: number;
  logger: Logger;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: stop everything (transports first, so no new work comes in), then exit 0; exit 1 when
 * the stop fails or takes longer than `timeoutMs`. A second signal exits at once.
 */
export function exitOnSignals({
  stop,
  timeoutMs,
  logger,
  exit = (code) => process.exit(code),
  signals = ['SIGTERM', 'SIGINT'],
}: ShutdownOptions): () => void {
  let stopping = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal: exiting without waiting', { signal });
      exit(1);
      return;
    }
    stopping = true;
    logger.info('shutting down', { signal, timeoutMs });
    const outcome = await boundedStop(stop, timeoutMs);
    if (outcome === 'stopped') {
      logger.info('stopped');
      exit(0);
    } else {
      logger.error('shutdown did not finish; exiting anyway', { outcome, timeoutMs });
      exit(1);
    }
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

/** Runs each step in order, whatever the ones before did; logs the failures. */
export async function stopInOrder(
  steps: readonly (readonly [name: string, stop: () => Promise<void> | void])[],
  logger: Logger,
): Promise<void> {
  for (const [name, stop] of steps) {
    try {
      await stop();
    } catch (error) {
      logger.error('could not stop a part cleanly', { part: name, error });
    }
  }
}
