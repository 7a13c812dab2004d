import {
  ABANDONED,
  type ChooseTip,
  type SavedRotation,
  type TeamChannel,
  type TipOutcome,
  type TipPost,
  type TipSource,
  type TipStore,
  type TipStoreOptions,
  type TipSubscription,
} from '../../tips/store';

/** What several MemoryTipStores share when they stand for replicas of one app on one database. */
export class MemoryTipData {
  readonly subscriptions = new Map<string, TipSubscription>();
  readonly rotations = new Map<string, SavedRotation>();
  /** By `${channelId} ${slot ISO}`. */
  readonly posts = new Map<string, TipPost>();
}

const key = (channelId: string, slot: Date) => `${channelId} ${slot.toISOString()}`;
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The TipStore in memory: for unit tests of the tips domain and for anything that needs tips without a
 * database. It keeps every promise SqliteTipStore keeps (the same contract test runs against both); each
 * method runs to its end without awaiting, which is what makes it atomic. Pass one MemoryTipData to several
 * stores (with different owners) to stand for replicas sharing a database.
 */
export class MemoryTipStore implements TipStore {
  constructor(
    private readonly options: TipStoreOptions,
    readonly data: MemoryTipData = new MemoryTipData(),
  ) {}

  async subscription(channelId: string): Promise<TipSubscription | undefined> {
    const found = this.data.subscriptions.get(channelId);
    return found && copy(found);
  }

  async activeSubscriptions(): Promise<TipSubscription[]> {
    return [...this.data.subscriptions.values()]
      .filter((s) => s.active)
      .sort((a, b) => (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0))
      .map(copy);
  }

  /** One workspace only: every channel is team ''. */
  async activeEverywhere(): Promise<TeamChannel[]> {
    return (await this.activeSubscriptions()).map((s) => ({
      team: '',
      channelId: s.channelId,
      since: s.since,
    }));
  }

  async subscribe(
    channelId: string,
    by: string | undefined,
    at: Date,
    source: TipSource = 'command',
  ): Promise<boolean> {
    return this.subscribeNow(channelId, by, at, source);
  }

  private subscribeNow(channelId: string, by: string | undefined, at: Date, source: TipSource): boolean {
    const existing = this.data.subscriptions.get(channelId);
    if (existing?.active && !(existing.source === 'command' && source === 'config')) return false;
    this.data.subscriptions.set(channelId, {
      channelId,
      active: true,
      source,
      since: existing?.active ? existing.since : new Date(at),
      changedBy: by,
      changedAt: new Date(at),
    });
    return true;
  }

  async unsubscribe(channelId: string, reason: string, at: Date, by?: string): Promise<boolean> {
    return this.unsubscribeNow(channelId, reason, at, by);
  }

  private unsubscribeNow(channelId: string, reason: string, at: Date, by?: string): boolean {
    const existing = this.data.subscriptions.get(channelId);
    if (!existing?.active) return false;
    this.data.subscriptions.set(channelId, {
      ...existing,
      active: false,
      changedBy: by,
      changedAt: new Date(at),
      stoppedReason: reason,
    });
    return true;
  }

  async syncConfigChannels(channelIds: readonly string[], at: Date): Promise<string[]> {
    const listed = new Set(channelIds);
    const added = channelIds.filter((id) => this.subscribeNow(id, undefined, at, 'config'));
    for (const s of [...this.data.subscriptions.values()])
      if (s.source === 'config' && s.active && !listed.has(s.channelId))
        this.unsubscribeNow(s.channelId, 'removed from TIP_CHANNELS', at);
    return added;
  }

  async rotation(audience: string): Promise<SavedRotation | undefined> {
    const found = this.data.rotations.get(audience);
    return found && copy(found);
  }

  async advance(audience: string, choose: ChooseTip, _at: Date): Promise<string | undefined> {
    return this.pick(audience, choose, () => true);
  }

  async claim(
    channelId: string,
    slot: Date,
    choose: ChooseTip,
    _at: Date,
    maxAttempts: number,
  ): Promise<string | undefined> {
    return this.pick(channelId, choose, (tipId) => {
      const existing = this.data.posts.get(key(channelId, slot));
      if (existing && (existing.status !== 'refused' || existing.attempts >= maxAttempts)) return false;
      this.data.posts.set(key(channelId, slot), {
        channelId,
        slot: new Date(slot),
        tipId,
        status: 'claimed',
        attempts: (existing?.attempts ?? 0) + 1,
        claimedBy: this.options.owner,
      });
      return true;
    });
  }

  /** Chooses from the saved rotation and keeps the choice only when `take` accepts the tip. */
  private pick(audience: string, choose: ChooseTip, take: (tipId: string) => boolean): string | undefined {
    const saved = this.data.rotations.get(audience);
    const picked = choose(saved && copy(saved));
    if (!picked || !take(picked.tipId)) return undefined;
    this.data.rotations.set(audience, copy(picked.state));
    return picked.tipId;
  }

  async finish(
    channelId: string,
    slot: Date,
    outcome: TipOutcome,
    _at: Date,
    restore?: (saved: SavedRotation) => SavedRotation,
  ): Promise<void> {
    const post = this.data.posts.get(key(channelId, slot));
    if (post)
      this.data.posts.set(key(channelId, slot), {
        ...post,
        status: outcome.status,
        messageTs: outcome.messageTs,
        error: outcome.error,
      });
    const saved = restore && this.data.rotations.get(channelId);
    if (restore && saved) this.data.rotations.set(channelId, restore(copy(saved)));
  }

  async abandonInFlight(_at: Date): Promise<TipPost[]> {
    const mine = [...this.data.posts.entries()].filter(
      ([, post]) => post.status === 'claimed' && post.claimedBy === this.options.owner,
    );
    for (const [k, post] of mine) this.data.posts.set(k, { ...post, status: 'unknown', error: ABANDONED });
    return mine.map(([, post]) => copy(post));
  }

  async posts(channelId: string): Promise<TipPost[]> {
    return [...this.data.posts.values()]
      .filter((post) => post.channelId === channelId)
      .sort((a, b) => a.slot.getTime() - b.slot.getTime())
      .map(copy);
  }
}
