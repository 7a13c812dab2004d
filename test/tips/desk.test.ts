import type { Tip } from '../../src/content/load';
import { Store } from '../../src/store/store';
import { TipsRepository } from '../../src/store/tips';
import { TipDesk } from '../../src/tips/desk';
import { parseSchedule } from '../../src/tips/schedule';
import { seededRandom } from '../helpers/seeded-random';
import { tempDir } from '../helpers/temp-dir';

const TIPS: Tip[] = ['one', 'two', 'three'].map((id) => ({
  id,
  title: `Tip ${id}`,
  topic: 'image',
  example: 'docker image ls',
  body: `The ${id} tip, with enough words in it to look like a real one.`,
  file: `content/tips/${id}.md`,
  asks: [],
}));

let dir: ReturnType<typeof tempDir>;
let store: Store;
let repo: TipsRepository;
// Friday 28 March 2025, 12:00 in Berlin (CET): the next weekday 09:00 is Monday, after the clocks change.
const now = new Date('2025-03-28T11:00:00Z');

beforeEach(() => {
  dir = tempDir('dx-tips-desk-');
  store = Store.open(dir.dir);
  repo = new TipsRepository(store);
});
afterEach(() => {
  store.close();
  dir.cleanup();
});

const desk = (scheduled = true) =>
  new TipDesk({
    tips: TIPS,
    repository: repo,
    clock: { now: () => now },
    random: seededRandom(1),
    scheduling: scheduled
      ? { schedule: parseSchedule('0 9 * * 1-5', 'Europe/Berlin'), configChannels: new Set(['CLISTED']) }
      : undefined,
  });

describe('TipDesk', () => {
  it('shows the next post time in the schedule’s zone', () => {
    const on = desk().subscribe('C1', 'U1');
    expect(on.text).toContain('Daily tips are now on in this channel.');
    expect(on.text).toContain('Next tip: Mon, 31 Mar 2025, 09:00 CEST (Europe/Berlin).');
    expect(desk().status('C1').text).toMatch(
      /^Daily tips are on here \(they were turned on with \/docker tips on\)/,
    );
  });

  it('says why tips stopped', () => {
    repo.subscribe('C1', 'U1', now);
    repo.unsubscribe('C1', 'is_archived', now);
    expect(desk().status('C1').text).toMatch(
      /off here\. They stopped because Slack refused the post \(is_archived\)/,
    );
    expect(desk().unsubscribe('C2', 'U2').text).toMatch(/already off/);
    repo.subscribe('C3', 'U1', now);
    desk().unsubscribe('C3', 'U2');
    expect(desk().status('C3').text).toContain('someone turned them off with /docker tips off');
  });

  it('keeps TIP_CHANNELS on, and brings a listed channel back that Slack had turned away', () => {
    repo.syncConfigChannels(['CLISTED'], now);
    expect(desk().unsubscribe('CLISTED', 'U1').text).toMatch(/always gets daily tips/);
    expect(desk().subscribe('CLISTED', 'U1').text).toMatch(/already gets daily tips/);
    repo.unsubscribe('CLISTED', 'not_in_channel', now);
    expect(desk().subscribe('CLISTED', 'U1').text).toContain('Daily tips are now on');
    expect(repo.subscription('CLISTED')).toEqual(expect.objectContaining({ active: true, source: 'config' }));
  });

  it('gives each person their own rotation', () => {
    const d = desk();
    const titles = [0, 1, 2].map(() => d.nextFor('U1')?.text);
    expect(new Set(titles).size).toBe(3);
    expect(d.nextFor('U2')?.text).toMatch(/^Docker tip: /);
  });

  it('explains in the console that daily tips belong to Slack', () => {
    expect(desk(false).subscribe('CCONSOLE', 'U1').text).toMatch(/nothing to turn on in the local console/);
    expect(repo.subscription('CCONSOLE')).toBeUndefined();
  });
});
