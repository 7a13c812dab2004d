import { quoteUserText } from '../message';
import type { QuizDesk } from '../quiz/desk';
import { CHANNEL_ONLY, NO_QUESTIONS } from '../quiz/messages';
import type { Subcommand } from '../transport';

/** `/docker quiz [channel | stats | answer <n>]`: a question of one's own, a channel quiz, the team's stats. */
export function quizSubcommand(desk: QuizDesk): Subcommand {
  return {
    name: 'quiz',
    help: [
      { usage: 'quiz', summary: 'one question at a time, with your score and streak (only you see it)' },
      {
        usage: 'quiz channel',
        summary: 'a question everyone in this channel can answer once, with a live tally',
      },
      {
        usage: 'quiz stats',
        summary: 'how many people took the tour and quiz, and the questions missed most',
      },
    ],
    run: async (args, request, output) => {
      const [word = '', ...rest] = args.split(' ');
      switch (word) {
        case '':
        case 'me':
        case 'next':
          await output.send(await desk.next(request.userId));
          return;
        case 'answer':
          await output.send(await desk.answerLast(request.userId, rest.join(' ')));
          return;
        case 'channel':
        case 'team':
        case 'everyone': {
          if (request.channelId.startsWith('D')) {
            await output.send(CHANNEL_ONLY);
            return;
          }
          const quiz = await desk.openChannelQuiz(request.channelId, request.userId);
          await (quiz ? output.send(quiz, 'in_channel') : output.send(NO_QUESTIONS));
          return;
        }
        case 'stats':
          await output.send(await desk.stats());
          return;
        default: {
          const text = `I don't know ${quoteUserText(args)} here. \`/docker quiz\` asks you a question, \`/docker quiz channel\` asks everyone in this channel, \`/docker quiz stats\` shows how the team is doing.`;
          await output.send({ text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] });
        }
      }
    },
  };
}
