/**
 * Which tip comes next for one audience (a channel, or one person asking with `/docker tip`). Pure: the state
 * goes in and comes out, randomness is passed in, so a store can persist it and tests can replay it.
 *
 * Promises: every tip once per cycle before any repeats, a fresh shuffle per cycle, a cycle never starts
 * with the tip that ended the previous one, and tips added to the content join the current cycle.
 */
export interface RotationState {
  /** 1 for the first cycle. */
  cycle: number;
  /** Tips still to show in this cycle, in order. */
  remaining: string[];
  /** Tips shown in this cycle, oldest first. */
  shown: string[];
  /** The tip shown most recently (it may belong to the previous cycle). */
  last?: string;
}

/** A number in [0, 1), like Math.random. */
export type Random = () => number;

export interface TipPick {
  tipId: string;
  state: RotationState;
}

const randomIndex = (random: Random, below: number) => Math.min(below - 1, Math.floor(random() * below));

/** Fisher–Yates, on a copy. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Brings a saved state up to date with the current tips: removed ones drop out, new ones join this cycle. */
export function reconcile(state: RotationState, tipIds: readonly string[], random: Random): RotationState {
  const known = new Set(tipIds);
  const remaining = state.remaining.filter((id) => known.has(id));
  const shown = state.shown.filter((id) => known.has(id));
  const placed = new Set([...remaining, ...shown]);
  for (const id of tipIds) {
    if (placed.has(id)) continue;
    remaining.splice(randomIndex(random, remaining.length + 1), 0, id);
    placed.add(id);
  }
  return { ...state, remaining, shown };
}

/** A new cycle over every tip, shuffled, never starting with `last`. */
function newCycle(cycle: number, tipIds: readonly string[], last: string | undefined, random: Random) {
  const remaining = shuffle([...new Set(tipIds)], random);
  if (remaining.length > 1 && remaining[0] === last) {
    const swap = 1 + randomIndex(random, remaining.length - 1);
    [remaining[0], remaining[swap]] = [remaining[swap] as string, remaining[0] as string];
  }
  return { cycle, remaining, shown: [], last };
}

/** The next tip and the state after showing it; undefined when there are no tips at all. */
export function nextTip(
  state: RotationState | undefined,
  tipIds: readonly string[],
  random: Random,
): TipPick | undefined {
  if (tipIds.length === 0) return undefined;
  let current = state ? reconcile(state, tipIds, random) : newCycle(1, tipIds, undefined, random);
  if (current.remaining.length === 0) current = newCycle(current.cycle + 1, tipIds, current.last, random);
  const [tipId, ...rest] = current.remaining as [string, ...string[]];
  return {
    tipId,
    state: { cycle: current.cycle, remaining: rest, shown: [...current.shown, tipId], last: tipId },
  };
}

/** Puts a tip that could not be delivered back at the front of the cycle, so it is not lost. */
export function putBack(state: RotationState, tipId: string): RotationState {
  if (state.last !== tipId || state.shown[state.shown.length - 1] !== tipId) return state;
  const shown = state.shown.slice(0, -1);
  return { ...state, remaining: [tipId, ...state.remaining], shown, last: shown[shown.length - 1] };
}
