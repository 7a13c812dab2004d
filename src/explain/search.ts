import MiniSearch from 'minisearch';
import type { Content, Topic } from '../content/load';
import { findComparison } from './comparison';
import { PhrasingMatcher, termsKey } from './phrasing';
import type { LearnedPhrasing } from './ports';
import {
  applyPhrases,
  indexWords,
  isFollowUp,
  openerOf,
  PRACTICAL,
  QuestionReader,
  type Reading,
  TRY_IT,
  termOf,
  type WordTerms,
} from './reading';

/** One thing an answer can be: a topic section (`topic#slug`) or a tip (`tip:<id>`). */
export interface AnswerDoc {
  id: string;
  kind: 'section' | 'tip';
  topicId: string;
  heading: string;
  body: string;
  /** Tips only: the command that goes with them. */
  example?: string;
  /** Questions people ask that this answers (content front matter `asks`). */
  asks: readonly string[];
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Candidate {
  doc: AnswerDoc;
  score: number;
}

export interface Finding {
  /** The best answer, unless confidence is low. */
  best?: AnswerDoc;
  confidence: Confidence;
  /** 0 to 1: how sure we are that `best` answers the question. */
  score: number;
  /** The top candidates, best first (for logs and tuning). */
  ranked: Candidate[];
  /** The two things compared, when the question is a comparison. */
  comparison?: [string, string];
  /** What the reply offers: the answer and its "did you mean" sections, or the closest sections when not sure. */
  offered: AnswerDoc[];
  /** Whether the question reads as being about Docker at all (only such questions are learned). */
  aboutDocker: boolean;
  /** The learned phrasing that gave the answer, if one did. */
  learned?: LearnedPhrasing;
  /** What the sureness score was computed from (see SURENESS), for `npm run bench:sureness`. */
  features?: number[];
}

/** A question as the index reads it: its terms as an order-free key, and whether it is about Docker. */
export interface QuestionKey {
  key: string;
  aboutDocker: boolean;
}

export interface FindOptions {
  /** The question asked just before in the same conversation, for follow-ups ("and what about it?"). */
  previous?: string;
  /** Phrasings learned from the asker's workspace (AnswerIndex.learnedSet); none: the content's alone. */
  learned?: LearnedSet;
}

/** Phrasings one workspace's people taught, ready to match questions against. */
export interface LearnedSet {
  readonly size: number;
  readonly matcher: PhrasingMatcher;
}

/** How much each part of a question and of the content counts. */
const WEIGHT = {
  previous: 0.35,
  previousPhrasing: 0.8,
  tryIt: 0.6,
  tip: 0.85,
  sameOpener: 1.3,
  /** The question opens like a heading and names every word of it ("what is a registry?"). */
  asksHeading: 1.8,
  bothConcepts: 1.25,
  /** A comparison's answer explains both of the things compared. */
  bothSides: 1.5,
  /** A question that only names a topic is answered by the topic's first section. */
  overview: 2,
  /** With one hinting word and no Docker word, the answer must match this share of the question. */
  hintedMatch: 0.75,
};
const FIELDS = { heading: 1, asks: 1, topic: 1, body: 1, code: 0.5 };
/** Tuned on the question set's dev halves: the weight of the closest phrasing, and the learned-match floor. */
const TUNE = { phrasing: 1.5, learned: 0.9, knownQuestion: 0.85 };

interface Scored {
  doc: AnswerDoc;
  /** Share of the question's words the answer's own text matches. */
  match: number;
  /** Relevance against the best answer's (0..1). */
  rel: number;
  /** Closest phrasing from the content (0..1). */
  sim: number;
}

/**
 * How likely the best answer is right (0..1), from what the ranking saw: how much of the question its words
 * match (less the share of words we do not know), how close its nearest phrasing is, its lead over the next
 * answer in total and in phrasing, the share of known words, and the question's length. A logistic model
 * fitted on the question set's dev halves (held-out questions never take part); see README, "Questions".
 */
export const SURENESS = { weights: [1.83, 2.63, 3.89, 0.78, 2.02, 1.36], bias: -4.99 };

export function sureness(features: readonly number[]): number {
  const z = features.reduce((sum, x, i) => sum + x * (SURENESS.weights[i] ?? 0), SURENESS.bias);
  return Math.round((1 / (1 + Math.exp(-z))) * 100) / 100;
}

/** Confidence tiers on the sureness score: sure (answer), fairly sure (answer and "did you mean"), not sure. */
export const THRESHOLD = { medium: 0.5, high: 0.9 };

/** Whether two lists hold the same terms, in any order. */
function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((t) => right.has(t));
}

/** Terms as an order-free key, without the word every answer shares. */
function nameKey(words: string[]): string {
  return [...new Set(words.map(termOf))]
    .filter((t) => t && t !== 'docker')
    .sort()
    .join(' ');
}

type IndexedDoc = Omit<AnswerDoc, 'asks'> & { asks: string; topic: string; code: string };

/** Prose explains and code illustrates: fenced code is indexed as a field of its own, weighted lower. */
function splitCode(markdown: string): { prose: string; code: string } {
  const code: string[] = [];
  const prose = markdown.replace(/```[^\n]*\n([\s\S]*?)```/g, (_, inner: string) => {
    code.push(inner);
    return ' ';
  });
  return { prose, code: code.join('\n') };
}

/**
 * Question answering over topic sections and tips: MiniSearch with our stemming, learner synonyms,
 * spelling correction, comparison recognition and a confidence score. Built once at start-up.
 */
export class AnswerIndex {
  private readonly index: MiniSearch<IndexedDoc>;
  private readonly docs = new Map<string, AnswerDoc>();
  private readonly reader: QuestionReader;
  private readonly openers = new Map<string, string | undefined>();
  /** A topic's names (id, title, aliases) as term sets, and its first section, which introduces it. */
  private readonly topicNames = new Map<string, string>();
  private readonly overviews = new Map<string, string>();
  /** A heading's terms, for spotting a question that asks exactly what a heading asks. */
  private readonly headings = new Map<string, string[]>();
  private readonly phrasings: PhrasingMatcher;
  /** The topic that answers how two concepts relate (front matter `relates`), and their terms. */
  private readonly relating?: { topicId: string; concepts: [string, string] };

  constructor(content: Content) {
    this.index = new MiniSearch<IndexedDoc>({
      fields: ['heading', 'asks', 'topic', 'body', 'code'],
      tokenize: (text) => indexWords(text),
      processTerm: (term) => termOf(term),
    });
    const frequency = new Map<string, number>();
    const add = (doc: AnswerDoc, topic: string) => {
      this.docs.set(doc.id, doc);
      this.openers.set(doc.id, openerOf(doc.heading.replace(TRY_IT, '')));
      this.headings.set(
        doc.id,
        [...new Set(indexWords(doc.heading).map(termOf))].filter((t) => t !== 'docker'),
      );
      const { prose, code } = splitCode(doc.body);
      this.index.add({
        ...doc,
        asks: doc.asks.join('\n'),
        body: prose,
        code: [code, doc.example ?? ''].join('\n'),
        topic,
      });
      for (const w of indexWords(
        `${doc.heading} ${doc.asks.join(' ')} ${topic} ${doc.body} ${doc.example ?? ''}`,
      ))
        frequency.set(w, (frequency.get(w) ?? 0) + 1);
    };
    const topicText = (t: Topic) => [t.id, t.title, ...t.aliases, ...t.keywords].join(' ');
    for (const topic of content.topics) {
      for (const name of [topic.id, topic.title, ...topic.aliases])
        this.topicNames.set(nameKey(indexWords(name)), topic.id);
      const first = topic.sections[0];
      if (first) this.overviews.set(topic.id, first.id);
      for (const s of topic.sections) {
        const doc: AnswerDoc = {
          id: s.id,
          kind: 'section',
          topicId: topic.id,
          heading: s.heading,
          body: s.body,
          asks: s.asks,
        };
        add(doc, topicText(topic));
      }
    }
    for (const tip of content.tips) {
      const doc: AnswerDoc = {
        id: `tip:${tip.id}`,
        kind: 'tip',
        topicId: tip.topic,
        heading: tip.title,
        body: tip.body,
        example: tip.example,
        asks: tip.asks,
      };
      add(doc, '');
    }
    this.reader = new QuestionReader([...frequency.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w));
    // How telling a term is in a question: rare among the questions answers are known by counts more.
    const phrasingTexts = [...this.docs.values()].flatMap((doc) =>
      [doc.heading.replace(TRY_IT, ''), ...doc.asks].map((text) => ({ id: doc.id, key: termsKey(text) })),
    );
    const documents = new Map<string, number>();
    for (const { key } of phrasingTexts)
      for (const term of new Set(key.split(' '))) documents.set(term, (documents.get(term) ?? 0) + 1);
    const n = phrasingTexts.length;
    this.phrasings = new PhrasingMatcher((term) => Math.log(1 + n / (1 + (documents.get(term) ?? 0))));
    for (const { id, key } of phrasingTexts) this.phrasings.addKey(id, key);
    const relating = content.topics.find((t) => t.relates);
    this.relating = relating?.relates && {
      topicId: relating.id,
      concepts: relating.relates.map((word) => termOf(word)) as [string, string],
    };
  }

  /** Phrasings learned from people's picks (one workspace's), for `find`; those of unknown answers are left out. */
  learnedSet(learned: readonly LearnedPhrasing[]): LearnedSet {
    const known = learned.filter((l) => this.docs.has(l.answerId));
    return { size: known.length, matcher: this.phrasings.learnedMatcher(known) };
  }

  /** A question's terms as a key, and whether it reads as about Docker (for learning phrasings). */
  read(question: string): QuestionKey {
    return { key: termsKey(question), aboutDocker: this.find(question).aboutDocker };
  }

  get size(): number {
    return this.docs.size;
  }

  get(id: string): AnswerDoc | undefined {
    return this.docs.get(id);
  }

  /** Reads a plain question and finds the answer that fits it best, with how sure we are. */
  find(question: string, options: FindOptions = {}): Finding {
    const comparison = findComparison(applyPhrases(question));
    const reading = this.reader.read(question, 1);
    // Phrasings are questions too: "image vs container" meets "difference between an image and a container".
    const phrasingWords = [...reading.words];
    // The comparison itself is understood from its shape; "difference" would only pull in other answers.
    if (comparison)
      reading.words = reading.words.filter((w) => !w.terms.has(termOf('differ')) && !w.terms.has('diff'));
    const words = [...reading.words];
    // A follow-up leans on the question before. Its subject (image, container…) stands for "it" and counts
    // as if said; without one, phrasings meet the earlier question's words nearly as if they were said.
    const leanedOn: WordTerms[] = [];
    if (options.previous && isFollowUp(question, reading)) {
      const before = this.reader.read(options.previous, WEIGHT.previous);
      const subjects = this.reader.read(options.previous, 1).words.filter((w) => w.subject);
      words.push(...subjects, ...before.words.filter((w) => !w.subject || !subjects.length));
      leanedOn.push(
        ...(subjects.length ? subjects : this.reader.read(options.previous, WEIGHT.previousPhrasing).words),
      );
      reading.docker += before.docker;
      reading.hints += before.hints;
    }
    if (words.length === 0)
      return { confidence: 'low', score: 0, ranked: [], comparison, offered: [], aboutDocker: false };

    const asked = new Set(words.flatMap((w) => [...w.terms.keys()]));
    const strongTerms = reading.words.filter((w) => w.weight >= 1).map((w) => [...w.terms.keys()][0] ?? '');
    const conceptTerms = new Set(this.relating?.concepts ?? []);
    const concepts = [...conceptTerms].filter((t) => asked.has(t)).length;
    const sides = comparison?.map((side) => this.conceptOf(side));
    const imageVsContainer = sides !== undefined && new Set(sides).size === 2 && sides.every(Boolean);
    const opener = comparison ? undefined : openerOf(question);
    const practical = PRACTICAL.test(question);
    // "what is a volume?", "how do layers work": a question that only names a topic gets its introduction.
    const nameTerms = reading.words.map((w) => [...w.terms.keys()][0] ?? '');
    // Naming only the two concepts ("is the container just a running copy of the image?") asks how they relate.
    const onlyConcepts = nameTerms.every((t) => conceptTerms.has(t));
    const relates = imageVsContainer || (concepts === 2 && onlyConcepts);
    const named = relates ? onlyConcepts && this.relating?.topicId : this.topicNames.get(nameKey(nameTerms));
    const overview = named && this.overviews.get(named);
    const boostDocument = (id: unknown) => {
      const doc = this.docs.get(String(id));
      if (!doc) return 1;
      let boost = 1;
      if (doc.kind === 'tip') boost = practical ? 1 : WEIGHT.tip;
      else if (TRY_IT.test(doc.heading)) boost = practical ? 1 : WEIGHT.tryIt;
      const heading = this.headings.get(doc.id) ?? [];
      // The same kind of question only counts when it is about the same thing: "what does pause do?" is
      // not asking "what does a commit leave out?".
      if (opener && this.openers.get(doc.id) === opener && heading.some((t) => asked.has(t))) {
        const asksHeading = heading.length > 0 && sameTerms(heading, strongTerms);
        boost *= asksHeading ? WEIGHT.asksHeading : WEIGHT.sameOpener;
      }
      const relating = doc.topicId === this.relating?.topicId;
      if (imageVsContainer) boost *= relating && doc.kind === 'section' ? 3 : 0.3;
      else if (concepts === 2 && relating) boost *= WEIGHT.bothConcepts;
      return boost;
    };

    // One search per word (with its synonyms), so a word counts once however many synonyms it matches.
    const relevance = new Map<string, number>();
    const credit = new Map<string, number>();
    const ownTerms = new Map<string, Set<string>>();
    words.forEach((word, i) => {
      const results = this.index.search([...word.terms.keys()].join(' '), {
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        boost: FIELDS,
        boostTerm: (term) => word.terms.get(term) ?? 0,
        prefix: (term) => term.length >= 7,
        fuzzy: false,
        boostDocument,
      });
      for (const r of results) {
        const id = String(r.id);
        relevance.set(id, (relevance.get(id) ?? 0) + r.score / Math.max(1, r.queryTerms.length));
        if (i >= reading.words.length) continue;
        let best = 0;
        for (const [term, fields] of Object.entries(r.match)) {
          if (!fields.some((f) => f !== 'topic')) continue;
          best = Math.max(best, word.terms.get(term) ?? 0);
          ownTerms.set(id, (ownTerms.get(id) ?? new Set()).add(term));
        }
        credit.set(id, (credit.get(id) ?? 0) + best);
      }
    });
    const total = reading.words.reduce((sum, w) => sum + w.weight, 0);
    // A comparison of other things (stop vs kill, tag vs digest) is answered where both are explained.
    const sideTerms =
      comparison && !imageVsContainer
        ? comparison.map(
            (side) => new Set(this.reader.read(side, 1).words.flatMap((w) => [...w.terms.keys()])),
          )
        : undefined;
    const rescored = [...relevance.entries()]
      .map(([id, score]) => {
        const match = total > 0 ? (credit.get(id) ?? 0) / total : 0;
        const own = ownTerms.get(id) ?? new Set<string>();
        const both = sideTerms?.every((side) => [...side].some((t) => own.has(t)));
        const introduces = id === overview && (relates || nameTerms.every((t) => own.has(t)));
        const boost = (both ? WEIGHT.bothSides : 1) * (introduces ? WEIGHT.overview : 1);
        return {
          doc: this.docs.get(id) as AnswerDoc,
          match,
          score: score * boost,
        };
      })
      .sort((a, b) => b.score - a.score);
    // Phrasings: the question set beside the questions each answer is known to answer.
    const asking = [...phrasingWords, ...leanedOn];
    const phrased = this.phrasings.match(asking, reading.unknown + reading.elsewhere);
    if (options.learned?.size)
      for (const [id, taught] of options.learned.matcher.match(asking, reading.unknown + reading.elsewhere)) {
        const own = phrased.get(id);
        phrased.set(id, { sim: own?.sim ?? 0, learnedSim: taught.learnedSim, learned: taught.learned });
      }
    const relTop = rescored[0]?.score || 1;
    const merged = new Map<string, Scored>();
    for (const r of rescored) {
      const p = phrased.get(r.doc.id);
      merged.set(r.doc.id, {
        doc: r.doc,
        match: r.match,
        rel: r.score / relTop,
        sim: p?.sim ?? 0,
      });
    }
    // A learned phrasing can point at an answer none of whose own words were asked.
    for (const [id, p] of phrased) {
      const doc = this.docs.get(id);
      if (doc && !merged.has(id)) merged.set(id, { doc, match: 0, rel: 0, sim: p.sim });
    }
    const all = [...merged.values()]
      .map((c) => ({ ...c, total: c.rel + TUNE.phrasing * c.sim }))
      .sort((x, y) => y.total - x.total);
    // A question people taught us gets its learned answer, unless the content has a phrasing at least as close.
    let learned: LearnedPhrasing | undefined;
    let learnedSim = TUNE.learned;
    let learnedDoc: string | undefined;
    for (const [id, p] of phrased)
      if (p.learned && p.learnedSim >= learnedSim)
        [learned, learnedSim, learnedDoc] = [p.learned, p.learnedSim, id];
    if (learned && all.some((c) => c.sim >= learnedSim)) learned = undefined;
    const taught = learned && all.find((c) => c.doc.id === learnedDoc);
    if (taught) all.unshift(...all.splice(all.indexOf(taught), 1));
    const namesTopic = Boolean(named) && reading.unknown === 0;
    const top = all[0];
    // A question very close to one the content answers is about Docker even without a Docker word.
    const closeToKnown = (top?.sim ?? 0) >= TUNE.knownQuestion && reading.elsewhere === 0;
    const aboutDocker = top
      ? closeToKnown || this.aboutDocker(reading, imageVsContainer ? 1 : top.match, namesTopic)
      : false;
    const second = all.find((c) => c !== top);
    const margin = top && second ? (top.total - second.total) / top.total : 1;
    // Words we do not know weigh against the answer's own words, not against a close phrasing (which counts them).
    const coverage = reading.known / Math.max(1, reading.known + reading.unknown);
    const secondSim = second?.sim ?? 0;
    const features = top
      ? [
          (imageVsContainer ? 1 : top.match) * coverage,
          top.sim,
          margin,
          top.sim - secondSim,
          coverage,
          Math.min(reading.words.length + leanedOn.length, 12) / 12,
        ]
      : [];
    let score = aboutDocker && top ? sureness(features) : 0;
    if (taught && aboutDocker) score = Math.max(score, THRESHOLD.high);
    const confidence: Confidence =
      score >= THRESHOLD.high ? 'high' : score >= THRESHOLD.medium ? 'medium' : 'low';
    const ranked = all.slice(0, 5).map(({ doc, total }) => ({ doc, score: total }));
    const best = confidence === 'low' ? undefined : top?.doc;
    // Sure: the answer alone. Fairly sure: with two more. Not sure: the three closest, if about Docker at all.
    const offered =
      confidence === 'high' && best ? [best] : aboutDocker ? all.slice(0, 3).map((c) => c.doc) : [];
    return { best, confidence, score, ranked, comparison, offered, aboutDocker, learned, features };
  }

  /** Whether a few words name an image or a container (learner words included). */
  private conceptOf(side: string): string | undefined {
    const terms = this.reader.read(side, 1).words.flatMap((w) => [...w.terms.keys()]);
    return this.relating?.concepts.find((concept) => terms.includes(concept));
  }

  /**
   * Whether the question is about Docker: a Docker word, two hinting words, or nothing but a topic's name
   * ("what's a tag?"), with no other tool named unless a Docker word is there too.
   */
  private aboutDocker(reading: Reading, match: number, namesTopic: boolean): boolean {
    const hinted =
      reading.hints >= 1 && reading.unknown === 0 && reading.known >= 2 && match >= WEIGHT.hintedMatch;
    return reading.docker >= 1 || (reading.elsewhere === 0 && (namesTopic || reading.hints >= 2 || hinted));
  }
}
