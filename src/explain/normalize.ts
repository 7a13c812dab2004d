import { stripInvisible } from '../unicode';

/** Folds what people type into one comparable form: full-width to ASCII, lower case, no control characters. */
export function normalize(text: string): string {
  return stripInvisible(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a normalized text, without surrounding punctuation. */
export function words(text: string): string[] {
  return normalize(text)
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}
