/**
 * What the tips domain keeps, as a port it owns: subscriptions, rotations and the posts of each slot. The
 * implementations live in src/store/ (SqliteTipStore, MemoryTipStore); both pass test/store/tip-store.contract.ts.
 * Every method is asynchronous, so a networked database (Postgres, several replicas) fits behind it unchanged.
 */
export interface TipStore {
  subscription(channelId: string): Promise<TipSubscription | undefined>;
  /** The current workspace's channels that get tips now, by channel id. */
  activeSubscriptions(): Promise<TipSubscription[]>;
  /** Every workspace's channels that get tips now, each with its workspace: for the schedule. */
  activeEverywhere(): Promise<TeamChannel[]>;
  /**
   * Turns tips on for a channel; false when they were already on. A TIP_CHANNELS listing (`config`) takes
   * over a channel turned on by command, keeping its start time; a command never takes over a listing.
   */
  subscribe(channelId: string, by: string | undefined, at: Date, source?: TipSource): Promise<boolean>;
  /** Turns tips off for a channel; false when they were already off. */
  unsubscribe(channelId: string, reason: string, at: Date, by?: string): Promise<boolean>;
  /**
   * Makes the TIP_CHANNELS list the set of config-sourced subscriptions: listed channels are on (keeping
   * their start time when already on), channels no longer listed are off. Returns the channels turned on.
   */
  syncConfigChannels(channelIds: readonly string[], at: Date): Promise<string[]>;
  rotation(audience: string): Promise<SavedRotation | undefined>;
  /** Advances an audience's rotation atomically and returns the tip chosen. */
  advance(audience: string, choose: ChooseTip, at: Date): Promise<string | undefined>;
  /**
   * Claims (channel, slot) for this store's owner and picks its tip, or undefined when another claim holds
   * it. The claim is a conditional insert (or, for a slot Slack refused with attempts left, a conditional
   * update): only one caller ever wins a slot, even across processes sharing the database, and the rotation
   * moves on only for the winner.
   */
  claim(
    channelId: string,
    slot: Date,
    choose: ChooseTip,
    at: Date,
    maxAttempts: number,
  ): Promise<string | undefined>;
  /** Records how a claimed post ended; `restore` may hand an undelivered tip back to the rotation. */
  finish(
    channelId: string,
    slot: Date,
    outcome: TipOutcome,
    at: Date,
    restore?: (saved: SavedRotation) => SavedRotation,
  ): Promise<void>;
  /**
   * This owner's posts left `claimed` (it stopped mid-post) become `unknown`: Slack may have shown them, so
   * they are never posted again (at most once). Claims of other owners (live replicas) are left alone.
   * Returns them, for the log.
   */
  abandonInFlight(at: Date): Promise<TipPost[]>;
  /** A channel's posts, oldest slot first. */
  posts(channelId: string): Promise<TipPost[]>;
}

/** A subscribed channel and the workspace (team) it is in ('' with one workspace). */
export interface TeamChannel {
  team: string;
  channelId: string;
  since: Date;
}

/** `config`: listed in TIP_CHANNELS; `command`: turned on with `/docker tips on`. */
export type TipSource = 'config' | 'command';

/** A channel's daily-tip subscription. */
export interface TipSubscription {
  channelId: string;
  active: boolean;
  source: TipSource;
  /** When tips (last) started; earlier slots are not this channel's. */
  since: Date;
  /** The Slack user who last turned tips on or off, if a person did. */
  changedBy?: string;
  changedAt: Date;
  /** Why tips stopped, when they are off. */
  stoppedReason?: string;
}

/** A rotation as saved; rotation.ts owns its meaning. */
export interface SavedRotation {
  cycle: number;
  remaining: string[];
  shown: string[];
  last?: string;
}

/** Picks the next tip from a saved rotation (undefined: nothing to pick). Runs inside the store's transaction. */
export type ChooseTip = (
  saved: SavedRotation | undefined,
) => { tipId: string; state: SavedRotation } | undefined;

/**
 * `claimed`: being posted now (or the process died while posting); `posted`: Slack took it; `refused`: Slack
 * said no, so nothing was posted and the slot may be tried again; `gone`: the channel cannot take posts;
 * `unknown`: no clear answer, so it may have been posted and is never tried again.
 */
export type TipPostStatus = 'claimed' | 'posted' | 'refused' | 'gone' | 'unknown';

export interface TipOutcome {
  status: Exclude<TipPostStatus, 'claimed'>;
  messageTs?: string;
  error?: string;
}

export interface TipPost {
  channelId: string;
  slot: Date;
  tipId: string;
  status: TipPostStatus;
  attempts: number;
  /** Which process claimed it last (see TipStoreOptions.owner). */
  claimedBy?: string;
  messageTs?: string;
  error?: string;
}

export interface TipStoreOptions {
  /**
   * Names the process that claims slots (INSTANCE_ID, by default the host name): the same after a restart,
   * different for each replica, so a restart settles its own unfinished posts and never another replica's.
   */
  owner: string;
}

/** The audience key of a person's own rotation (for `/docker tip`), next to channel ids. */
export const userAudience = (userId: string) => `user:${userId}`;

/** Why a post was left unknown when its owner stopped mid-post. */
export const ABANDONED = 'the app stopped while posting';
