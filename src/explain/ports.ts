/** What question answering needs from storage; `src/store/questions.ts` implements it on SQLite. */

/** Where a question came from. */
export type QuestionSource = 'mention' | 'dm' | 'command' | 'listen';

export interface NewAnswer {
  question: string;
  /** The section or tip answered (`topic#slug`, `tip:<id>`). */
  answerId: string;
  score: number;
  source: QuestionSource;
  /** Thread, DM or command conversation the question belongs to (for follow-ups). */
  conversation: string;
  userId: string;
  at: Date;
}

export interface StoredAnswer extends NewAnswer {
  ref: number;
}

export type VoteResult = 'recorded' | 'changed' | 'unchanged';

/** Every answer given, so votes can name the question and the section, and follow-ups find the last one. */
export interface AnswerLog {
  record(answer: NewAnswer): number;
  get(ref: number): StoredAnswer | undefined;
  /** The latest answer in a conversation since a moment. */
  latest(conversation: string, since: Date): StoredAnswer | undefined;
  /** One vote per user per answer; a second vote replaces the first. Undefined when there is no such answer. */
  vote(ref: number, userId: string, helpful: boolean, at: Date): VoteResult | undefined;
}

/** The channels where listen mode is on. */
export interface ListenChannels {
  isListening(channelId: string): boolean;
  setListening(channelId: string, on: boolean, by: string, at: Date): void;
}

/** A person's word that a question is answered by a section (a pick after 👎, or "did you mean"). */
export interface Pick {
  /** The question's terms as an order-free key, so the same question in other words order matches. */
  questionKey: string;
  question: string;
  answerId: string;
  userId: string;
  at: Date;
}

/** A question the bot learned from people's picks: questions that match it get its section. */
export interface LearnedPhrasing {
  id: number;
  questionKey: string;
  question: string;
  answerId: string;
  learnedAt: Date;
}

/** Picks and the phrasings learned from them; `src/store/phrasings.ts` implements it on SQLite. */
export interface PhrasingBook {
  /** Records a pick (once per person, question and section); how many people have picked it so. */
  pick(pick: Pick): number;
  /** Learns a phrasing; undefined when it was already learned. */
  learn(phrasing: Omit<LearnedPhrasing, 'id'>): LearnedPhrasing | undefined;
  learned(): LearnedPhrasing[];
  /** Forgets a learned phrasing (and the picks behind it); whether there was one. */
  remove(id: number): boolean;
}
