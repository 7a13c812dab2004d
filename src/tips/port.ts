import type { Message } from '../message';

/**
 * How posting a tip ended, as the transport saw it:
 * - `posted`: it is in the channel.
 * - `gone`: the channel cannot take posts any more (deleted, archived, the app was removed): stop posting there.
 * - `refused`: Slack answered with an error, so nothing was posted; the same slot may be tried again.
 * - `unknown`: no clear answer (the connection broke); it may have been posted, so it is never tried again.
 */
export type PostResult =
  | { status: 'posted'; ts?: string }
  | { status: 'gone' | 'refused' | 'unknown'; error: string };

/** The port the tips domain posts through; `src/slack/` implements it with the Web API. */
export interface TipPoster {
  post(channelId: string, message: Message): Promise<PostResult>;
}

/** Where the scheduler and commands read the time; tests pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
