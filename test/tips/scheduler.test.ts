import type { Tip } from '../../src/content/load';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import { MemoryTipStore } from '../../src/store/memory/tips';
import type { Clock, PostResult, TipPoster } from '../../src/tips/port';
import { nextTip } from '../../src/tips/rotation';
import { parseSchedule } from '../../src/tips/schedule';
import { TipScheduler, type TipSchedulerOptions } from '../../src/tips/scheduler';
import { seededRandom } from '../helpers/seeded-random';

const TIPS: Tip[] = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((id) => ({
  id,
  title: `Tip ${id}`,
  topic: 'image',
  example: `docker image ls --filter label=${id}`,
  body: `The ${id} tip, with enough words in it to look like a real one.`,
  file: `content/tips/${id}.md`,
  asks: [],
}));

/** Berlin, weekdays at 09:00; Monday 31 March 2025 09:00 CEST is 07:00 UTC. */
const schedule = parseSchedule('0 9 * * 1-5', 'Europe/Berlin');
const MONDAY_SLOT = new Date('2025-03-31T07:00:00Z');

/** A clock the test moves by hand. */
class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** A stand-in for the Slack poster: records posts and answers as told per channel. */
class RecordingPoster implements TipPoster {
  readonly posts: { channelId: string; title: string }[] = [];
  readonly answers = new Map<string, PostResult | (() => Promise<PostResult>) | 'throw'>();

  async post(channelId: string, message: Message): Promise<PostResult> {
    const answer = this.answers.get(channelId);
    if (answer === 'throw') throw new Error('boom');
    const result =
      typeof answer === 'function' ? await answer() : (answer ?? { status: 'posted', ts: '1.2' });
    if (result.status === 'posted') {
      const header = message.blocks.find((b) => b.type === 'header');
      this.posts.push({ channelId, title: header?.type === 'header' ? header.text : '' });
    }
    return result;
  }

  to(channelId: string): string[] {
    return this.posts.filter((p) => p.channelId === channelId).map((p) => p.title);
  }
}

let repo: MemoryTipStore;
let logs: string[];
let running: TipScheduler[];

beforeEach(() => {
  repo = new MemoryTipStore({ owner: 'test' });
  logs = [];
  running = [];
});
afterEach(async () => {
  for (const scheduler of running) await scheduler.stop();
});

function scheduler(
  clock: Clock,
  poster: TipPoster,
  configChannels: string[] = [],
  more: Partial<TipSchedulerOptions> = {},
): TipScheduler {
  const made = new TipScheduler({
    schedule,
    store: repo,
    tips: TIPS,
    poster,
    clock,
    random: seededRandom(42),
    logger: createLogger('debug', { write: (line: string) => logs.push(line) }),
    configChannels,
    retryDelayMs: 60_000,
    maxAttempts: 2,
    ...more,
  });
  running.push(made);
  return made;
}

/** Channel C1, subscribed long ago, at Monday's slot, with the poster answering it `result`. */
async function oneChannelAnswering(result: PostResult) {
  const clock = new FakeClock(MONDAY_SLOT);
  await repo.subscribe('C1', 'U1', new Date(0));
  const poster = new RecordingPoster();
  poster.answers.set('C1', result);
  return { clock, poster, s: scheduler(clock, poster) };
}

describe('TipScheduler.tick on TIP_QUIZ_DAYS', () => {
  it('posts a quiz in place of the tip on those days only, and the tips carry on where they were', async () => {
    const clock = new FakeClock(MONDAY_SLOT);
    await repo.subscribe('C1', 'U1', new Date(0));
    const poster = new RecordingPoster();
    const opened: string[] = [];
    // Tuesday and Thursday, read in Berlin.
    const s = scheduler(clock, poster, [], {
      quiz: {
        days: [2, 4],
        message: async (channelId) => {
          opened.push(channelId);
          return { text: 'quiz', blocks: [{ type: 'header', text: 'Channel quiz' }] };
        },
      },
    });
    for (const day of ['03-31', '04-01', '04-02', '04-03', '04-04']) {
      clock.set(`2025-${day}T07:00:05Z`);
      await s.tick();
    }
    const titles = poster.to('C1');
    expect(titles.map((t) => t === 'Channel quiz')).toEqual([false, true, false, true, false]);
    expect(opened).toEqual(['C1', 'C1']);
    expect(new Set(titles.filter((t) => t !== 'Channel quiz')).size).toBe(3);
    expect((await repo.posts('C1')).map((p) => p.tipId)).toContain('quiz');
    expect((await repo.rotation('C1'))?.shown).toHaveLength(3);
    expect(logs.join('\n')).toContain('daily quiz posted');
  });

  it('counts a quiz that cannot be opened as refused, so it is tried again', async () => {
    const clock = new FakeClock(new Date('2025-04-01T07:00:00Z'));
    await repo.subscribe('C1', 'U1', new Date(0));
    const poster = new RecordingPoster();
    const s = scheduler(clock, poster, [], {
      quiz: { days: [2], message: () => Promise.reject(new Error('no questions')) },
    });
    expect(Object.fromEntries(await s.tick())).toEqual({ C1: 'refused' });
    expect(poster.posts).toEqual([]);
  });
});

describe('TipScheduler.tick', () => {
  it('posts the due slot to every subscribed channel once', async () => {
    const clock = new FakeClock(MONDAY_SLOT);
    await repo.subscribe('C1', 'U1', new Date('2025-03-30T12:00:00Z'));
    await repo.subscribe('C2', 'U1', new Date('2025-03-30T12:00:00Z'));
    const poster = new RecordingPoster();
    const s = scheduler(clock, poster);

    const first = await s.tick();
    expect(Object.fromEntries(first)).toEqual({ C1: 'posted', C2: 'posted' });
    clock.set('2025-03-31T07:30:00Z');
    const again = await s.tick();
    expect(Object.fromEntries(again)).toEqual({ C1: 'skipped', C2: 'skipped' });
    expect(poster.posts).toHaveLength(2);
    expect(await repo.posts('C1')).toEqual([
      expect.objectContaining({ slot: MONDAY_SLOT, status: 'posted' }),
    ]);
  });

  it('posts a new tip each day, distinct until every tip has been shown', async () => {
    const clock = new FakeClock(MONDAY_SLOT);
    await repo.subscribe('C1', 'U1', new Date('2025-03-30T12:00:00Z'));
    const poster = new RecordingPoster();
    const s = scheduler(clock, poster);
    for (const day of ['03-31', '04-01', '04-02', '04-03', '04-04', '04-07']) {
      clock.set(`2025-${day}T07:00:05Z`);
      await s.tick();
    }
    expect(new Set(poster.to('C1')).size).toBe(TIPS.length);
  });

  it('leaves out channels that subscribed after the slot', async () => {
    const clock = new FakeClock(new Date('2025-03-31T10:00:00Z'));
    await repo.subscribe('CEARLY', 'U1', new Date('2025-03-31T06:59:00Z'));
    await repo.subscribe('CLATE', 'U1', new Date('2025-03-31T09:00:00Z'));
    const poster = new RecordingPoster();
    await scheduler(clock, poster).tick();
    expect(poster.posts.map((p) => p.channelId)).toEqual(['CEARLY']);
  });

  it('unsubscribes a channel Slack says is gone, and still posts to the others', async () => {
    const clock = new FakeClock(MONDAY_SLOT);
    for (const channel of ['CA', 'CB', 'CC', 'CD']) await repo.subscribe(channel, 'U1', new Date(0));
    const poster = new RecordingPoster();
    poster.answers.set('CB', { status: 'gone', error: 'channel_not_found' });
    poster.answers.set('CC', 'throw');
    const outcomes = await scheduler(clock, poster).tick();
    expect(Object.fromEntries(outcomes)).toEqual({ CA: 'posted', CB: 'gone', CC: 'unknown', CD: 'posted' });
    expect(await repo.subscription('CB')).toEqual(
      expect.objectContaining({ active: false, stoppedReason: 'channel_not_found' }),
    );
    expect((await repo.subscription('CC'))?.active).toBe(true);
    expect(logs.join('')).toMatch(/daily tips stopped: .* channel=CB error=channel_not_found/);
  });

  it('does not let a slow channel hold up the others', async () => {
    const clock = new FakeClock(MONDAY_SLOT);
    await repo.subscribe('CSLOW', 'U1', new Date(0));
    await repo.subscribe('CFAST', 'U1', new Date(0));
    const poster = new RecordingPoster();
    let release: (result: PostResult) => void = () => undefined;
    poster.answers.set('CSLOW', () => new Promise<PostResult>((resolve) => (release = resolve)));
    const done = scheduler(clock, poster).tick();
    const deadline = Date.now() + 2000;
    while (poster.to('CFAST').length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(poster.to('CFAST')).toHaveLength(1);
    expect(poster.to('CSLOW')).toHaveLength(0);
    release({ status: 'posted', ts: '9.9' });
    expect(Object.fromEntries(await done)).toEqual({ CSLOW: 'posted', CFAST: 'posted' });
  });

  it('tries a refused slot again with the same tip, up to the attempt limit', async () => {
    const { clock, poster, s } = await oneChannelAnswering({ status: 'refused', error: 'internal_error' });
    expect((await s.tick()).get('C1')).toBe('refused');
    const firstTip = (await repo.posts('C1'))[0]?.tipId;
    poster.answers.delete('C1');
    clock.set('2025-03-31T07:01:00Z');
    expect((await s.tick()).get('C1')).toBe('posted');
    expect(await repo.posts('C1')).toEqual([
      expect.objectContaining({ tipId: firstTip, status: 'posted', attempts: 2 }),
    ]);
  });

  it('gives up on a slot Slack keeps refusing, without losing the tip from the cycle', async () => {
    const { clock, s } = await oneChannelAnswering({ status: 'refused', error: 'internal_error' });
    await s.tick();
    clock.set('2025-03-31T07:01:00Z');
    await s.tick();
    clock.set('2025-03-31T07:02:00Z');
    expect((await s.tick()).get('C1')).toBe('skipped');
    const rotation = await repo.rotation('C1');
    expect(rotation?.remaining).toContain((await repo.posts('C1'))[0]?.tipId);
    expect(rotation?.shown).toEqual([]);
  });

  it('never posts again a tip whose post had no clear answer', async () => {
    const { poster, s } = await oneChannelAnswering({ status: 'unknown', error: 'socket hang up' });
    expect((await s.tick()).get('C1')).toBe('unknown');
    poster.answers.delete('C1');
    expect((await s.tick()).get('C1')).toBe('skipped');
  });
});

/** Starts a scheduler as the app does, at `iso` on a hand-moved clock, and waits for its catch-up. */
async function startedAt(iso: string, poster = new RecordingPoster(), configChannels: string[] = []) {
  const clock = new FakeClock(new Date(iso));
  const s = scheduler(clock, poster, configChannels);
  await s.start();
  await s.idle();
  return { clock, poster, s };
}

describe('TipScheduler.start: restarts and missed slots', () => {
  it('posts a slot missed while down once, on start, when it is still the same day', async () => {
    await repo.subscribe('C1', 'U1', new Date('2025-03-28T12:00:00Z'));
    const { poster, s: first } = await startedAt('2025-03-31T14:00:00Z');
    await first.stop();
    expect(poster.to('C1')).toHaveLength(1);
    expect(await repo.posts('C1')).toEqual([
      expect.objectContaining({ slot: MONDAY_SLOT, status: 'posted' }),
    ]);

    await startedAt('2025-03-31T14:00:00Z', poster);
    expect(poster.to('C1')).toHaveLength(1);
  });

  it('skips a slot missed on an earlier day instead of flooding', async () => {
    await repo.subscribe('C1', 'U1', new Date('2025-03-20T12:00:00Z'));
    // Monday 06:30 in Berlin: the last slot was Friday's, and today's has not come yet.
    const { poster } = await startedAt('2025-03-31T04:30:00Z');
    expect(poster.posts).toEqual([]);
    expect(await repo.posts('C1')).toEqual([]);
  });

  it('never reposts a slot the previous run was posting when it died', async () => {
    await repo.subscribe('C1', 'U1', new Date(0));
    await repo.claim('C1', MONDAY_SLOT, (saved) => nextTip(saved, ['alpha'], Math.random), MONDAY_SLOT, 3);
    const { poster } = await startedAt('2025-03-31T07:00:30Z');
    expect(poster.posts).toEqual([]);
    expect(await repo.posts('C1')).toEqual([expect.objectContaining({ status: 'unknown', tipId: 'alpha' })]);
    expect(logs.join('')).toMatch(/may or may not have arrived and will not be posted again/);
  });

  it('subscribes TIP_CHANNELS from now on, so they start with the next slot', async () => {
    const { clock, poster, s } = await startedAt('2025-03-31T08:00:00Z', new RecordingPoster(), ['CCONFIG']);
    expect(await repo.subscription('CCONFIG')).toEqual(
      expect.objectContaining({ active: true, source: 'config' }),
    );
    expect(poster.posts).toEqual([]);
    clock.set('2025-04-01T07:00:00Z');
    await s.tick();
    expect(poster.to('CCONFIG')).toHaveLength(1);
  });
});
