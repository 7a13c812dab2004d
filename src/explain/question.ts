import { plainText } from '../markup';

/** Longest question we read; the rest is ignored. */
export const MAX_QUESTION_CHARS = 1500;

/** The words of a chat message as a question: Slack markup removed (see `plainText`), bounded in length. */
export function plainQuestion(text: string): string {
  return Array.from(plainText(text)).slice(0, MAX_QUESTION_CHARS).join('');
}

const ASKING =
  /^(what|whats|what's|why|how|hows|how's|when|where|which|who|can|could|does|do|did|is|isn't|are|aren't|should|would|will|whats|explain|anyone know|any idea)\b/i;

/** Whether a message reads as a question (for listen mode, which must not answer every remark). */
export function readsAsQuestion(question: string): boolean {
  const text = question.trim();
  return /\?\s*$/.test(text) || ASKING.test(text);
}
