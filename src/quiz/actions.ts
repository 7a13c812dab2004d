import type { ActionHandler } from '../transport';
import type { QuizDesk } from './desk';

/** An answer to a question of one's own: `<question id>:<round>:<option number>`. */
export const QUIZ_ANSWER_ACTION = 'quiz_answer';
/** Next question (also Quiz me at the end of the tour and on the App Home). */
export const QUIZ_NEXT_ACTION = 'quiz_next';
/** An answer to a channel quiz: `<quiz id>:<option number>`. */
export const QUIZ_CHANNEL_ANSWER_ACTION = 'quiz_channel_answer';

/** The quiz's buttons; every value is checked again by the desk. */
export function quizActions(desk: QuizDesk): ActionHandler[] {
  return [
    {
      id: QUIZ_ANSWER_ACTION,
      name: 'answering a quiz question',
      async handle(value, request, output) {
        const result = await desk.answer(request.userId, value);
        if (request.inPrivateMessage || request.messageTs) await output.replace(result);
        else await output.send(result);
        await desk.answered(request);
      },
    },
    {
      id: QUIZ_NEXT_ACTION,
      name: 'the next quiz question',
      async handle(_value, request, output) {
        const next = await desk.next(request.userId);
        if (request.inPrivateMessage) await output.replace(next);
        else await output.send(next);
      },
    },
    {
      id: QUIZ_CHANNEL_ANSWER_ACTION,
      name: 'answering a channel quiz',
      handle: (value, request, output) => desk.answerChannel(value, request, output),
    },
  ];
}
