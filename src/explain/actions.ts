import type { Message } from '../message';
import type { ActionHandler } from '../transport';

/** 👍 and 👎 under an answer; the value is the answer's reference. */
export const FEEDBACK_UP = 'feedback_up';
export const FEEDBACK_DOWN = 'feedback_down';
/** "Or did you mean", a closest section when not sure, or a pick after 👎: value `<ref>:<answer id>`. */
export const ANSWER_INSTEAD = 'answer_instead';

/** What the answer buttons need of question answering (QuestionAnswerer has it). */
export interface AnswerChoices {
  choose(ref: number, answerId: string, userId: string): Promise<Message | undefined>;
  feedback(ref: number, userId: string, helpful: boolean): Promise<Message>;
}

/** The buttons under answers: feedback, and choosing another section for the same question. */
export function answerActions(answers: AnswerChoices): ActionHandler[] {
  const vote = (id: string, helpful: boolean): ActionHandler => ({
    id,
    name: 'feedback',
    // One vote per person (a second press changes it), acknowledged quietly.
    async handle(value, request, output) {
      const ref = Number(value);
      const message = Number.isSafeInteger(ref)
        ? await answers.feedback(ref, request.userId, helpful)
        : { text: 'That answer cannot be rated.', blocks: [] };
      await output.send(message, 'ephemeral');
    },
  });
  const instead: ActionHandler = {
    id: ANSWER_INSTEAD,
    name: 'choosing an answer',
    // The chosen section replaces the message the button is in (the answer for everyone, or the voter's
    // private list), and the pick is recorded. Both parts of the value are checked again.
    async handle(value, request, output) {
      const at = value.indexOf(':');
      const ref = Number(value.slice(0, at));
      const answerId = value.slice(at + 1);
      const message =
        at > 0 && Number.isSafeInteger(ref) ? await answers.choose(ref, answerId, request.userId) : undefined;
      if (!message) {
        await output.send({
          text: 'That question is too old to answer again. Please ask it once more.',
          blocks: [],
        });
        return;
      }
      await output.replace(message);
    },
  };
  return [vote(FEEDBACK_UP, true), vote(FEEDBACK_DOWN, false), instead];
}
