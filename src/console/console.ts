import readline from 'node:readline';
import type { CommandRouter } from '../commands/router';
import { describeForUser } from '../errors';
import type { Logger } from '../ops/log';
import { type TextStyle, toText } from '../render/text';
import type { Output } from '../transport';
import { Printer } from './printer';

export interface ConsoleOptions {
  router: CommandRouter;
  logger: Logger;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** The console stands in for one person in one channel. */
export const CONSOLE_USER = 'UCONSOLE';
export const CONSOLE_CHANNEL = 'CCONSOLE';

/**
 * The local console: reads `/docker …` lines, answers each with the same message model as Slack, rendered
 * as text. Interactive on a terminal; when input is piped it answers every line and ends with the input.
 */
export async function runConsole({ router, logger, input, output }: ConsoleOptions): Promise<void> {
  const interactive = Boolean(input.isTTY && output.isTTY);
  const style: TextStyle = {
    color: interactive && !process.env.NO_COLOR,
    width: Math.min(output.columns ?? 100, 110),
  };
  const printer = new Printer(output, (message) => toText(message, style), interactive);
  const out: Output = {
    send: async (message) => printer.show(message),
  };
  const rl = readline.createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  if (interactive) {
    output.write(
      'Docker Explainer: local console. Try /docker image, /docker diff or /docker help; exit to quit.\n',
    );
    rl.setPrompt('docker> ');
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line) {
      const text = line.replace(/^\/?docker(\s+|$)/i, '');
      if (line.startsWith('/') && text === line) {
        printer.note('Only /docker is available here: try /docker help.');
      } else {
        try {
          await router.dispatch({ text, userId: CONSOLE_USER, channelId: CONSOLE_CHANNEL }, out);
        } catch (error) {
          logger.error('console command failed', { error });
          printer.note(describeForUser(error));
        }
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
