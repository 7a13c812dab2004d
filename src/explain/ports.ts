/**
 * What question answering and listen mode keep, as ports the explain domain owns. The implementations live in
 * src/store/ (SqliteAnswerLog, SqliteListenChannels, SqlitePhrasingBook) and src/store/memory/ (Memory…);
 * both pass test/store/explain-ports.contract.ts. Every method is asynchronous, so a networked database
 * (Postgres, several replicas) fits behind them unchanged.
 */

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
  /** Stores an answer (an empty `answerId` when we were not sure) and returns its reference. */
  record(answer: NewAnswer): Promise<number>;
  get(ref: number): Promise<StoredAnswer | undefined>;
  /** The latest answer (not a "not sure") in a conversation since a moment. */
  latest(conversation: string, since: Date): Promise<StoredAnswer | undefined>;
  /** One vote per user per answer; a second vote replaces the first. Undefined when there is no such answer. */
  vote(ref: number, userId: string, helpful: boolean, at: Date): Promise<VoteResult | undefined>;
  /** Votes per section or tip, worst first: where the content needs work. */
  votesByAnswer(): Promise<VoteSummary[]>;
  /** Forgets questions older than `before` that nobody voted on (voted ones are what feedback is for). */
  forgetUnvotedBefore(before: Date): Promise<number>;
}

export interface VoteSummary {
  answerId: string;
  helpful: number;
  unhelpful: number;
}

/** The channels where listen mode is on. */
export interface ListenChannels {
  isListening(channelId: string): Promise<boolean>;
  /** Turning it on when it is on keeps who turned it on first, and when. */
  setListening(channelId: string, on: boolean, by: string, at: Date): Promise<void>;
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
  /** The workspace whose people taught it ('' with one workspace); set when read from a store. */
  team?: string;
}

/** Picks and the phrasings learned from them. */
export interface PhrasingBook {
  /** Records a pick (once per person, question and section); how many people have picked it so. */
  pick(pick: Pick): Promise<number>;
  /** Learns a phrasing; undefined when it was already learned. */
  learn(phrasing: Omit<LearnedPhrasing, 'id'>): Promise<LearnedPhrasing | undefined>;
  /** Every learned phrasing of the current workspace, in the order learned. */
  learned(): Promise<LearnedPhrasing[]>;
  /** Every workspace's learned phrasings, each naming its team, in the order learned (an operator's view). */
  learnedEverywhere(): Promise<LearnedPhrasing[]>;
  /**
   * Forgets a learned phrasing, whichever workspace's it is (an operator's tool), and the picks behind it, so
   * they do not teach it again; whether there was one.
   */
  remove(id: number): Promise<boolean>;
}
