/** C0/C1 control characters, zero-width and bidirectional marks: invisible in Slack, or able to reorder text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** Replaces control and invisible formatting characters with spaces. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, ' ');
}
