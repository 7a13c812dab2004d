/** Words and stems: the one tokenizer used both to index the content and to read questions. */

/**
 * Splits text into lower-case words; `copy-on-write` becomes its parts. A command-line flag such as `--rm`
 * gives both the word and the flag (`rm`, `--rm`), since the flag is the more telling of the two.
 */
export function tokenize(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
  const flags = [...lower.matchAll(/(?<![\w-])--([a-z][a-z0-9]*)/g)].map((m) => `--${m[1]}`);
  const words = lower
    .replace(/'(s|t|re|ve|ll|d|m)\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return flags.length ? [...words, ...flags] : words;
}

/** Noise in content and questions: ids, hashes and long numbers say nothing about meaning. */
export function isNoise(word: string): boolean {
  return word.length > 24 || /^[0-9a-f]{7,}$/.test(word) || /^\d{3,}$/.test(word);
}

const VOWEL = /[aeiouy]/;

/**
 * A light English stemmer (plurals, -ing, -ed, -ly, -er/-ers, -ment, -ness): enough to meet "layers" with
 * "layer" and "deleting" with "deleted" without Porter's over-reach ("container" stays apart from "contain").
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /[\d-]/.test(w)) return w;
  if (/ie[sd]$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // class, status, analysis: not plurals
  } else if (/(sses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly', 'ment', 'ness']) {
    if (suffix === 'ed' && w.endsWith('ed') && w.length === 4) {
      w = w.slice(0, -1);
      break;
    }
    if (w.endsWith(suffix) && VOWEL.test(w.slice(0, -suffix.length)) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      if (/([bdfgklmnprt])\1$/.test(w) && !/(ll|ss)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Words that carry no meaning for search: function words, chat filler and common chat misspellings. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any anyone anything are aren as at be because been before
  being below between both but by can cannot could couldn did didn do does doesn doing don done down during
  each else etc even ever every few for from further get gets getting go goes going got had has hasn have
  having he her here hers him his how i if in into is isn it its itself just let like ll me might mine more
  most much must my myself no nor not now of off on once only or other our ours out over own please pls
  plz really same say says she should so some such than that the their them then there these they thing
  things this those though through thx to too u under until up us very via want was wasn way
  we were what whats when where whether which while who whom why will with won would wouldn ya yes yet you
  your yours yourself hi hey hello yo folks guys team everyone anybody somebody someone ok okay thanks
  thank lol btw basically actually exactly still r ur wat wut teh hte waht nah yeah yep kinda sorta gonna
  wanna tell know explain mean understand wonder wondering quick question confused anyway huh work need
  needs needed docs documentation doc tutorial article
  works worked working make makes see others use used using uses wen called`.split(/\s+/),
);

/** The stems of a text's meaningful words, in order. */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((w) => !STOPWORDS.has(w) && !isNoise(w))
    .map(stem);
}
