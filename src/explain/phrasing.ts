import type { LearnedPhrasing } from './ports';
import { indexWords, termOf, type WordTerms } from './reading';

/** How much of a phrasing's meaning the question must carry, against how much of the question it explains. */
const RECALL_SHARE = 0.5;
/** What a word we do not know weighs in a question (a rare word's weight is about 4). */
const UNKNOWN_WEIGHT = 2.5;

interface Phrasing {
  docId: string;
  /** Its terms, each weighted by how telling it is (inverse document frequency). */
  terms: Map<string, number>;
  total: number;
  learned?: LearnedPhrasing;
}

export interface PhrasingMatch {
  /** 0..1: how closely the question says what one of the document's phrasings from the content says. */
  sim: number;
  /** The same for the closest phrasing learned from people's picks, if any (0 when none). */
  learnedSim: number;
  learned?: LearnedPhrasing;
}

/** A phrasing's or question's meaningful terms, as an order-free key (the same question in other words order). */
export function termsKey(text: string): string {
  return [...new Set(indexWords(text).map(termOf))]
    .filter((t) => t !== 'docker')
    .sort()
    .join(' ');
}

/**
 * Matches questions against the questions each answer is known to answer (its heading, the content's
 * `asks`, and phrasings learned from people's picks): the FAQ-bot half of answering, where a question close
 * to a known one gets its answer whatever the answer's own words are.
 */
export class PhrasingMatcher {
  private readonly phrasings: Phrasing[] = [];
  private readonly byTerm = new Map<string, number[]>();

  constructor(private readonly weightOf: (term: string) => number) {}

  add(docId: string, text: string, learned?: LearnedPhrasing): void {
    this.addKey(docId, termsKey(text), learned);
  }

  /** `add` for a phrasing whose terms key (termsKey) is already known. */
  addKey(docId: string, key: string, learned?: LearnedPhrasing): void {
    const terms = new Map<string, number>();
    for (const term of key.split(' ')) if (term) terms.set(term, this.weightOf(term));
    if (terms.size === 0) return;
    const at = this.phrasings.length;
    this.phrasings.push({ docId, terms, total: [...terms.values()].reduce((a, b) => a + b, 0), learned });
    for (const term of terms.keys()) {
      const list = this.byTerm.get(term);
      if (list) list.push(at);
      else this.byTerm.set(term, [at]);
    }
  }

  /**
   * A matcher for phrasings learned from people's picks, weighing terms as this one does. Each workspace has
   * its own: what one workspace taught never answers another's questions.
   */
  learnedMatcher(learned: readonly LearnedPhrasing[]): PhrasingMatcher {
    const matcher = new PhrasingMatcher(this.weightOf);
    for (const l of learned) matcher.add(l.answerId, l.question, l);
    return matcher;
  }

  /**
   * The best phrasing match per document. Recall (how much of a phrasing the question says) counts more
   * than precision (how much of the question the phrasing explains), so a long question with a story
   * around it still meets the short phrasing at its heart.
   */
  match(words: readonly WordTerms[], unknown = 0): Map<string, PhrasingMatch> {
    const mainWeight = words.map((w) => this.weightOf([...w.terms.keys()][0] ?? '') * w.weight);
    // Words we do not know (or that name other tools) are part of what was asked, and no phrasing says them.
    const asked = mainWeight.reduce((a, b) => a + b, 0) + unknown * UNKNOWN_WEIGHT;
    const candidates = new Set<number>();
    for (const w of words)
      for (const t of w.terms.keys()) for (const i of this.byTerm.get(t) ?? []) candidates.add(i);
    const best = new Map<string, PhrasingMatch>();
    for (const i of candidates) {
      const p = this.phrasings[i];
      if (!p) continue;
      const credit = new Map<string, number>();
      let explained = 0;
      words.forEach((w, wi) => {
        let top = 0;
        for (const [t, weight] of w.terms) {
          if (!p.terms.has(t)) continue;
          top = Math.max(top, weight / Math.max(w.weight, 1e-9));
          credit.set(t, Math.max(credit.get(t) ?? 0, weight));
        }
        explained += (mainWeight[wi] ?? 0) * top;
      });
      let said = 0;
      for (const [t, c] of credit) said += (p.terms.get(t) ?? 0) * Math.min(1, c);
      const recall = said / p.total;
      const precision = asked > 0 ? explained / asked : 0;
      const sim = recall ** RECALL_SHARE * precision ** (1 - RECALL_SHARE);
      const before = best.get(p.docId) ?? { sim: 0, learnedSim: 0 };
      if (p.learned) {
        if (sim > before.learnedSim) best.set(p.docId, { ...before, learnedSim: sim, learned: p.learned });
      } else if (sim > before.sim) best.set(p.docId, { ...before, sim });
    }
    return best;
  }
}
