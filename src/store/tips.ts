import type { Statement } from 'better-sqlite3';
import {
  ABANDONED,
  type ChooseTip,
  type SavedRotation,
  type TipOutcome,
  type TipPost,
  type TipPostStatus,
  type TipSource,
  type TipStore,
  type TipStoreOptions,
  type TipSubscription,
} from '../tips/store';
import { RotationTable } from './rotations';
import { preparedStatements } from './statements';
import { Store } from './store';

interface SubscriptionRow {
  channel_id: string;
  active: number;
  source: TipSource;
  since: string;
  changed_by: string | null;
  changed_at: string;
  stopped_reason: string | null;
}

interface PostRow {
  channel_id: string;
  slot: string;
  tip_id: string;
  status: TipPostStatus;
  attempts: number;
  claimed_by: string | null;
  message_ts: string | null;
  error: string | null;
}

const iso = (at: Date) => at.toISOString();

const toSubscription = (row: SubscriptionRow): TipSubscription => ({
  channelId: row.channel_id,
  active: row.active === 1,
  source: row.source,
  since: new Date(row.since),
  changedBy: row.changed_by ?? undefined,
  changedAt: new Date(row.changed_at),
  stoppedReason: row.stopped_reason ?? undefined,
});

const toPost = (row: PostRow): TipPost => ({
  channelId: row.channel_id,
  slot: new Date(row.slot),
  tipId: row.tip_id,
  status: row.status,
  attempts: row.attempts,
  claimedBy: row.claimed_by ?? undefined,
  messageTs: row.message_ts ?? undefined,
  error: row.error ?? undefined,
});

/**
 * The TipStore on SQLite (migrations 3 and 4). Every read-modify-write runs in one transaction; the SQL
 * keeps to what Postgres reads the same way (ON CONFLICT, qualified columns, no SQLite-only functions).
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
    this.rotations = new RotationTable(this.db, 'tip_rotations', 'last_tip');
  }

  async subscription(channelId: string): Promise<TipSubscription | undefined> {
    const row = this.sql('SELECT * FROM tip_subscriptions WHERE channel_id = ?').get(channelId) as
      | SubscriptionRow
      | undefined;
    return row && toSubscription(row);
  }

  async activeSubscriptions(): Promise<TipSubscription[]> {
    return (
      this.sql(
        'SELECT * FROM tip_subscriptions WHERE active = 1 ORDER BY channel_id',
      ).all() as SubscriptionRow[]
    ).map(toSubscription);
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
    const result = this.sql(
      `INSERT INTO tip_subscriptions (channel_id, active, source, since, changed_by, changed_at, stopped_reason)
         VALUES (@channelId, 1, @source, @at, @by, @at, NULL)
         ON CONFLICT (channel_id) DO UPDATE SET
           since = CASE WHEN tip_subscriptions.active = 1 THEN tip_subscriptions.since ELSE @at END,
           active = 1, source = @source, changed_by = @by, changed_at = @at, stopped_reason = NULL
         WHERE tip_subscriptions.active = 0 OR (tip_subscriptions.source = 'command' AND @source = 'config')`,
    ).run({ channelId, source, at: iso(at), by: by ?? null });
    return result.changes === 1;
  }

  async unsubscribe(channelId: string, reason: string, at: Date, by?: string): Promise<boolean> {
    return this.unsubscribeNow(channelId, reason, at, by);
  }

  private unsubscribeNow(channelId: string, reason: string, at: Date, by?: string): boolean {
    const result = this.sql(
      `UPDATE tip_subscriptions SET active = 0, changed_by = ?, changed_at = ?, stopped_reason = ?
         WHERE channel_id = ? AND active = 1`,
    ).run(by ?? null, iso(at), reason, channelId);
    return result.changes === 1;
  }

  async syncConfigChannels(channelIds: readonly string[], at: Date): Promise<string[]> {
    const listed = new Set(channelIds);
    return this.db.transaction(() => {
      const added = channelIds.filter((id) => this.subscribeNow(id, undefined, at, 'config'));
      for (const row of this.sql(
        "SELECT channel_id FROM tip_subscriptions WHERE source = 'config' AND active = 1",
      ).all() as { channel_id: string }[]) {
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
      const claim = {
        channelId,
        slot: iso(slot),
        tipId: picked.tipId,
        at: iso(at),
        owner: this.options.owner,
        maxAttempts,
      };
      // A fresh slot: the insert wins only when no row exists. A refused slot with attempts left: the update
      // wins only while it is still refused. Either way the database, not a read before, decides.
      const won =
        this.sql(
          `INSERT INTO tip_posts (channel_id, slot, tip_id, status, attempts, claimed_at, claimed_by)
             VALUES (@channelId, @slot, @tipId, 'claimed', 1, @at, @owner)
             ON CONFLICT (channel_id, slot) DO NOTHING`,
        ).run(claim).changes === 1 ||
        this.sql(
          `UPDATE tip_posts SET tip_id = @tipId, status = 'claimed', attempts = attempts + 1,
               claimed_at = @at, claimed_by = @owner, finished_at = NULL, message_ts = NULL, error = NULL
             WHERE channel_id = @channelId AND slot = @slot AND status = 'refused' AND attempts < @maxAttempts`,
        ).run(claim).changes === 1;
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
      this.sql(
        `UPDATE tip_posts SET status = ?, message_ts = ?, error = ?, finished_at = ?
           WHERE channel_id = ? AND slot = ?`,
      ).run(outcome.status, outcome.messageTs ?? null, outcome.error ?? null, iso(at), channelId, iso(slot));
      const saved = restore && this.rotations.read(channelId);
      if (restore && saved) this.rotations.write(channelId, restore(saved), at);
    })();
  }

  async abandonInFlight(at: Date): Promise<TipPost[]> {
    // Claims from before migration 4 have no owner: one process was all there was, so they are ours.
    const mine = "status = 'claimed' AND (claimed_by = ? OR claimed_by IS NULL)";
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT * FROM tip_posts WHERE ${mine}`).all(this.options.owner) as PostRow[];
      this.sql(`UPDATE tip_posts SET status = 'unknown', finished_at = ?, error = ? WHERE ${mine}`).run(
        iso(at),
        ABANDONED,
        this.options.owner,
      );
      return rows.map(toPost);
    })();
  }

  async posts(channelId: string): Promise<TipPost[]> {
    return (
      this.sql('SELECT * FROM tip_posts WHERE channel_id = ? ORDER BY slot').all(channelId) as PostRow[]
    ).map(toPost);
  }
}
