import dotenv from 'dotenv';
import { startApp } from './app';
import { isStartupError } from './errors';

/** `npm start`: configuration from the environment (and `.env`); one clear line when it is wrong. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(process.env);
  } catch (error) {
    if (isStartupError(error)) {
      process.stderr.write(`docker-explainer: ${error.message}\n`);
    } else {
      process.stderr.write(`docker-explainer: could not start: ${(error as Error).stack ?? error}\n`);
    }
    process.exit(1);
  }
  const shutdown = async () => {
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.done;
  await app.stop();
  process.exit(0);
}

void main();
