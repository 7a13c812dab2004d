import { stripInvisible } from '../unicode';

/** Longest question we read; the rest is ignored. */
export const MAX_QUESTION_CHARS = 500;

/**
 * The words of a chat message as a question: Slack markup removed (mentions, channel and group links,
 * `<url|label>` keeps its label), code and code blocks kept as words, entities decoded, invisible
 * characters dropped, bounded in length.
 */
export function plainQuestion(text: string): string {
  const plain = text
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+(\|[^>]*)?>/gi, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/gi, ' $1 ')
    .replace(/<(?:https?|mailto):[^>]*>/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/`{3}[\w-]*\n|`{3}/g, ' ')
    .replace(/[`*~]/g, ' ')
    .replace(/(^|\s)_+|_+(\s|$)/g, ' ');
  const flat = stripInvisible(plain.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  return Array.from(flat).slice(0, MAX_QUESTION_CHARS).join('');
}

const ASKING =
  /^(what|whats|what's|why|how|hows|how's|when|where|which|who|can|could|does|do|did|is|isn't|are|aren't|should|would|will|whats|explain|anyone know|any idea)\b/i;

/** Whether a message reads as a question (for listen mode, which must not answer every remark). */
export function readsAsQuestion(question: string): boolean {
  const text = question.trim();
  return /\?\s*$/.test(text) || ASKING.test(text);
}
