import { unknownTopicAnswer } from '../explain/answers';
import type { QuestionAnswerer } from '../explain/ask';
import { normalize } from '../explain/normalize';
import { whatICanExplain } from '../explain/reply';
import type { TopicIndex } from '../explain/topics';
import { type Message, quoteUserText } from '../message';
import type { CommandRequest, Subcommand } from '../transport';
import type { Fallback } from './router';

const conversation = (request: CommandRequest) => `${request.channelId}:command:${request.userId}`;

/** `/docker ask <question>`: an answer only the asker sees, with Share in channel. */
export function askSubcommand(answerer: QuestionAnswerer): Subcommand {
  return {
    name: 'ask',
    aliases: ['question'],
    help: [
      { usage: 'ask <question>', summary: 'answers a question, e.g. `/docker ask can I change an image?`' },
    ],
    run: async (args, request, output) => {
      if (!args) {
        await output.send(askUsage());
        return;
      }
      const question = request.text.replace(/^\s*\S+/, '');
      const { message } = await answerer.ask(
        { text: question, userId: request.userId, conversation: conversation(request), source: 'command' },
        { ephemeral: true },
      );
      await output.send(message);
    },
  };
}

/**
 * `/docker <anything else>`: text of several words is a question. One word was meant as a topic: a typo gets
 * "did you mean", and when we cannot answer it either, the reply keeps the suggestions and lists the topics.
 */
export function askFallback(answerer: QuestionAnswerer, topics: TopicIndex): Fallback {
  const notSureOfWord = (text: string): Message => {
    const opening = `I don't have an explanation for ${quoteUserText(text)}.`;
    return {
      text: `${opening.replace(/`/g, '')} Type /docker help to see everything I can explain.`,
      blocks: [{ type: 'markdown', text: opening }, whatICanExplain(topics.topics)],
    };
  };
  return async (text, request, output) => {
    const oneWord = !normalize(text).includes(' ');
    if (oneWord && topics.suggest(text).length) {
      await output.send(unknownTopicAnswer(text, topics));
      return;
    }
    const { message } = await answerer.ask(
      { text, userId: request.userId, conversation: conversation(request), source: 'command' },
      { ephemeral: true, notSure: oneWord ? notSureOfWord : undefined },
    );
    await output.send(message);
  };
}

function askUsage(): Message {
  const text =
    'Ask me something after `/docker ask`, for example `/docker ask if I delete a container, is my image gone too?` You can also mention me in a channel or send me a direct message.';
  return { text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] };
}
