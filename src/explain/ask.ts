import type { Content, Topic } from '../content/load';
import { StoreUnavailable } from '../errors';
import type { Button, Message } from '../message';
import type { AppMetrics } from '../ops/metrics';
import type { AnswerLog, PhrasingBook, QuestionSource, StoredAnswer } from './ports';
import { plainQuestion } from './question';
import { answerMessage, insteadButton, notSureMessage } from './reply';
import type { AnswerDoc, AnswerIndex, Confidence, Finding, LearnedSet } from './search';

/** How often learned phrasings are read again from the store (an operator may remove one meanwhile). */
export const LEARNED_REFRESH_MS = 10_000;

const plain = (text: string): Message => ({ text, blocks: [] });

/** How long a question can lean on the one before it ("and what about volumes?"). */
export const FOLLOW_UP_WINDOW_MS = 15 * 60 * 1000;

export interface Question {
  /** As typed, Slack markup and all. */
  text: string;
  userId: string;
  /** Thread, DM or command conversation, for follow-ups. */
  conversation: string;
  source: QuestionSource;
}

export interface AskOptions {
  /** The least confidence worth an answer (listen mode wants `high`). */
  minimum?: Exclude<Confidence, 'low'>;
  /** Adds Share in channel (for answers only the asker sees) and repeats the question. */
  ephemeral?: boolean;
  /** What to say when we are not sure (default: `notSureMessage`); gets the cleaned question. */
  notSure?: (question: string) => Message;
}

export interface Answered {
  /** Whether we answered; otherwise `message` says we are not sure. */
  answered: boolean;
  message: Message;
  finding: Finding;
  ref?: number;
}

export interface AnswererDeps {
  index: AnswerIndex;
  content: Content;
  log: AnswerLog;
  /** Picks and learned phrasings; without it nothing is learned. */
  phrasings?: PhrasingBook;
  /** Buttons for a topic (e.g. Run the demo), the same function the command router uses. */
  topicButtons?: (topic: Topic) => Button[];
  clock?: () => Date;
  /** Counts questions by confidence tier and votes (`dx_questions_total`, `dx_votes_total`). */
  metrics?: Pick<AppMetrics, 'questions' | 'votes'>;
  /**
   * The workspace being answered (the tenancy's team; '' with one workspace). Learned phrasings are kept
   * per workspace, as the store keeps them: what one workspace taught never answers another's questions.
   */
  team?: () => string;
}

/** One workspace's learned phrasings as last read, and when. */
interface LearnedRead {
  set?: LearnedSet;
  at: number;
  /** The latest read, for others to wait on; it never fails. */
  reading: Promise<void>;
}

/** An answer goes on without what the database would add when it is unavailable; other failures are bugs. */
function withoutStore(error: unknown): undefined {
  if (error instanceof StoreUnavailable) return undefined;
  throw error;
}

/** Answers questions from the content: finds the section, logs the answer, builds the message. */
export class QuestionAnswerer {
  private readonly clock: () => Date;
  private readonly team: () => string;
  /** Learned phrasings by workspace, read again from the store every LEARNED_REFRESH_MS. */
  private readonly learned = new Map<string, LearnedRead>();

  constructor(private readonly deps: AnswererDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.team = deps.team ?? (() => '');
    // With one workspace the first read starts at once, so what was learned before a restart is known before
    // the first answer (with many, each workspace's is read on its first question).
    if (!deps.team) this.refreshLearned().catch(() => undefined);
  }

  /**
   * The asking workspace's learned phrasings: read again when the last read is older than LEARNED_REFRESH_MS,
   * otherwise the read in flight is waited for. Only the caller that started a read sees it fail; the next
   * one reads again.
   */
  private async refreshLearned(): Promise<LearnedSet | undefined> {
    const book = this.deps.phrasings;
    if (!book) return undefined;
    const team = this.team();
    const now = this.clock().getTime();
    let entry = this.learned.get(team);
    if (!entry) {
      entry = { at: Number.NEGATIVE_INFINITY, reading: Promise.resolve() };
      this.learned.set(team, entry);
    }
    if (now - entry.at >= LEARNED_REFRESH_MS) await this.readLearned(book, entry);
    else await entry.reading;
    return entry.set;
  }

  private readLearned(book: PhrasingBook, entry: LearnedRead): Promise<void> {
    entry.at = this.clock().getTime();
    const read = book.learned().then((learned) => {
      entry.set = this.deps.index.learnedSet(learned);
    });
    entry.reading = read.catch(() => {
      entry.at = Number.NEGATIVE_INFINITY;
    });
    return read;
  }

  /**
   * Answers a question. When the database is unavailable the answer is still given, from the content alone:
   * without learned phrasings or follow-ups, and without the buttons that need it stored (votes, "did you mean").
   */
  async ask(question: Question, options: AskOptions = {}): Promise<Answered> {
    const learned = await this.refreshLearned().catch(withoutStore);
    const text = plainQuestion(question.text);
    const now = this.clock();
    const previous = await this.deps.log
      .latest(question.conversation, new Date(now.getTime() - FOLLOW_UP_WINDOW_MS))
      .catch(withoutStore);
    const finding = this.deps.index.find(text, { previous: previous?.question, learned });
    this.deps.metrics?.questions.inc({ tier: finding.confidence });
    const enough = options.minimum === 'high' ? finding.confidence === 'high' : finding.best !== undefined;
    const topic = finding.best && this.topic(finding.best.topicId);
    const record = (answerId: string) =>
      this.deps.log
        .record({
          question: text,
          answerId,
          score: finding.score,
          source: question.source,
          conversation: question.conversation,
          userId: question.userId,
          at: now,
        })
        .catch(withoutStore);
    if (!enough || !finding.best || !topic) {
      if (options.minimum === 'high') return { answered: false, finding, message: notSureMessage(text) };
      // The question is stored (with no answer) so the buttons for its closest sections can name it.
      const closest = finding.offered;
      const ref = closest.length ? await record('') : undefined;
      const message = options.notSure?.(text) ?? notSureMessage(text, closest, ref);
      return { answered: false, finding, message };
    }
    const ref = await record(finding.best.id);
    const message = answerMessage(finding.best, topic, {
      ref,
      shareable: options.ephemeral,
      question: options.ephemeral ? text : undefined,
      buttons: this.deps.topicButtons?.(topic),
      alternatives: finding.confidence === 'medium' ? finding.offered.slice(1) : undefined,
    });
    return { answered: true, finding, message, ref };
  }

  /**
   * Someone chose `answerId` for the question stored as `ref` ("did you mean", a closest section, a pick
   * after 👎): the section as an answer to that question, and the pick recorded, which may teach us the
   * question. Undefined when the question or the section is gone.
   */
  async choose(ref: number, answerId: string, userId: string): Promise<Message | undefined> {
    await this.learned.get(this.team())?.reading;
    const stored = await this.deps.log.get(ref);
    const doc = this.deps.index.get(answerId);
    const topic = doc && this.topic(doc.topicId);
    if (!stored || !doc || !topic) return undefined;
    const now = this.clock();
    const newRef = await this.deps.log.record({ ...stored, answerId, at: now });
    await this.learn(stored, answerId, userId, now);
    const shareable = stored.source === 'command';
    return answerMessage(doc, topic, {
      ref: newRef,
      shareable,
      question: shareable ? stored.question : undefined,
      buttons: this.deps.topicButtons?.(topic),
    });
  }

  /**
   * A pick becomes a learned phrasing when two different people made it, or when the asker made it in a
   * DM. Only questions that read as about Docker are learned, so votes cannot make the bot answer others.
   */
  private async learn(stored: StoredAnswer, answerId: string, userId: string, at: Date): Promise<void> {
    const book = this.deps.phrasings;
    const { key, aboutDocker } = this.deps.index.read(stored.question);
    if (!book || !key || !aboutDocker) return;
    const people = await book.pick({ questionKey: key, question: stored.question, answerId, userId, at });
    const asker = stored.source === 'dm' && stored.userId === userId;
    if (people < 2 && !asker) return;
    const learned = await book.learn({
      questionKey: key,
      question: stored.question,
      answerId,
      learnedAt: at,
    });
    const entry = this.learned.get(this.team());
    if (learned && entry) await this.readLearned(book, entry);
  }

  /** The answer `ref` as posted for everyone, saying who shared it (for Share in channel). */
  async shared(ref: number, sharedBy: string): Promise<Message | undefined> {
    const stored = await this.deps.log.get(ref);
    const doc = stored && this.deps.index.get(stored.answerId);
    const topic = doc && this.topic(doc.topicId);
    if (!stored || !doc || !topic) return undefined;
    return answerMessage(doc, topic, {
      question: stored.question,
      sharedBy,
      buttons: this.deps.topicButtons?.(topic),
    });
  }

  /**
   * Records 👍 or 👎 on an answer and says, quietly, that it was noted. After 👎, the voter is offered the
   * closest other sections, so a wrong answer leads somewhere.
   */
  async feedback(ref: number, userId: string, helpful: boolean): Promise<Message> {
    await this.learned.get(this.team())?.reading;
    const result = await this.deps.log.vote(ref, userId, helpful, this.clock());
    if (result !== undefined && result !== 'unchanged')
      this.deps.metrics?.votes.inc({ helpful: helpful ? 'yes' : 'no' });
    const replaced = result === 'changed' ? ' (Your earlier vote is replaced.)' : '';
    if (result === undefined) return plain('That answer is too old to rate now, but thanks for trying.');
    if (helpful)
      return plain(
        result === 'unchanged'
          ? 'You already rated this answer that way. Thanks!'
          : `Thanks, glad it helped.${replaced}`,
      );
    const noted =
      result === 'unchanged'
        ? 'You already rated this answer that way.'
        : `Thanks, noted: this answer needs work.${replaced}`;
    const stored = await this.deps.log.get(ref);
    const others = stored ? await this.closestOthers(stored) : [];
    if (!stored || others.length === 0) return plain(noted);
    const text = `${noted} Was it one of these?`;
    return {
      text,
      blocks: [
        { type: 'markdown', text },
        { type: 'actions', buttons: others.map((doc) => insteadButton(stored.ref, doc)) },
        {
          type: 'context',
          text: 'Or ask again in other words. Type `/docker help` to see everything I can explain.',
        },
      ],
    };
  }

  /** The sections that came closest to a stored question, other than the one it was answered with. */
  private async closestOthers(stored: StoredAnswer): Promise<AnswerDoc[]> {
    const learned = await this.refreshLearned().catch(withoutStore);
    const finding = this.deps.index.find(stored.question, { learned });
    return finding.ranked
      .map((c) => c.doc)
      .filter((doc) => doc.id !== stored.answerId)
      .slice(0, 3);
  }

  private topic(id: string): Topic | undefined {
    return this.deps.content.topics.find((t) => t.id === id);
  }
}
