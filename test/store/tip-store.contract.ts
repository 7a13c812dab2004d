import { nextTip, putBack } from '../../src/tips/rotation';
import type { ChooseTip, TipStore } from '../../src/tips/store';
import { userAudience } from '../../src/tips/store';
import { seededRandom } from '../helpers/seeded-random';

/**
 * How a test reaches one TipStore implementation: `open` gives a store on the shared data, as a (re)started
 * process would (`owner` names the process, `host-a` unless given); `crash` drops the last one opened.
 */
export interface TipStoreBackend {
  open(owner?: string): TipStore;
  crash(): void;
  cleanup(): void | Promise<void>;
}

const TIPS = ['a', 'b', 'c', 'd', 'e'];
const t0 = new Date('2025-03-31T07:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const chooser = (seed: number): ChooseTip => {
  const random = seededRandom(seed);
  return (saved) => nextTip(saved, TIPS, random);
};

/** The promises every TipStore keeps; test/store/tips.test.ts and test/store/memory/tips.test.ts run them. */
export function tipStoreContract(makeBackend: () => TipStoreBackend | Promise<TipStoreBackend>): void {
  let backend: TipStoreBackend;
  beforeEach(async () => {
    backend = await makeBackend();
  });
  afterEach(() => backend.cleanup());
  const open = (owner?: string) => backend.open(owner);

  describe('subscriptions', () => {
    it('survive close and reopen', async () => {
      const first = open();
      expect(await first.subscribe('C1', 'U1', t0)).toBe(true);
      expect(await first.subscribe('C1', 'U2', later(1))).toBe(false);
      expect(await first.subscribe('C2', 'U1', t0)).toBe(true);
      expect(await first.unsubscribe('C2', 'turned off with /docker tips off', later(2), 'U3')).toBe(true);
      expect(await first.unsubscribe('C2', 'again', later(3))).toBe(false);
      backend.crash();

      const second = open();
      expect((await second.activeSubscriptions()).map((s) => s.channelId)).toEqual(['C1']);
      expect(await second.subscription('C1')).toEqual(
        expect.objectContaining({ active: true, source: 'command', since: t0, changedBy: 'U1' }),
      );
      expect(await second.subscription('C2')).toEqual(
        expect.objectContaining({
          active: false,
          changedBy: 'U3',
          stoppedReason: 'turned off with /docker tips off',
        }),
      );
    });

    it('start again from the moment they are turned back on', async () => {
      const store = open();
      await store.subscribe('C1', 'U1', t0);
      await store.unsubscribe('C1', 'off', later(1));
      await store.subscribe('C1', 'U1', later(5));
      expect((await store.subscription('C1'))?.since).toEqual(later(5));
    });

    it('follow TIP_CHANNELS: listed channels on, unlisted config channels off, start times kept', async () => {
      const store = open();
      await store.subscribe('CCMD', 'U1', t0);
      expect(await store.syncConfigChannels(['CA', 'CB', 'CCMD'], later(1))).toEqual(['CA', 'CB', 'CCMD']);
      expect(await store.subscription('CCMD')).toEqual(
        expect.objectContaining({ source: 'config', since: t0 }),
      );
      expect(await store.syncConfigChannels(['CA'], later(2))).toEqual([]);
      expect((await store.subscription('CA'))?.since).toEqual(later(1));
      expect(await store.subscription('CB')).toEqual(
        expect.objectContaining({ active: false, stoppedReason: 'removed from TIP_CHANNELS' }),
      );
      // A person's /docker tips on never takes a channel over from the list.
      expect(await store.subscribe('CA', 'U9', later(3))).toBe(false);
      expect((await store.subscription('CA'))?.source).toBe('config');
    });
  });

  describe('claiming a slot', () => {
    it('gives each (channel, slot) to one caller only, also after a reopen', async () => {
      const first = open();
      const tip = await first.claim('C1', t0, chooser(1), t0, 3);
      expect(tip).toBeDefined();
      expect(await first.claim('C1', t0, chooser(1), t0, 3)).toBeUndefined();
      expect(await first.claim('C2', t0, chooser(1), t0, 3)).toBeDefined();
      await first.finish('C1', t0, { status: 'posted', messageTs: '1.1' }, later(1));
      backend.crash();

      const second = open();
      expect(await second.claim('C1', t0, chooser(2), later(2), 3)).toBeUndefined();
      expect(await second.posts('C1')).toEqual([
        expect.objectContaining({ slot: t0, tipId: tip, status: 'posted', attempts: 1, messageTs: '1.1' }),
      ]);
    });

    it('gives a slot to exactly one of several processes claiming it at once', async () => {
      const replicas = ['host-a', 'host-b', 'host-c'].map(open);
      const winners = await Promise.all(replicas.map((r, i) => r.claim('C1', t0, chooser(i), t0, 3)));
      expect(winners.filter(Boolean)).toHaveLength(1);
      const [post] = await (replicas[0] as TipStore).posts('C1');
      expect(post).toEqual(expect.objectContaining({ status: 'claimed', attempts: 1 }));
      expect(post?.tipId).toBe(winners.find(Boolean));
    });

    it('moves the rotation on only for the process that won the slot', async () => {
      const one = open('host-a');
      const two = open('host-b');
      const tip = await one.claim('C1', t0, chooser(1), t0, 3);
      const before = await one.rotation('C1');
      expect(await two.claim('C1', t0, chooser(2), t0, 3)).toBeUndefined();
      expect(await two.rotation('C1')).toEqual(before);
      expect(before?.last).toBe(tip);
    });

    it('keeps the rotation across reopen, so a restart never repeats a tip within a cycle', async () => {
      const seen: string[] = [];
      for (let day = 0; day < TIPS.length; day++) {
        const store = open();
        const tip = await store.claim('C1', later(day * 1440), chooser(100 + day), later(day * 1440), 3);
        if (tip) seen.push(tip);
        backend.crash();
      }
      expect([...seen].sort()).toEqual(TIPS);
    });

    it('lets a refused slot be tried again, with the tip put back, until its attempts run out', async () => {
      const store = open();
      const tip = (await store.claim('C1', t0, chooser(1), t0, 2)) as string;
      await store.finish('C1', t0, { status: 'refused', error: 'ratelimited' }, t0, (saved) =>
        putBack(saved, tip),
      );
      expect((await store.rotation('C1'))?.remaining[0]).toBe(tip);
      expect(await store.claim('C1', t0, chooser(1), later(1), 2)).toBe(tip);
      await store.finish('C1', t0, { status: 'refused', error: 'ratelimited' }, later(1), (saved) =>
        putBack(saved, tip),
      );
      expect(await store.claim('C1', t0, chooser(1), later(2), 2)).toBeUndefined();
      expect((await store.posts('C1'))[0]).toEqual(
        expect.objectContaining({ status: 'refused', attempts: 2 }),
      );
    });

    it('gives a refused slot to one of several processes retrying it at once', async () => {
      const [a, b] = [open('host-a'), open('host-b')];
      const tip = (await a.claim('C1', t0, chooser(1), t0, 3)) as string;
      await a.finish('C1', t0, { status: 'refused', error: 'internal_error' }, t0, (s) => putBack(s, tip));
      const retries = await Promise.all([a, b].map((r) => r.claim('C1', t0, chooser(1), later(1), 3)));
      expect(retries.filter(Boolean)).toEqual([tip]);
      expect((await b.posts('C1'))[0]).toEqual(expect.objectContaining({ status: 'claimed', attempts: 2 }));
    });

    it('never retries a slot whose outcome is unknown or whose channel is gone', async () => {
      const store = open();
      await store.claim('C1', t0, chooser(1), t0, 3);
      await store.finish('C1', t0, { status: 'unknown', error: 'socket hang up' }, t0);
      await store.claim('C2', t0, chooser(1), t0, 3);
      await store.finish('C2', t0, { status: 'gone', error: 'channel_not_found' }, t0);
      expect(await store.claim('C1', t0, chooser(1), later(1), 3)).toBeUndefined();
      expect(await store.claim('C2', t0, chooser(1), later(1), 3)).toBeUndefined();
    });

    it('turns its own posts left mid-flight by a crash into unknown ones that are never posted again', async () => {
      const first = open();
      const tip = await first.claim('C1', t0, chooser(1), t0, 3);
      backend.crash(); // the process died while posting

      const second = open();
      expect(await second.abandonInFlight(later(5))).toEqual([
        expect.objectContaining({ channelId: 'C1', slot: t0, tipId: tip, status: 'claimed' }),
      ]);
      expect((await second.posts('C1'))[0]?.status).toBe('unknown');
      expect(await second.claim('C1', t0, chooser(1), later(6), 3)).toBeUndefined();
      expect(await second.abandonInFlight(later(7))).toEqual([]);
    });

    it("leaves another replica's claim in flight alone when it starts", async () => {
      const live = open('host-a');
      await live.claim('C1', t0, chooser(1), t0, 3);
      const starting = open('host-b');
      expect(await starting.abandonInFlight(later(1))).toEqual([]);
      expect((await live.posts('C1'))[0]).toEqual(
        expect.objectContaining({ status: 'claimed', claimedBy: 'host-a' }),
      );
      await live.finish('C1', t0, { status: 'posted', messageTs: '2.2' }, later(2));
      expect((await starting.posts('C1'))[0]?.status).toBe('posted');
    });

    it('claims nothing when there is no tip to choose', async () => {
      const store = open();
      expect(await store.claim('C1', t0, () => undefined, t0, 3)).toBeUndefined();
      expect(await store.posts('C1')).toEqual([]);
    });
  });

  describe('personal rotations', () => {
    it('advance per person and survive a reopen', async () => {
      const first = open();
      const random = seededRandom(5);
      const choose: ChooseTip = (saved) => nextTip(saved, TIPS, random);
      const shown = [
        await first.advance(userAudience('U1'), choose, t0),
        await first.advance(userAudience('U1'), choose, t0),
      ];
      expect(await first.advance(userAudience('U2'), choose, t0)).toBeDefined();
      backend.crash();
      const second = open();
      for (let i = 0; i < 3; i++) shown.push(await second.advance(userAudience('U1'), choose, t0));
      expect([...shown].sort()).toEqual(TIPS);
    });
  });
}
