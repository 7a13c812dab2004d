import { Store } from '../../src/store/store';
import { type ChooseTip, TipsRepository, userAudience } from '../../src/store/tips';
import { nextTip, putBack } from '../../src/tips/rotation';
import { seededRandom } from '../helpers/seeded-random';
import { tempDir } from '../helpers/temp-dir';

const TIPS = ['a', 'b', 'c', 'd', 'e'];
const t0 = new Date('2025-03-31T07:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const chooser = (seed: number): ChooseTip => {
  const random = seededRandom(seed);
  return (saved) => nextTip(saved, TIPS, random);
};

let dir: ReturnType<typeof tempDir>;
let stores: Store[];

beforeEach(() => {
  dir = tempDir('dx-tips-store-');
  stores = [];
});
afterEach(() => {
  for (const store of stores) store.close();
  dir.cleanup();
});

/** Opens the database in the test's folder, as a (re)started app would. */
function open(): TipsRepository {
  const store = Store.open(dir.dir);
  stores.push(store);
  return new TipsRepository(store);
}

describe('subscriptions', () => {
  it('survive close and reopen', () => {
    const first = open();
    expect(first.subscribe('C1', 'U1', t0)).toBe(true);
    expect(first.subscribe('C1', 'U2', later(1))).toBe(false);
    expect(first.subscribe('C2', 'U1', t0)).toBe(true);
    expect(first.unsubscribe('C2', 'turned off with /docker tips off', later(2), 'U3')).toBe(true);
    expect(first.unsubscribe('C2', 'again', later(3))).toBe(false);
    stores.pop()?.close();

    const second = open();
    expect(second.activeSubscriptions().map((s) => s.channelId)).toEqual(['C1']);
    expect(second.subscription('C1')).toEqual(
      expect.objectContaining({ active: true, source: 'command', since: t0, changedBy: 'U1' }),
    );
    expect(second.subscription('C2')).toEqual(
      expect.objectContaining({
        active: false,
        changedBy: 'U3',
        stoppedReason: 'turned off with /docker tips off',
      }),
    );
  });

  it('start again from the moment they are turned back on', () => {
    const repo = open();
    repo.subscribe('C1', 'U1', t0);
    repo.unsubscribe('C1', 'off', later(1));
    repo.subscribe('C1', 'U1', later(5));
    expect(repo.subscription('C1')?.since).toEqual(later(5));
  });

  it('follow TIP_CHANNELS: listed channels on, unlisted config channels off, start times kept', () => {
    const repo = open();
    repo.subscribe('CCMD', 'U1', t0);
    expect(repo.syncConfigChannels(['CA', 'CB', 'CCMD'], later(1))).toEqual(['CA', 'CB', 'CCMD']);
    expect(repo.subscription('CCMD')).toEqual(expect.objectContaining({ source: 'config', since: t0 }));
    expect(repo.syncConfigChannels(['CA'], later(2))).toEqual([]);
    expect(repo.subscription('CA')?.since).toEqual(later(1));
    expect(repo.subscription('CB')).toEqual(
      expect.objectContaining({ active: false, stoppedReason: 'removed from TIP_CHANNELS' }),
    );
    // A person's /docker tips on never takes a channel over from the list.
    expect(repo.subscribe('CA', 'U9', later(3))).toBe(false);
    expect(repo.subscription('CA')?.source).toBe('config');
  });
});

describe('claiming a slot', () => {
  it('gives each (channel, slot) to one caller only, also after a reopen', () => {
    const first = open();
    const tip = first.claim('C1', t0, chooser(1), t0, 3);
    expect(tip).toBeDefined();
    expect(first.claim('C1', t0, chooser(1), t0, 3)).toBeUndefined();
    expect(first.claim('C2', t0, chooser(1), t0, 3)).toBeDefined();
    first.finish('C1', t0, { status: 'posted', messageTs: '1.1' }, later(1));
    stores.pop()?.close();

    const second = open();
    expect(second.claim('C1', t0, chooser(2), later(2), 3)).toBeUndefined();
    expect(second.posts('C1')).toEqual([
      expect.objectContaining({ slot: t0, tipId: tip, status: 'posted', attempts: 1, messageTs: '1.1' }),
    ]);
  });

  it('gives a slot to one of two processes sharing the database', () => {
    const one = open();
    const two = open();
    const winners = [one.claim('C1', t0, chooser(1), t0, 3), two.claim('C1', t0, chooser(2), t0, 3)];
    expect(winners.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the rotation across reopen, so a restart never repeats a tip within a cycle', () => {
    const seen: string[] = [];
    for (let day = 0; day < TIPS.length; day++) {
      const repo = open();
      const tip = repo.claim('C1', later(day * 1440), chooser(100 + day), later(day * 1440), 3);
      if (tip) seen.push(tip);
      stores.pop()?.close();
    }
    expect([...seen].sort()).toEqual(TIPS);
  });

  it('lets a refused slot be tried again, with the tip put back, until its attempts run out', () => {
    const repo = open();
    const tip = repo.claim('C1', t0, chooser(1), t0, 2) as string;
    repo.finish('C1', t0, { status: 'refused', error: 'ratelimited' }, t0, (saved) => putBack(saved, tip));
    expect(repo.rotation('C1')?.remaining[0]).toBe(tip);
    expect(repo.claim('C1', t0, chooser(1), later(1), 2)).toBe(tip);
    repo.finish('C1', t0, { status: 'refused', error: 'ratelimited' }, later(1), (saved) =>
      putBack(saved, tip),
    );
    expect(repo.claim('C1', t0, chooser(1), later(2), 2)).toBeUndefined();
    expect(repo.posts('C1')[0]).toEqual(expect.objectContaining({ status: 'refused', attempts: 2 }));
  });

  it('never retries a slot whose outcome is unknown or whose channel is gone', () => {
    const repo = open();
    repo.claim('C1', t0, chooser(1), t0, 3);
    repo.finish('C1', t0, { status: 'unknown', error: 'socket hang up' }, t0);
    repo.claim('C2', t0, chooser(1), t0, 3);
    repo.finish('C2', t0, { status: 'gone', error: 'channel_not_found' }, t0);
    expect(repo.claim('C1', t0, chooser(1), later(1), 3)).toBeUndefined();
    expect(repo.claim('C2', t0, chooser(1), later(1), 3)).toBeUndefined();
  });

  it('turns posts left mid-flight by a crash into unknown ones that are never posted again', () => {
    const first = open();
    const tip = first.claim('C1', t0, chooser(1), t0, 3);
    stores.pop()?.close(); // the process died while posting

    const second = open();
    expect(second.abandonInFlight(later(5))).toEqual([
      expect.objectContaining({ channelId: 'C1', slot: t0, tipId: tip, status: 'claimed' }),
    ]);
    expect(second.posts('C1')[0]?.status).toBe('unknown');
    expect(second.claim('C1', t0, chooser(1), later(6), 3)).toBeUndefined();
    expect(second.abandonInFlight(later(7))).toEqual([]);
  });

  it('claims nothing when there is no tip to choose', () => {
    const repo = open();
    expect(repo.claim('C1', t0, () => undefined, t0, 3)).toBeUndefined();
    expect(repo.posts('C1')).toEqual([]);
  });
});

describe('personal rotations', () => {
  it('advance per person and survive a reopen', () => {
    const first = open();
    const random = seededRandom(5);
    const choose: ChooseTip = (saved) => nextTip(saved, TIPS, random);
    const shown = [
      first.advance(userAudience('U1'), choose, t0),
      first.advance(userAudience('U1'), choose, t0),
    ];
    expect(first.advance(userAudience('U2'), choose, t0)).toBeDefined();
    stores.pop()?.close();
    const second = open();
    for (let i = 0; i < 3; i++) shown.push(second.advance(userAudience('U1'), choose, t0));
    expect([...shown].sort()).toEqual(TIPS);
  });
});
