import { loadContent } from '../../src/content/load';
import { Store } from '../../src/store/store';
import { SqliteTipStore } from '../../src/store/tips';
import type { TipStore } from '../../src/tips/store';
import { startTestApp, type TestApp } from '../helpers/harness';
import type { RecordedCall } from '../helpers/slack-stub';
import { tempDir } from '../helpers/temp-dir';

const { tips, topics } = loadContent();
const tipByHeader = new Map(tips.map((tip) => [`Docker tip: ${tip.title}`, tip]));

/** Every two seconds: long enough to tell slots apart, short enough to keep these tests to a few seconds. */
const EVERY_TWO_SECONDS = '*/2 * * * * *';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };
const blocksOf = (call: RecordedCall) => (call.body.blocks ?? []) as Block[];
const header = (call: RecordedCall) => blocksOf(call).find((b) => b.type === 'header')?.text?.text ?? '';
const buttons = (call: RecordedCall) =>
  blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const everything = (call: RecordedCall) => JSON.stringify(call.body);

/** chat.postMessage calls to a channel (all of them, when no channel is given), from index `from` on. */
const postsTo = (calls: RecordedCall[], channel?: string, from = 0) =>
  calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && (!channel || c.body.channel === channel));

/** Sends `/docker <text>` in a channel and returns the answer posted to its response_url. */
async function ask(t: TestApp, text: string, channel = 'C0GENERAL', user = 'U0ALICE'): Promise<RecordedCall> {
  const sent = await t.command(text, { channel, user });
  expect(sent.status).toBe(200);
  return t.stub.waitFor((calls) => calls.find((c) => c.responseId === sent.responseId));
}

/** Reads the tip tables the app wrote, after it has stopped. */
async function readStore<T>(dataDir: string, read: (repo: TipStore) => Promise<T>): Promise<T> {
  const store = Store.open(dataDir);
  try {
    return await read(new SqliteTipStore(store, { owner: 'reader' }));
  } finally {
    store.close();
  }
}

describe('/docker tip and its buttons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TIP_CHANNELS: 'C0FIXED1' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers privately with a tip and the Share, Next tip and Explain more buttons', async () => {
    const answer = await ask(t, 'tip');
    expect(answer.body.response_type).toBe('ephemeral');
    const tip = tipByHeader.get(header(answer));
    expect(tip).toBeDefined();
    expect(everything(answer)).toContain(`\`\`\`\\n${JSON.stringify(tip?.example).slice(1, -1)}\\n\`\`\``);
    expect(everything(answer)).toContain(`\`/docker ${tip?.topic}\``);
    expect(buttons(answer).map((b) => [b.action_id, b.value])).toEqual([
      ['share', `tip:${tip?.id}`],
      ['tip_next', tip?.id],
      ['tip_explain', tip?.topic],
    ]);
  });

  it('gives each person a new tip each time until they have seen them all', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push(header(await ask(t, 'TIP', 'C0GENERAL', 'U0DAVE')));
    expect(new Set(seen).size).toBe(6);
  });

  it('Next tip replaces the private tip with another one', async () => {
    const shown = header(await ask(t, 'tip', 'C0GENERAL', 'U0ERIN'));
    const pressed = await t.press('tip_next', tipByHeader.get(shown)?.id ?? '', { user: 'U0ERIN' });
    expect(pressed.status).toBe(200);
    const next = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === pressed.responseId));
    expect(next.body.response_type).toBe('ephemeral');
    expect(next.body.replace_original).toBe(true);
    expect(tipByHeader.has(header(next))).toBe(true);
    expect(header(next)).not.toBe(shown);
  });

  it('Explain more opens the related topic, privately', async () => {
    const pressed = await t.press('tip_explain', 'layers');
    const answer = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === pressed.responseId));
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.replace_original).toBe(false);
    expect(header(answer)).toBe(topics.find((topic) => topic.id === 'layers')?.title);
  });

  it('Explain more for a topic that no longer exists says so', async () => {
    const pressed = await t.press('tip_explain', 'ghost-topic');
    const answer = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === pressed.responseId));
    expect(answer.body.text).toMatch(/no longer available/);
  });

  it('Share in channel posts the tip for everyone, saying who shared it', async () => {
    const tip = tips[0];
    const pressed = await t.press('share', `tip:${tip?.id}`, { user: 'U0CAROL' });
    const [shared, removed] = await t.stub.waitFor((calls) => {
      const own = calls.filter((c) => c.responseId === pressed.responseId);
      return own.length >= 2 && own;
    });
    expect(shared?.body.response_type).toBe('in_channel');
    expect(header(shared as RecordedCall)).toBe(`Docker tip: ${tip?.title}`);
    expect(everything(shared as RecordedCall)).toContain('<@U0CAROL> shared this from `/docker tip`');
    expect(buttons(shared as RecordedCall).map((b) => b.action_id)).not.toContain('share');
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it('/docker tips shows the status and the next post time in the zone', async () => {
    const off = await ask(t, 'tips', 'C0QUIET');
    expect(off.body.text).toMatch(/Daily tips are off here/);
    expect(off.body.text).toMatch(/\d\d:\d\d UTC \(UTC\)/);
    const fixed = await ask(t, 'tips', 'C0FIXED1');
    expect(fixed.body.text).toMatch(/on here \(this channel is listed in TIP_CHANNELS\)/);
    expect(fixed.body.text).toMatch(/Next tip: (Mon|Tue|Wed|Thu|Fri), .* 09:00 UTC \(UTC\)/);
  });

  it('/docker tips off in a TIP_CHANNELS channel explains why it cannot stop', async () => {
    const answer = await ask(t, 'tips off', 'C0FIXED1');
    expect(answer.body.text).toMatch(/listed in TIP_CHANNELS, so it always gets daily tips/);
  });

  it.each([
    ['tips maybe', '`maybe`'],
    ['tips <!channel> now', '`now`'],
  ])('/docker %s gets the usage, the text quoted without its markup', async (typed, shown) => {
    const answer = await ask(t, typed);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(everything(answer)).toContain(shown);
    expect(everything(answer)).toContain('/docker tips on');
    expect(everything(answer)).not.toContain('<!channel>');
  });

  it('lists tip and tips in /docker help', async () => {
    const help = await ask(t, 'help');
    expect(everything(help)).toContain('/docker tip`');
    expect(everything(help)).toContain('/docker tips on');
  });
});

describe('daily tips on a schedule (every 2 seconds)', () => {
  it('posts distinct tips to TIP_CHANNELS, and a restart neither repeats nor double-posts', async () => {
    const data = tempDir('dx-tips-e2e-');
    const channels = ['C0TIPSA', 'C0TIPSB'];
    const env = { TIP_SCHEDULE: EVERY_TWO_SECONDS, TIP_CHANNELS: channels.join(','), DATA_DIR: data.dir };
    const calls: RecordedCall[] = [];
    try {
      const first = await startTestApp(env);
      await first.stub.waitFor((seen) => channels.every((ch) => postsTo(seen, ch).length >= 2), 8000);
      await first.stop();
      calls.push(...first.stub.calls);

      const second = await startTestApp(env);
      await second.stub.waitFor((seen) => channels.every((ch) => postsTo(seen, ch).length >= 1), 6000);
      await second.stop();
      calls.push(...second.stub.calls);

      for (const channel of channels) {
        const posted = postsTo(calls, channel).map(header);
        expect(posted.length).toBeGreaterThanOrEqual(3);
        expect(posted.every((h) => tipByHeader.has(h))).toBe(true);
        expect(new Set(posted).size).toBe(posted.length);
        for (const post of postsTo(calls, channel))
          expect(everything(post)).not.toMatch(/<!(channel|here|everyone)>|<@U/);
        // What the app recorded matches what Slack received: one row per post, each slot once.
        const rows = await readStore(data.dir, (repo) => repo.posts(channel));
        expect(rows.every((row) => row.status === 'posted')).toBe(true);
        expect(rows.map((row) => `Docker tip: ${tips.find((tip) => tip.id === row.tipId)?.title}`)).toEqual(
          posted,
        );
      }
    } finally {
      data.cleanup();
    }
  });

  it('waits out a 429 for its Retry-After and posts the same tip then', async () => {
    const t = await startTestApp({ TIP_SCHEDULE: EVERY_TWO_SECONDS, TIP_CHANNELS: 'C0RATE' });
    try {
      const from = t.stub.calls.length;
      t.stub.queue('chat.postMessage', {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: { ok: false, error: 'ratelimited' },
      });
      const limited = await t.stub.waitFor((calls) => postsTo(calls, 'C0RATE', from)[0], 5000);
      const retried = await t.stub.waitFor(
        (calls) => postsTo(calls, 'C0RATE', from).find((c) => c !== limited && header(c) === header(limited)),
        6000,
      );
      // Not a speed check: the retry must not come before the second Slack asked us to wait.
      expect(retried.at - limited.at).toBeGreaterThanOrEqual(990);
      expect(t.logs.join('')).toMatch(/rate limit/i);
    } finally {
      await t.stop();
    }
  });

  it('subscribes by command, stops a channel Slack says is gone, and stops on /docker tips off', async () => {
    const data = tempDir('dx-tips-e2e-');
    const channels = ['C0ONE', 'C0TWO', 'C0THREE'];
    const t = await startTestApp({ TIP_SCHEDULE: EVERY_TWO_SECONDS, DATA_DIR: data.dir });
    let running = true;
    try {
      expect((await ask(t, 'tips', 'C0ONE')).body.text).toMatch(/Daily tips are off here/);
      for (const channel of channels) {
        const on = await ask(t, 'tips on', channel);
        expect(on.body.response_type).toBe('ephemeral');
        expect(on.body.text).toMatch(
          /Daily tips are now on in this channel\. Next tip: .*\d\d:\d\d:\d\d UTC/,
        );
      }
      expect((await ask(t, 'tips on', 'C0ONE')).body.text).toMatch(/already on/);

      // The next post, whichever channel it is for, is answered as if that channel had been deleted.
      const from = t.stub.calls.length;
      t.stub.queue('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
      const failed = await t.stub.waitFor((calls) => postsTo(calls, undefined, from)[0], 5000);
      const gone = String(failed.body.channel);
      const [kept, stays] = channels.filter((channel) => channel !== gone) as [string, string];
      await t.stub.waitFor((calls) => postsTo(calls, kept, from).length >= 1, 5000);

      const off = await ask(t, 'tips off', kept);
      expect(off.body.text).toMatch(/now off/);
      await t.stub.waitFor((calls) => postsTo(calls, stays, t.stub.calls.indexOf(off)).length >= 2, 6000);

      expect(postsTo(t.stub.calls, gone, t.stub.calls.indexOf(failed) + 1)).toEqual([]);
      expect((await ask(t, 'tips', gone)).body.text).toMatch(
        /off here\. They stopped because .*channel_not_found/,
      );
      await t.stop();
      running = false;

      await readStore(data.dir, async (repo) => {
        expect(await repo.subscription(gone)).toEqual(
          expect.objectContaining({ active: false, stoppedReason: 'channel_not_found' }),
        );
        expect((await repo.posts(gone)).filter((p) => p.status === 'gone')).toHaveLength(1);
        // No slot after the moment tips were turned off was claimed for that channel.
        expect((await repo.posts(kept)).every((p) => p.slot.getTime() <= off.at)).toBe(true);
        expect(await repo.subscription(kept)).toEqual(
          expect.objectContaining({ active: false, changedBy: 'U0ALICE' }),
        );
        expect((await repo.subscription(stays))?.active).toBe(true);
      });
    } finally {
      if (running) await t.stop();
      data.cleanup();
    }
  });
});
