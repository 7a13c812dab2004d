import type {
  AnswerLog,
  ListenChannels,
  NewAnswer,
  StoredAnswer,
  VoteResult,
  VoteSummary,
} from '../../explain/ports';

/**
 * The AnswerLog in memory: for unit tests of question answering and anything that answers without a
 * database. It keeps every promise SqliteAnswerLog keeps (test/store/explain-ports.contract.ts runs against
 * both); each method runs to its end without awaiting, which is what makes it atomic.
 */
export class MemoryAnswerLog implements AnswerLog {
  private readonly answers = new Map<number, StoredAnswer>();
  /** By ref, then by user: whether the vote was helpful. */
  private readonly votes = new Map<number, Map<string, boolean>>();
  private lastRef = 0;

  async record(answer: NewAnswer): Promise<number> {
    const ref = ++this.lastRef;
    this.answers.set(ref, structuredClone({ ...answer, ref }));
    return ref;
  }

  async get(ref: number): Promise<StoredAnswer | undefined> {
    const found = this.answers.get(ref);
    return found && structuredClone(found);
  }

  async latest(conversation: string, since: Date): Promise<StoredAnswer | undefined> {
    let latest: StoredAnswer | undefined;
    for (const answer of this.answers.values()) {
      if (answer.conversation !== conversation || answer.answerId === '' || answer.at < since) continue;
      // Refs grow with time, so on equal times the later ref wins, as in SQL's ORDER BY created_at, ref.
      if (!latest || answer.at >= latest.at) latest = answer;
    }
    return latest && structuredClone(latest);
  }

  async vote(ref: number, userId: string, helpful: boolean, _at: Date): Promise<VoteResult | undefined> {
    if (!this.answers.has(ref)) return undefined;
    const byUser = this.votes.get(ref) ?? new Map<string, boolean>();
    this.votes.set(ref, byUser);
    const before = byUser.get(userId);
    if (before === helpful) return 'unchanged';
    byUser.set(userId, helpful);
    return before === undefined ? 'recorded' : 'changed';
  }

  async votesByAnswer(): Promise<VoteSummary[]> {
    const byAnswer = new Map<string, VoteSummary>();
    for (const [ref, byUser] of this.votes) {
      const answerId = this.answers.get(ref)?.answerId;
      if (answerId === undefined) continue;
      const summary = byAnswer.get(answerId) ?? { answerId, helpful: 0, unhelpful: 0 };
      for (const helpful of byUser.values()) {
        if (helpful) summary.helpful += 1;
        else summary.unhelpful += 1;
      }
      byAnswer.set(answerId, summary);
    }
    return [...byAnswer.values()].sort(
      (a, b) =>
        b.unhelpful - a.unhelpful ||
        a.helpful - b.helpful ||
        (a.answerId < b.answerId ? -1 : a.answerId > b.answerId ? 1 : 0),
    );
  }

  async forgetUnvotedBefore(before: Date): Promise<number> {
    let forgotten = 0;
    for (const [ref, answer] of this.answers)
      if (answer.at < before && !this.votes.get(ref)?.size) {
        this.answers.delete(ref);
        forgotten += 1;
      }
    return forgotten;
  }
}

/** ListenChannels in memory: the channels where listen mode is on, and who turned it on. */
export class MemoryListenChannels implements ListenChannels {
  /** Who turned listen mode on in each channel. */
  private readonly enabledBy = new Map<string, string>();

  async isListening(channelId: string): Promise<boolean> {
    return this.enabledBy.has(channelId);
  }

  async setListening(channelId: string, on: boolean, by: string, _at: Date): Promise<void> {
    if (!on) this.enabledBy.delete(channelId);
    else if (!this.enabledBy.has(channelId)) this.enabledBy.set(channelId, by);
  }
}
