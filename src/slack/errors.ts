import { describeForUser } from '../errors';
import type { Logger } from '../ops/log';
import type { Output } from '../transport';

/** The one place Slack listeners turn a failure into a polite ephemeral answer (and a log line). */
export async function reportError(
  error: unknown,
  output: Output,
  logger: Logger,
  during: string,
): Promise<void> {
  logger.error('request failed', { during, error });
  const text = describeForUser(error);
  try {
    await output.send({ text, blocks: [{ type: 'markdown', text: `⚠️ ${text}` }] }, 'ephemeral');
  } catch (secondary) {
    logger.error('could not tell the user that a request failed', { during, error: secondary });
  }
}
