import type { Tip } from '../../src/content/load';
import { MemoryTipStore } from '../../src/store/memory/tips';
import { TipDesk } from '../../src/tips/desk';
import { parseSchedule } from '../../src/tips/schedule';
import { seededRandom } from '../helpers/seeded-random';

const TIPS: Tip[] = ['one', 'two', 'three'].map((id) => ({
  id,
  title: `Tip ${id}`,
  topic: 'image',
  example: 'docker image ls',
  body: `The ${id} tip, with enough words in it to look like a real one.`,
  file: `content/tips/${id}.md`,
  asks: [],
}));

let repo: MemoryTipStore;
// Friday 28 March 2025, 12:00 in Berlin (CET): the next weekday 09:00 is Monday, after the clocks change.
const now = new Date('2025-03-28T11:00:00Z');

beforeEach(() => {
  repo = new MemoryTipStore({ owner: 'test' });
});

const desk = (scheduled = true) =>
  new TipDesk({
    tips: TIPS,
    store: repo,
    clock: { now: () => now },
    random: seededRandom(1),
    scheduling: scheduled
      ? { schedule: parseSchedule('0 9 * * 1-5', 'Europe/Berlin'), configChannels: new Set(['CLISTED']) }
      : undefined,
  });

describe('TipDesk', () => {
  it('shows the next post time in the schedule’s zone', async () => {
    const on = await desk().subscribe('C1', 'U1');
    expect(on.text).toContain('Daily tips are now on in this channel.');
    expect(on.text).toContain('Next tip: Mon, 31 Mar 2025, 09:00 CEST (Europe/Berlin).');
    expect((await desk().status('C1')).text).toMatch(
      /^Daily tips are on here \(they were turned on with \/docker tips on\)/,
    );
  });

  it('says why tips stopped', async () => {
    await repo.subscribe('C1', 'U1', now);
    await repo.unsubscribe('C1', 'is_archived', now);
    expect((await desk().status('C1')).text).toMatch(
      /off here\. They stopped because Slack refused the post \(is_archived\)/,
    );
    expect((await desk().unsubscribe('C2', 'U2')).text).toMatch(/already off/);
    await repo.subscribe('C3', 'U1', now);
    await desk().unsubscribe('C3', 'U2');
    expect((await desk().status('C3')).text).toContain('someone turned them off with /docker tips off');
  });

  it('keeps TIP_CHANNELS on, and brings a listed channel back that Slack had turned away', async () => {
    await repo.syncConfigChannels(['CLISTED'], now);
    expect((await desk().unsubscribe('CLISTED', 'U1')).text).toMatch(/always gets daily tips/);
    expect((await desk().subscribe('CLISTED', 'U1')).text).toMatch(/already gets daily tips/);
    await repo.unsubscribe('CLISTED', 'not_in_channel', now);
    expect((await desk().subscribe('CLISTED', 'U1')).text).toContain('Daily tips are now on');
    expect(await repo.subscription('CLISTED')).toEqual(
      expect.objectContaining({ active: true, source: 'config' }),
    );
  });

  it('gives each person their own rotation', async () => {
    const d = desk();
    const titles: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) titles.push((await d.nextFor('U1'))?.text);
    expect(new Set(titles).size).toBe(3);
    expect((await d.nextFor('U2'))?.text).toMatch(/^Docker tip: /);
  });

  it('explains in the console that daily tips belong to Slack', async () => {
    expect((await desk(false).subscribe('CCONSOLE', 'U1')).text).toMatch(
      /nothing to turn on in the local console/,
    );
    expect(await repo.subscription('CCONSOLE')).toBeUndefined();
  });
});
