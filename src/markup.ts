import { stripInvisible } from './unicode';

/**
 * What a person typed in Slack, as plain words: mentions and channel or group links removed, `<url|label>`
 * keeps its label, bare links and emoji codes (`:wave:`) dropped, entities decoded, code marks removed (code kept as words), invisible
 * characters dropped, whitespace collapsed. Used wherever text a person typed is read or shown back.
 */
export function plainText(text: string): string {
  const plain = text
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+(\|[^>]*)?>/gi, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/gi, ' $1 ')
    .replace(/<(?:https?|mailto):[^>]*>/gi, ' ')
    .replace(/(^|\s):[a-z0-9_+'-]+:(?::skin-tone-\d:)?(?=\s|$|[.,!?])/gi, '$1 ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/`{3}[\w-]*\n|`{3}/g, ' ')
    .replace(/[`*~]/g, ' ')
    .replace(/(^|\s)_+|_+(\s|$)/g, ' ');
  return stripInvisible(plain.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}
