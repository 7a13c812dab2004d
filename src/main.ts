import dotenv from 'dotenv';
import { startApp } from './app';
import { isStartupError } from './errors';
import { exitOnSignals } from './ops/shutdown';

/** `npm start`: configuration from the environment (and `.env`); one clear line when it is wrong. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  // As PID 1 in a container, a signal with no handler is ignored: stopping during start-up must still work.
  const early = (signal: NodeJS.Signals) => {
    process.stderr.write(`docker-explainer: ${signal} during start-up; exiting\n`);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, early);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(process.env);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.off(signal, early);
  } catch (error) {
    if (isStartupError(error)) {
      process.stderr.write(`docker-explainer: ${error.message}\n`);
    } else {
      process.stderr.write(`docker-explainer: could not start: ${(error as Error).stack ?? error}\n`);
    }
    process.exit(1);
  }
  exitOnSignals({ stop: app.stop, timeoutMs: app.config.shutdownTimeoutMs, logger: app.logger });
  await app.done;
  await app.stop();
  process.exit(0);
}

void main();
