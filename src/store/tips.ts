import type { Statement } from 'better-sqlite3';
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
} from '../tips/store';
import { RotationTable } from './rotations';
import {
  claimParams,
  finishParams,
  iso,
  type PostRow,
  type SubscriptionRow,
  toPost,
  toSubscription,
  toTeamChannel,
} from './rows';
import { ROTATION_SQL, TIP_SQL } from './sql';
import { preparedStatements } from './statements';
import { Store } from './store';

/**
 * The TipStore on SQLite (migrations 3 and 4). Every read-modify-write runs in one transaction; the
 * statements (src/store/sql.ts) are the ones PgTipStore runs too.
 */
export class SqliteTipStore implements TipStore {
  private readonly db;
  private readonly rotations: RotationTable;
  /** A prepared statement, prepared once per store. */
  private readonly sql: (text: string) => Statement;

  constructor(
    store: Store,
    private readonly options: TipStoreOptions,
  ) {
    this.db = Store.handle(store);
    this.sql = preparedStatements(this.db);
    this.rotations = new RotationTable(this.db, ROTATION_SQL.tips);
  }

  async subscription(channelId: string): Promise<TipSubscription | undefined> {
    const row = this.sql(TIP_SQL.subscription).get({ channelId }) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async activeSubscriptions(): Promise<TipSubscription[]> {
    return (this.sql(TIP_SQL.active).all() as SubscriptionRow[]).map(toSubscription);
  }

  async activeEverywhere(): Promise<TeamChannel[]> {
    return (this.sql(TIP_SQL.activeEverywhere).all() as (SubscriptionRow & { team_id: string })[]).map(
      toTeamChannel,
    );
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
    const result = this.sql(TIP_SQL.subscribe).run({ channelId, source, at: iso(at), by: by ?? null });
    return result.changes === 1;
  }

  async unsubscribe(channelId: string, reason: string, at: Date, by?: string): Promise<boolean> {
    return this.unsubscribeNow(channelId, reason, at, by);
  }

  private unsubscribeNow(channelId: string, reason: string, at: Date, by?: string): boolean {
    const result = this.sql(TIP_SQL.unsubscribe).run({ channelId, reason, at: iso(at), by: by ?? null });
    return result.changes === 1;
  }

  async syncConfigChannels(channelIds: readonly string[], at: Date): Promise<string[]> {
    const listed = new Set(channelIds);
    return this.db.transaction(() => {
      const added = channelIds.filter((id) => this.subscribeNow(id, undefined, at, 'config'));
      for (const row of this.sql(TIP_SQL.configActive).all() as { channel_id: string }[]) {
        if (!listed.has(row.channel_id)) this.unsubscribeNow(row.channel_id, 'removed from TIP_CHANNELS', at);
      }
      return added;
    })();
  }

  async rotation(audience: string): Promise<SavedRotation | undefined> {
    return this.rotations.read(audience);
  }

  async advance(audience: string, choose: ChooseTip, at: Date): Promise<string | undefined> {
    return this.db.transaction(() => {
      const picked = choose(this.rotations.read(audience));
      if (picked) this.rotations.write(audience, picked.state, at);
      return picked?.tipId;
    })();
  }

  async claim(
    channelId: string,
    slot: Date,
    choose: ChooseTip,
    at: Date,
    maxAttempts: number,
  ): Promise<string | undefined> {
    return this.db.transaction(() => {
      const picked = choose(this.rotations.read(channelId));
      if (!picked) return undefined;
      const claim = claimParams(channelId, slot, picked.tipId, at, this.options.owner, maxAttempts);
      const won =
        this.sql(TIP_SQL.claimFresh).run(claim).changes === 1 ||
        this.sql(TIP_SQL.claimRefused).run(claim).changes === 1;
      if (!won) return undefined;
      this.rotations.write(channelId, picked.state, at);
      return picked.tipId;
    })();
  }

  async finish(
    channelId: string,
    slot: Date,
    outcome: TipOutcome,
    at: Date,
    restore?: (saved: SavedRotation) => SavedRotation,
  ): Promise<void> {
    this.db.transaction(() => {
      this.sql(TIP_SQL.finish).run(finishParams(channelId, slot, outcome, at));
      const saved = restore && this.rotations.read(channelId);
      if (restore && saved) this.rotations.write(channelId, restore(saved), at);
    })();
  }

  async abandonInFlight(at: Date): Promise<TipPost[]> {
    const { owner } = this.options;
    return this.db.transaction(() => {
      const rows = this.sql(TIP_SQL.inFlight).all({ owner }) as PostRow[];
      this.sql(TIP_SQL.abandon).run({ owner, at: iso(at), error: ABANDONED });
      return rows.map(toPost);
    })();
  }

  async posts(channelId: string): Promise<TipPost[]> {
    return (this.sql(TIP_SQL.posts).all({ channelId }) as PostRow[]).map(toPost);
  }
}
