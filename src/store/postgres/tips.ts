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
import {
  claimParams,
  finishParams,
  iso,
  type PostRow,
  type SubscriptionRow,
  toPost,
  toSubscription,
  toTeamChannel,
} from '../rows';
import { ROTATION_SQL, TIP_SQL } from '../sql';
import type { PgDatabase, PgQueries } from './database';
import { readRotation, writeRotation } from './rotations';

/** Serializes read-modify-writes of one rotation (or of the TIP_CHANNELS list) across replicas. */
const rotationLock = (audience: string) => `tip rotation ${audience}`;
const CONFIG_LOCK = 'tip config channels';

/**
 * The TipStore on Postgres, shared by replicas: the statements SqliteTipStore runs, each read-modify-write in
 * one transaction behind an advisory lock on what it changes. A slot's claim is still the conditional insert
 * (or update) that only one replica can win; the lock only keeps a rotation from being moved on twice.
 */
export class PgTipStore implements TipStore {
  constructor(
    private readonly db: PgDatabase,
    private readonly options: TipStoreOptions,
  ) {}

  async subscription(channelId: string): Promise<TipSubscription | undefined> {
    const row = await this.db.get<SubscriptionRow>(TIP_SQL.subscription, { channelId });
    return row && toSubscription(row);
  }

  async activeSubscriptions(): Promise<TipSubscription[]> {
    return (await this.db.all<SubscriptionRow>(TIP_SQL.active)).map(toSubscription);
  }

  async activeEverywhere(): Promise<TeamChannel[]> {
    return (await this.db.all<SubscriptionRow & { team_id: string }>(TIP_SQL.activeEverywhere)).map(
      toTeamChannel,
    );
  }

  async subscribe(
    channelId: string,
    by: string | undefined,
    at: Date,
    source: TipSource = 'command',
  ): Promise<boolean> {
    return subscribeOn(this.db, channelId, by, at, source);
  }

  async unsubscribe(channelId: string, reason: string, at: Date, by?: string): Promise<boolean> {
    return unsubscribeOn(this.db, channelId, reason, at, by);
  }

  async syncConfigChannels(channelIds: readonly string[], at: Date): Promise<string[]> {
    const listed = new Set(channelIds);
    return this.db.transaction(
      async (tx) => {
        const added: string[] = [];
        for (const id of channelIds) if (await subscribeOn(tx, id, undefined, at, 'config')) added.push(id);
        for (const row of await tx.all<{ channel_id: string }>(TIP_SQL.configActive))
          if (!listed.has(row.channel_id))
            await unsubscribeOn(tx, row.channel_id, 'removed from TIP_CHANNELS', at);
        return added;
      },
      [CONFIG_LOCK],
    );
  }

  async rotation(audience: string): Promise<SavedRotation | undefined> {
    return readRotation(this.db, ROTATION_SQL.tips, audience);
  }

  async advance(audience: string, choose: ChooseTip, at: Date): Promise<string | undefined> {
    return this.db.transaction(
      async (tx) => {
        const picked = choose(await readRotation(tx, ROTATION_SQL.tips, audience));
        if (picked) await writeRotation(tx, ROTATION_SQL.tips, audience, picked.state, at);
        return picked?.tipId;
      },
      [rotationLock(audience)],
    );
  }

  async claim(
    channelId: string,
    slot: Date,
    choose: ChooseTip,
    at: Date,
    maxAttempts: number,
  ): Promise<string | undefined> {
    return this.db.transaction(
      async (tx) => {
        const picked = choose(await readRotation(tx, ROTATION_SQL.tips, channelId));
        if (!picked) return undefined;
        const claim = claimParams(channelId, slot, picked.tipId, at, this.options.owner, maxAttempts);
        const won =
          (await tx.run(TIP_SQL.claimFresh, claim)) === 1 ||
          (await tx.run(TIP_SQL.claimRefused, claim)) === 1;
        if (!won) return undefined;
        await writeRotation(tx, ROTATION_SQL.tips, channelId, picked.state, at);
        return picked.tipId;
      },
      [rotationLock(channelId)],
    );
  }

  async finish(
    channelId: string,
    slot: Date,
    outcome: TipOutcome,
    at: Date,
    restore?: (saved: SavedRotation) => SavedRotation,
  ): Promise<void> {
    await this.db.transaction(
      async (tx) => {
        await tx.run(TIP_SQL.finish, finishParams(channelId, slot, outcome, at));
        const saved = restore && (await readRotation(tx, ROTATION_SQL.tips, channelId));
        if (restore && saved) await writeRotation(tx, ROTATION_SQL.tips, channelId, restore(saved), at);
      },
      [rotationLock(channelId)],
    );
  }

  async abandonInFlight(at: Date): Promise<TipPost[]> {
    const { owner } = this.options;
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<PostRow>(`${TIP_SQL.inFlight} FOR UPDATE`, { owner });
      await tx.run(TIP_SQL.abandon, { owner, at: iso(at), error: ABANDONED });
      return rows.map(toPost);
    });
  }

  async posts(channelId: string): Promise<TipPost[]> {
    return (await this.db.all<PostRow>(TIP_SQL.posts, { channelId })).map(toPost);
  }
}

async function subscribeOn(
  db: PgQueries,
  channelId: string,
  by: string | undefined,
  at: Date,
  source: TipSource,
): Promise<boolean> {
  return (await db.run(TIP_SQL.subscribe, { channelId, source, at: iso(at), by: by ?? null })) === 1;
}

async function unsubscribeOn(
  db: PgQueries,
  channelId: string,
  reason: string,
  at: Date,
  by?: string,
): Promise<boolean> {
  return (await db.run(TIP_SQL.unsubscribe, { channelId, reason, at: iso(at), by: by ?? null })) === 1;
}
