import type { WebClient } from '@slack/web-api';
import type { QuestionSource } from '../explain/ports';
import type { Confidence } from '../explain/search';
import type { SlackDeps } from './deps';
import { reportError } from './errors';
import { threadOutput } from './thread-output';

export interface ConversationQuestion {
  text: string;
  user: string;
  channel: string;
  /** Where the answer goes: a thread's ts, or undefined for the conversation itself (a DM). */
  threadTs?: string;
  source: QuestionSource;
  /** `high` for listen mode: stay quiet unless sure. */
  minimum?: Exclude<Confidence, 'low'>;
}

/** Answers a question asked in a conversation (a mention, a DM, a listened channel) where it was asked. */
export async function answerInConversation(
  deps: SlackDeps,
  client: WebClient,
  question: ConversationQuestion,
): Promise<void> {
  const output = threadOutput(client, question.channel, question.user, question.threadTs);
  try {
    const answered = await deps.answerer.ask(
      {
        text: question.text,
        userId: question.user,
        conversation: `${question.channel}:${question.threadTs ?? ''}`,
        source: question.source,
      },
      { minimum: question.minimum },
    );
    deps.logger.debug('question answered', {
      source: question.source,
      channel: question.channel,
      answer: answered.finding.best?.id ?? 'not sure',
      score: answered.finding.score,
    });
    if (!answered.answered && question.minimum === 'high') return;
    await output.send(answered.message, 'in_channel');
  } catch (error) {
    await reportError(error, output, deps.logger, `answering a ${question.source}`);
  }
}

/** Whether an event is a person's own new message (not a bot's, not an edit, join or other subtype). */
export function isPersonMessage(event: { subtype?: string; bot_id?: string; user?: string }): boolean {
  return event.subtype === undefined && !event.bot_id && typeof event.user === 'string';
}
