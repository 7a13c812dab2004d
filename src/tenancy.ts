/**
 * Which Slack workspace (team) the work in hand is for. The stores bind every statement's `@team` from it,
 * so a workspace's rows are written and read under its own id and never another's.
 *
 * One workspace (a bot token in the environment): the team is always '' and nothing needs setting.
 * Many workspaces (OAuth): each request, and each scheduled post, runs inside `run(team, …)`; a store call
 * outside any team throws, because a row written under no team (or read across teams) would be a leak.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Tenancy {
  /** `single`: the team is always ''; `many`: set per request with `run`. */
  readonly mode: 'single' | 'many';
  /** The current team; in `many` mode it throws NoTeamError outside `run`. */
  team(): string;
  /** Runs `work` (and everything it starts) for `team`. */
  run<T>(team: string, work: () => T): T;
}

export class NoTeamError extends Error {
  override readonly name = 'NoTeamError';
  constructor() {
    super(
      'workspace data was used outside a workspace (no team set): this is a bug, nothing was read or written',
    );
  }
}

/** One workspace: every row belongs to team ''. */
export const singleWorkspace: Tenancy = {
  mode: 'single',
  team: () => '',
  run: (_team, work) => work(),
};

/** Many workspaces: the team travels with the async context of each request or scheduled job. */
export function manyWorkspaces(): Tenancy {
  const current = new AsyncLocalStorage<string>();
  return {
    mode: 'many',
    team() {
      const team = current.getStore();
      if (team === undefined) throw new NoTeamError();
      return team;
    },
    run: (team, work) => current.run(team, work),
  };
}
