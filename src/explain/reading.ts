import { Spelling } from './spelling';
import { isNoise, STOPWORDS, stem, tokenize } from './terms';
import { DOCKER_WORDS, HINT_WORDS, INTENTS, OTHER_TOOLS, PHRASES, SYNONYMS } from './vocabulary';

/** How much a learner's synonym counts, against the word itself. */
export const EXPANSION = 0.45;

/** Equivalent words, folded together in the content and in questions alike. */
const FOLD: Readonly<Record<string, string>> = {
  different: 'differ',
  difference: 'differ',
  differences: 'differ',
  vs: 'differ',
  versus: 'differ',
  img: 'image',
  images: 'image',
  ctr: 'container',
  vms: 'vm',
  dockerhub: 'hub',
};

/** Terms already worked out: the content repeats its words thousands of times. */
const TERMS = new Map<string, string>();
const TERMS_KEPT = 50_000;

/** A word as the index stores it: folded, then stemmed. */
export function termOf(word: string): string {
  let term = TERMS.get(word);
  if (term === undefined) {
    term = stem(Object.hasOwn(FOLD, word) ? (FOLD[word] as string) : word);
    // Questions bring new words without end: start over rather than grow for ever.
    if (TERMS.size >= TERMS_KEPT) TERMS.clear();
    TERMS.set(word, term);
  }
  return term;
}

/** Lower case, with multi-word ideas made single ("running thing" → container, see PHRASES). */
export function applyPhrases(text: string): string {
  let out = text.toLowerCase();
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  return out;
}

/** The words of content or a question that the index keeps (before folding and stemming). */
export function indexWords(text: string): string[] {
  return tokenize(applyPhrases(text)).filter((w) => !STOPWORDS.has(w) && !isNoise(w));
}

/** Dockerfile instructions are written in capitals; a question that names them asks about instructions. */
const INSTRUCTION =
  /\b(?:FROM|RUN|CMD|COPY|ADD|ENTRYPOINT|ENV|WORKDIR|EXPOSE|USER|LABEL|ARG|VOLUME|HEALTHCHECK)\b/;

/** The Docker words for what a question asks in everyday words (see INTENTS). */
function intentsOf(question: string): string[] {
  const lower = question.toLowerCase();
  const words = INTENTS.filter(([pattern]) => pattern.test(lower)).map(([, said]) => said);
  if (INSTRUCTION.test(question)) words.push('instruction');
  return words;
}

/** "Try it: …" sections walk through commands; their heading's question follows the label. */
export const TRY_IT = /^try it\b:?\s*/i;

/** "How do I …" questions want commands: tips and "Try it" sections answer them as well as explanations. */
export const PRACTICAL = /\bhow (?:do|can|would|should|could) (?:i|we|you)\b|\bhow to\b|\bcommands?\b/i;

/** The kind of question by its opening words, matched against section headings written as questions. */
export function openerOf(text: string): string | undefined {
  const t = text.toLowerCase();
  if (/\bwhat (?:do|does|did)\b/.test(t)) return 'what-does';
  if (/\bwhat(?:'s|s| is| are)\b|\bwhat (?:an? |the )?[\w-]+ (?:is|are)\b/.test(t)) return 'what';
  if (PRACTICAL.test(t)) return 'how-to';
  const first = /^\W*(why|how|which|can|does|do|is|are|should|where)\b/.exec(t)?.[1];
  if (first === 'do' || first === 'does') return 'does';
  if (first === 'is' || first === 'are') return 'is';
  return first;
}

/** One word of a question: the terms it searches with (itself, then its synonyms), by weight. */
export interface WordTerms {
  terms: Map<string, number>;
  weight: number;
  /** A word that makes a question about Docker on its own (image, container, volume…): a subject. */
  subject?: boolean;
}

/** A question as weighted words, with how much of it we know and how much it is about Docker. */
export interface Reading {
  words: WordTerms[];
  /** Words naming other tools (git, AWS): without a Docker word, the question is about those. */
  elsewhere: number;
  known: number;
  unknown: number;
  /** Words that make a question about Docker on their own (image, container, volume…). */
  docker: number;
  /** Words that hint at Docker but mean other things too (tag, commit, push, recipe…). */
  hints: number;
}

const FOLLOW_UP =
  /\b(it|its|it's|that|this|they|them|those|these|one|instead|also|too|then|what about|how about)\b|^(and|so|but|ok|okay)\b/i;

/**
 * Whether a question leans on the one before: it points back ("and if I stop it?", "what about tags?"), or
 * it has no Docker word and nothing else we could read it by. One that names another tool and no Docker
 * word is about that tool ("how do I revert a git commit?"), and one with words of its own ("can you
 * recommend a pasta recipe?") is about those, whatever was asked before.
 */
export function isFollowUp(question: string, reading: Reading): boolean {
  if (reading.docker === 0 && reading.elsewhere > 0) return false;
  return FOLLOW_UP.test(question) || (reading.docker === 0 && reading.hints === 0 && reading.unknown === 0);
}

/** Reads questions against the content's vocabulary: spelling, learner words, intents, Docker-ness. */
export class QuestionReader {
  private readonly vocabulary: Set<string>;
  private readonly spelling: Spelling;
  private readonly dockerTerms = new Set([...DOCKER_WORDS].map(termOf));
  private readonly hintTerms = new Set([...HINT_WORDS].map(termOf));

  /** `contentWords`: the content's words, most frequent first (spelling prefers them). */
  constructor(contentWords: Iterable<string>) {
    this.vocabulary = new Set([...contentWords, ...Object.keys(SYNONYMS), ...DOCKER_WORDS, ...HINT_WORDS]);
    this.spelling = new Spelling([...this.vocabulary, ...STOPWORDS]);
  }

  /** The question's words as weighted index terms; `weight` scales them (a previous question counts less). */
  read(question: string, weight = 1): Reading {
    const reading: Reading = { words: [], elsewhere: 0, known: 0, unknown: 0, docker: 0, hints: 0 };
    const text = [applyPhrases(question), ...intentsOf(question)].join(' ');
    const seen = new Set<string>();
    for (const raw of tokenize(text)) {
      if (OTHER_TOOLS.has(raw)) reading.elsewhere += 1;
      if (STOPWORDS.has(raw) || isNoise(raw)) continue;
      // "10 containers", "10x the space": a count says "many", and is no unknown word. A number the content
      // itself uses (Docker 29, exit code 137) is a word like any other.
      if (/^\d+x?$/.test(raw) && !this.vocabulary.has(raw)) {
        if (Number.parseInt(raw, 10) >= 2)
          reading.words.push({ terms: new Map([['many', weight * EXPANSION]]), weight: 0 });
        continue;
      }
      let word = raw;
      let certainty = 1;
      if (!this.vocabulary.has(word) && !word.startsWith('-')) {
        const corrected = this.spelling.correct(word);
        if (!corrected) {
          reading.unknown += 1;
          continue;
        }
        if (STOPWORDS.has(corrected)) continue;
        word = corrected;
        certainty = 0.7;
      }
      const term = termOf(word);
      if (seen.has(term)) continue;
      seen.add(term);
      reading.known += certainty;
      let subject = false;
      if (word.startsWith('-')) reading.hints += 1;
      else if (this.dockerTerms.has(term) && (certainty === 1 || word.length >= 5)) {
        reading.docker += 1;
        subject = true;
      } else if (this.hintTerms.has(term)) reading.hints += 1;
      // Every answer here is about Docker: the word tells us the question is, not which answer fits.
      if (term === 'docker') continue;
      const w = weight * certainty;
      const group: WordTerms = { terms: new Map([[term, w]]), weight: w, subject };
      for (const synonym of (Object.hasOwn(SYNONYMS, word) && SYNONYMS[word]) || []) {
        const t = termOf(synonym);
        if (!group.terms.has(t)) group.terms.set(t, w * EXPANSION);
      }
      reading.words.push(group);
    }
    return reading;
  }
}
