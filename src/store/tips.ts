import type { Statement } from 'better-sqlite3';
import type { Store } from './store';

/** A channel's daily-tip subscription. */
export interface TipSubscription {
  channelId: string;
  active: boolean;
  /** `config`: listed in TIP_CHANNELS; `command`: turned on with `/docker tips on`. */
  source: 'config' | 'command';
  /** When tips (last) started; earlier slots are not this channel's. */
  since: Date;
  /** The Slack user who last turned tips on or off, if a person did. */
  changedBy?: string;
  changedAt: Date;
  /** Why tips stopped, when they are off. */
  stoppedReason?: string;
}

/** A rotation as saved; the tips domain owns its meaning. */
export interface SavedRotation {
  cycle: number;
  remaining: string[];
  shown: string[];
  last?: string;
}

/** Picks the next tip from a saved rotation (undefined: nothing to pick). Runs inside the transaction. */
export type ChooseTip = (
  saved: SavedRotation | undefined,
) => { tipId: string; state: SavedRotation } | undefined;

/**
 * `claimed`: being posted now (or the process died while posting); `posted`: Slack took it; `refused`: Slack
 * said no, so nothing was posted and the slot may be tried again; `gone`: the channel cannot take posts;
 * `unknown`: no clear answer, so it may have been posted and is never tried again.
 */
export type TipPostStatus = 'claimed' | 'posted' | 'refused' | 'gone' | 'unknown';

export interface TipPost {
  channelId: string;
  slot: Date;
  tipId: string;
  status: TipPostStatus;
  attempts: number;
  messageTs?: string;
  error?: string;
}

interface SubscriptionRow {
  channel_id: string;
  active: number;
  source: 'config' | 'command';
  since: string;
  changed_by: string | null;
  changed_at: string;
  stopped_reason: string | null;
}

interface RotationRow {
  cycle: number;
  remaining: string;
  shown: string;
  last_tip: string | null;
}

interface PostRow {
  channel_id: string;
  slot: string;
  tip_id: string;
  status: TipPostStatus;
  attempts: number;
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
  messageTs: row.message_ts ?? undefined,
  error: row.error ?? undefined,
});

/** The audience key of a person's own rotation (for `/docker tip`), next to channel ids. */
export const userAudience = (userId: string) => `user:${userId}`;

/** Subscriptions, rotations and posts of daily tips. Every read-modify-write runs in one transaction. */
export class TipsRepository {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  /** A prepared statement, prepared once per repository. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  subscription(channelId: string): TipSubscription | undefined {
    const row = this.sql('SELECT * FROM tip_subscriptions WHERE channel_id = ?').get(channelId) as
      | SubscriptionRow
      | undefined;
    return row && toSubscription(row);
  }

  /** Channels that get tips now. */
  activeSubscriptions(): TipSubscription[] {
    return (
      this.sql(
        'SELECT * FROM tip_subscriptions WHERE active = 1 ORDER BY channel_id',
      ).all() as SubscriptionRow[]
    ).map(toSubscription);
  }

  /**
   * Turns tips on for a channel; false when they were already on. A TIP_CHANNELS listing (`config`) takes
   * over a channel turned on by command, keeping its start time; a command never takes over a listing.
   */
  subscribe(
    channelId: string,
    by: string | undefined,
    at: Date,
    source: 'config' | 'command' = 'command',
  ): boolean {
    const result = this.sql(
      `INSERT INTO tip_subscriptions (channel_id, active, source, since, changed_by, changed_at, stopped_reason)
         VALUES (@channelId, 1, @source, @at, @by, @at, NULL)
         ON CONFLICT (channel_id) DO UPDATE SET
           since = CASE WHEN active = 1 THEN since ELSE @at END,
           active = 1, source = @source, changed_by = @by, changed_at = @at, stopped_reason = NULL
         WHERE active = 0 OR (source = 'command' AND @source = 'config')`,
    ).run({ channelId, source, at: iso(at), by: by ?? null });
    return result.changes === 1;
  }

  /** Turns tips off for a channel; false when they were already off. */
  unsubscribe(channelId: string, reason: string, at: Date, by?: string): boolean {
    const result = this.sql(
      `UPDATE tip_subscriptions SET active = 0, changed_by = ?, changed_at = ?, stopped_reason = ?
         WHERE channel_id = ? AND active = 1`,
    ).run(by ?? null, iso(at), reason, channelId);
    return result.changes === 1;
  }

  /**
   * Makes the TIP_CHANNELS list the set of config-sourced subscriptions: listed channels are on (keeping
   * their start time when already on), channels no longer listed are off. Returns the channels turned on.
   */
  syncConfigChannels(channelIds: readonly string[], at: Date): string[] {
    const listed = new Set(channelIds);
    return this.db.transaction(() => {
      const added = channelIds.filter((id) => this.subscribe(id, undefined, at, 'config'));
      for (const row of this.sql(
        "SELECT channel_id FROM tip_subscriptions WHERE source = 'config' AND active = 1",
      ).all() as { channel_id: string }[]) {
        if (!listed.has(row.channel_id)) this.unsubscribe(row.channel_id, 'removed from TIP_CHANNELS', at);
      }
      return added;
    })();
  }

  private readRotation(audience: string): SavedRotation | undefined {
    const row = this.sql(
      'SELECT cycle, remaining, shown, last_tip FROM tip_rotations WHERE audience = ?',
    ).get(audience) as RotationRow | undefined;
    if (!row) return undefined;
    return {
      cycle: row.cycle,
      remaining: JSON.parse(row.remaining) as string[],
      shown: JSON.parse(row.shown) as string[],
      last: row.last_tip ?? undefined,
    };
  }

  private writeRotation(audience: string, state: SavedRotation, at: Date): void {
    this.sql(
      `INSERT INTO tip_rotations (audience, cycle, remaining, shown, last_tip, updated_at)
         VALUES (@audience, @cycle, @remaining, @shown, @last, @at)
         ON CONFLICT (audience) DO UPDATE SET cycle = @cycle, remaining = @remaining, shown = @shown,
           last_tip = @last, updated_at = @at`,
    ).run({
      audience,
      cycle: state.cycle,
      remaining: JSON.stringify(state.remaining),
      shown: JSON.stringify(state.shown),
      last: state.last ?? null,
      at: iso(at),
    });
  }

  rotation(audience: string): SavedRotation | undefined {
    return this.readRotation(audience);
  }

  /** Advances an audience's rotation atomically and returns the tip chosen. */
  advance(audience: string, choose: ChooseTip, at: Date): string | undefined {
    return this.db.transaction(() => {
      const picked = choose(this.readRotation(audience));
      if (picked) this.writeRotation(audience, picked.state, at);
      return picked?.tipId;
    })();
  }

  /**
   * Claims (channel, slot) for posting and picks its tip, in one transaction: only one caller ever gets a
   * slot, even across processes sharing the database. A slot Slack refused may be claimed again until it
   * has had `maxAttempts`; any other existing row means the slot is taken.
   */
  claim(channelId: string, slot: Date, choose: ChooseTip, at: Date, maxAttempts: number): string | undefined {
    return this.db.transaction(() => {
      const existing = this.sql(
        'SELECT status, attempts FROM tip_posts WHERE channel_id = ? AND slot = ?',
      ).get(channelId, iso(slot)) as Pick<PostRow, 'status' | 'attempts'> | undefined;
      if (existing && (existing.status !== 'refused' || existing.attempts >= maxAttempts)) return undefined;
      const picked = choose(this.readRotation(channelId));
      if (!picked) return undefined;
      this.writeRotation(channelId, picked.state, at);
      this.sql(
        `INSERT INTO tip_posts (channel_id, slot, tip_id, status, attempts, claimed_at)
           VALUES (@channelId, @slot, @tipId, 'claimed', 1, @at)
           ON CONFLICT (channel_id, slot) DO UPDATE SET tip_id = @tipId, status = 'claimed',
             attempts = attempts + 1, claimed_at = @at, finished_at = NULL, error = NULL`,
      ).run({ channelId, slot: iso(slot), tipId: picked.tipId, at: iso(at) });
      return picked.tipId;
    })();
  }

  /** Records how a claimed post ended; `restore` may hand an undelivered tip back to the rotation. */
  finish(
    channelId: string,
    slot: Date,
    outcome: { status: Exclude<TipPostStatus, 'claimed'>; messageTs?: string; error?: string },
    at: Date,
    restore?: (saved: SavedRotation) => SavedRotation,
  ): void {
    this.db.transaction(() => {
      this.sql(
        `UPDATE tip_posts SET status = ?, message_ts = ?, error = ?, finished_at = ?
           WHERE channel_id = ? AND slot = ?`,
      ).run(outcome.status, outcome.messageTs ?? null, outcome.error ?? null, iso(at), channelId, iso(slot));
      const saved = restore && this.readRotation(channelId);
      if (restore && saved) this.writeRotation(channelId, restore(saved), at);
    })();
  }

  /**
   * Posts left `claimed` by a process that stopped mid-post become `unknown`: Slack may have shown them,
   * so they are never posted again (at most once). Returns them, for the log.
   */
  abandonInFlight(at: Date): TipPost[] {
    return this.db.transaction(() => {
      const rows = this.sql("SELECT * FROM tip_posts WHERE status = 'claimed'").all() as PostRow[];
      this.sql(
        `UPDATE tip_posts SET status = 'unknown', finished_at = ?,
             error = 'the app stopped while posting' WHERE status = 'claimed'`,
      ).run(iso(at));
      return rows.map(toPost);
    })();
  }

  /** A channel's posts, oldest slot first. */
  posts(channelId: string): TipPost[] {
    return (
      this.sql('SELECT * FROM tip_posts WHERE channel_id = ? ORDER BY slot').all(channelId) as PostRow[]
    ).map(toPost);
  }
}
