import { parse } from 'shell-quote';

export type Words = { ok: true; words: string[] } | { ok: false; problem: string };

/** What a host shell would do with each operator, in a few words. */
const OPERATORS: Record<string, string> = {
  ';': 'runs a second command',
  '&&': 'runs a second command',
  '||': 'runs a second command',
  '|': 'pipes into a second command',
  '|&': 'pipes into a second command',
  '&': 'runs a command in the background',
  '>': 'writes to a file',
  '>>': 'writes to a file',
  '>&': 'redirects output',
  '<': 'reads a file',
  '<<': 'reads a file',
  '<&': 'redirects input',
  '(': 'starts a subshell',
  ')': 'ends a subshell',
  '<(': 'substitutes a command',
  $: 'substitutes a command',
};

const FOR_THE_CONTAINER =
  "Quote it for the container's own shell instead: `sh -c 'echo $HOME; ls /tmp'` runs inside the locked-down container.";

/**
 * Splits a playground line into words as a POSIX shell would (quotes, backslashes), with shell-quote, and
 * never runs anything. Whatever a shell on your own computer would have acted on before `docker` saw it
 * (`;`, `&&`, `|`, redirections, `$VAR`, `$(…)`, backticks) is refused with a line saying how to run it in
 * the container instead, so the text can never reach a shell on the bot's host. Comments are dropped, as a
 * shell drops them; a glob (`*`) stays the literal word.
 */
export function shellWords(line: string): Words {
  const unquoted = hostShellSyntax(line);
  if (unquoted) return { ok: false, problem: unquoted };
  const words: string[] = [];
  // Variables come back as objects, not as the bot's own environment (shell-quote's default would read it).
  for (const entry of parse(line, (name) => ({ op: '$', name }) as never)) {
    if (typeof entry === 'string') {
      words.push(entry);
      continue;
    }
    if ('comment' in entry) break;
    if ('pattern' in entry && entry.op === 'glob') {
      words.push(entry.pattern);
      continue;
    }
    const variable = (entry as { name?: string }).name;
    if (variable !== undefined)
      return {
        ok: false,
        problem: `\`$${variable || '(…)'}\` would be expanded by a shell on your own computer, before docker sees it. ${FOR_THE_CONTAINER}`,
      };
    const op = 'op' in entry ? String(entry.op) : '?';
    return {
      ok: false,
      problem: `\`${op}\` ${OPERATORS[op] ?? 'is shell syntax'} in the shell on your own computer, not in the container. ${FOR_THE_CONTAINER}`,
    };
  }
  return { ok: true, words };
}

/**
 * The line as the person typed it, from a slash command's text: Slack's entities decoded, links unwrapped,
 * typographic quotes made plain, and a line wrapped whole in backticks (formatted as code) unwrapped.
 */
export function fromSlack(text: string): string {
  const plain = text
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/gi, (_, url: string, label?: string) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/\u00a0/g, ' ')
    .trim();
  const code = /^(`{1,3})([^`]*)\1$/.exec(plain);
  return code ? (code[2] ?? '').trim() : plain;
}

/** Shell syntax shell-quote passes through as text: an unclosed quote, backticks, a line break. */
function hostShellSyntax(line: string): string | undefined {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '`')
      return `Backticks run a command in the shell on your own computer, not in the container. ${FOR_THE_CONTAINER}`;
    if (quote === '"') {
      if (char === '"') quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '\n' || char === '\r')
      return 'One command per line, please: a line break would start a second command.';
  }
  return quote
    ? `The line ends inside a ${quote === "'" ? 'single' : 'double'}-quoted string: close the quote.`
    : undefined;
}
