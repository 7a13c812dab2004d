import { nextTip, putBack, type RotationState, reconcile, shuffle } from '../../src/tips/rotation';
import { seededRandom } from '../helpers/seeded-random';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `tip-${i + 1}`);

/** Picks `count` tips in a row, carrying the state; returns the picks and the final state. */
function run(count: number, tipIds: string[], random: () => number, start?: RotationState) {
  const picks: string[] = [];
  let state = start;
  for (let i = 0; i < count; i++) {
    const picked = nextTip(state, tipIds, random);
    if (!picked) throw new Error('expected a tip');
    picks.push(picked.tipId);
    state = picked.state;
  }
  return { picks, state: state as RotationState };
}

describe('tip rotation', () => {
  it('shows every tip once per cycle before any repeats', () => {
    const tips = ids(64);
    const { picks } = run(64 * 3, tips, seededRandom(1));
    for (let cycle = 0; cycle < 3; cycle++) {
      const window = picks.slice(cycle * 64, (cycle + 1) * 64);
      expect([...window].sort()).toEqual([...tips].sort());
    }
  });

  it('shuffles each cycle afresh', () => {
    const { picks } = run(64 * 2, ids(64), seededRandom(2));
    expect(picks.slice(0, 64)).not.toEqual(picks.slice(64));
    expect(picks.slice(0, 64)).not.toEqual(ids(64));
  });

  it('never starts a cycle with the tip that ended the last, for any seed', () => {
    for (const n of [2, 3, 5]) {
      for (let seed = 0; seed < 300; seed++) {
        const { picks } = run(n * 8, ids(n), seededRandom(seed));
        for (let i = 1; i < picks.length; i++) expect(picks[i]).not.toBe(picks[i - 1]);
      }
    }
  });

  it.each([
    ['always 0', () => 0],
    ['always just under 1', () => 0.999_999],
  ])('keeps the cycle boundary apart even when the randomness is %s', (_name, random) => {
    const { picks } = run(4 * 6, ids(4), random);
    for (let i = 1; i < picks.length; i++) expect(picks[i]).not.toBe(picks[i - 1]);
  });

  it('numbers the cycles', () => {
    const random = seededRandom(3);
    expect(run(5, ids(5), random).state.cycle).toBe(1);
    expect(run(6, ids(5), random).state.cycle).toBe(2);
  });

  it('lets tips added mid-cycle join the current cycle', () => {
    const random = seededRandom(4);
    const first = run(3, ids(5), random);
    const grown = [...ids(5), 'new-a', 'new-b'];
    const rest = run(4, grown, random, first.state);
    expect(rest.state.cycle).toBe(1);
    expect([...first.picks, ...rest.picks].sort()).toEqual([...grown].sort());
    const next = run(1, grown, random, rest.state);
    expect(next.state.cycle).toBe(2);
  });

  it('lets tips added after the last one of a cycle join that cycle before a new one starts', () => {
    const random = seededRandom(5);
    const first = run(3, ids(3), random);
    const rest = run(1, [...ids(3), 'late'], random, first.state);
    expect(rest.picks).toEqual(['late']);
    expect(rest.state.cycle).toBe(1);
  });

  it('drops tips removed from the content', () => {
    const random = seededRandom(6);
    const first = run(2, ids(6), random);
    const gone = first.state.remaining[0] as string;
    const kept = ids(6).filter((id) => id !== gone);
    const rest = run(3, kept, random, first.state);
    expect(rest.picks).not.toContain(gone);
    expect([...first.picks, ...rest.picks].sort()).toEqual([...kept].sort());
  });

  it('continues where it left off after its state is saved and read back', () => {
    const whole = run(20, ids(7), seededRandom(7)).picks;
    const random = seededRandom(7);
    const before = run(9, ids(7), random);
    const saved = JSON.parse(JSON.stringify(before.state)) as RotationState;
    const after = run(11, ids(7), random, saved);
    expect([...before.picks, ...after.picks]).toEqual(whole);
  });

  it('puts an undelivered tip back at the front of the cycle', () => {
    const random = seededRandom(8);
    const first = run(2, ids(4), random);
    const undelivered = first.picks[1] as string;
    const restored = putBack(first.state, undelivered);
    expect(restored.remaining[0]).toBe(undelivered);
    const rest = run(3, ids(4), random, restored);
    expect(rest.picks[0]).toBe(undelivered);
    expect([first.picks[0], ...rest.picks].sort()).toEqual(ids(4));
  });

  it('leaves the state alone when asked to put back a tip it did not just show', () => {
    const first = run(2, ids(4), seededRandom(9));
    expect(putBack(first.state, first.picks[0] as string)).toBe(first.state);
  });

  it('has nothing to pick without tips', () => {
    expect(nextTip(undefined, [], Math.random)).toBeUndefined();
  });

  it('shows a single tip every time', () => {
    expect(run(3, ['only'], seededRandom(10)).picks).toEqual(['only', 'only', 'only']);
  });

  it('reconciles without losing or duplicating tips', () => {
    const state: RotationState = { cycle: 2, remaining: ['b', 'x'], shown: ['a', 'y'], last: 'y' };
    const next = reconcile(state, ['a', 'b', 'c'], seededRandom(11));
    expect(next.shown).toEqual(['a']);
    expect([...next.remaining].sort()).toEqual(['b', 'c']);
    expect(next.cycle).toBe(2);
  });

  it('shuffles into a permutation without changing its input', () => {
    const input = ids(10);
    const copy = [...input];
    const out = shuffle(input, seededRandom(12));
    expect(input).toEqual(copy);
    expect([...out].sort()).toEqual([...input].sort());
  });
});
