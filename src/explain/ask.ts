import type { Content, Topic } from '../content/load';
import type { Button, Message } from '../message';
import type { AnswerLog, QuestionSource } from './ports';
import { plainQuestion } from './question';
import { answerMessage, notSureMessage } from './reply';
import type { AnswerIndex, Confidence, Finding } from './search';

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
  /** What to say when we are not sure (default: `notSureMessage`). */
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
  /** Buttons for a topic (e.g. Run the demo), the same function the command router uses. */
  topicButtons?: (topic: Topic) => Button[];
  clock?: () => Date;
}

/** Answers questions from the content: finds the section, logs the answer, builds the message. */
export class QuestionAnswerer {
  private readonly clock: () => Date;

  constructor(private readonly deps: AnswererDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  ask(question: Question, options: AskOptions = {}): Answered {
    const text = plainQuestion(question.text);
    const now = this.clock();
    const previous = this.deps.log.latest(
      question.conversation,
      new Date(now.getTime() - FOLLOW_UP_WINDOW_MS),
    );
    const finding = this.deps.index.find(text, { previous: previous?.question });
    const enough = options.minimum === 'high' ? finding.confidence === 'high' : finding.best !== undefined;
    const topic = finding.best && this.topic(finding.best.topicId);
    if (!enough || !finding.best || !topic) {
      const message =
        options.notSure?.(question.text) ?? notSureMessage(question.text, this.deps.content.topics);
      return { answered: false, finding, message };
    }
    const ref = this.deps.log.record({
      question: text,
      answerId: finding.best.id,
      score: finding.score,
      source: question.source,
      conversation: question.conversation,
      userId: question.userId,
      at: now,
    });
    const message = answerMessage(finding.best, topic, {
      ref,
      shareable: options.ephemeral,
      question: options.ephemeral ? text : undefined,
      buttons: this.deps.topicButtons?.(topic),
    });
    return { answered: true, finding, message, ref };
  }

  /** The answer `ref` as posted for everyone, saying who shared it (for Share in channel). */
  shared(ref: number, sharedBy: string): Message | undefined {
    const stored = this.deps.log.get(ref);
    const doc = stored && this.deps.index.get(stored.answerId);
    const topic = doc && this.topic(doc.topicId);
    if (!stored || !doc || !topic) return undefined;
    return answerMessage(doc, topic, {
      question: stored.question,
      sharedBy,
      buttons: this.deps.topicButtons?.(topic),
    });
  }

  /** Records 👍 or 👎 on an answer and says, quietly, that it was noted. */
  feedback(ref: number, userId: string, helpful: boolean): Message {
    const result = this.deps.log.vote(ref, userId, helpful, this.clock());
    const text =
      result === undefined
        ? 'That answer is too old to rate now, but thanks for trying.'
        : result === 'unchanged'
          ? 'You already rated this answer that way. Thanks!'
          : helpful
            ? `Thanks, glad it helped.${result === 'changed' ? ' (Your earlier vote is replaced.)' : ''}`
            : `Thanks, noted: this answer needs work.${result === 'changed' ? ' (Your earlier vote is replaced.)' : ''}`;
    return { text, blocks: [] };
  }

  private topic(id: string): Topic | undefined {
    return this.deps.content.topics.find((t) => t.id === id);
  }
}
