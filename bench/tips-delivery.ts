/**
 * `npm run bench:tips`: how long one daily-tip slot takes to reach many channels through the scheduler
 * (claim in SQLite, rotation, chat.postMessage, record) against, in the same run, plain chat.postMessage
 * calls to the same channels with the same Web API client. Reports the ratio and the scheduler's own
 * work per channel: machines are shared, so absolute times vary from run to run.
 */
import { webApi } from '@slack/bolt';
import { loadContent } from '../src/content/load';
import { createLogger } from '../src/ops/log';
import { toSlack } from '../src/render/blocks';
import { slackTipPoster } from '../src/slack/tip-poster';
import { Store } from '../src/store/store';
import { SqliteTipStore } from '../src/store/tips';
import { tipMessage } from '../src/tips/message';
import { parseSchedule } from '../src/tips/schedule';
import { TipScheduler } from '../src/tips/scheduler';
import { TEST_BOT_TOKEN } from '../test/helpers/sign';
import { SlackStub } from '../test/helpers/slack-stub';
import { tempDir } from '../test/helpers/temp-dir';
import { fmt, summary } from './lib';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

async function main() {
  const stub = await new SlackStub().start();
  const client = new webApi.WebClient(TEST_BOT_TOKEN, {
    slackApiUrl: stub.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const { tips } = loadContent();
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C0BENCH${i}`);
  const data = tempDir('dx-bench-tips-');
  const store = Store.open(data.dir);
  const tipStore = new SqliteTipStore(store, { owner: 'bench' });
  for (const channel of channels) await tipStore.subscribe(channel, 'U0BENCH', new Date(0));

  let now = new Date('2025-03-31T07:00:00Z');
  const scheduler = new TipScheduler({
    schedule: parseSchedule('* * * * * *', 'UTC'),
    store: tipStore,
    tips,
    poster: slackTipPoster({ token: TEST_BOT_TOKEN, apiUrl: stub.apiUrl, logger: createLogger('error') }),
    logger: createLogger('error'),
    clock: { now: () => now },
  });
  const message = toSlack(tipMessage(tips[0] ?? (undefined as never), { audience: 'channel' }));

  const bare: number[] = [];
  const ours: number[] = [];
  const time = async (run: () => Promise<unknown>) => {
    const began = performance.now();
    await run();
    return performance.now() - began;
  };
  // Warm both paths up, then alternate them so drift in machine speed hits both.
  await Promise.all(channels.map((channel) => client.chat.postMessage({ channel, ...message })));
  await scheduler.tick();
  for (let round = 0; round < ROUNDS; round++) {
    now = new Date(now.getTime() + 1000);
    bare.push(
      await time(() =>
        Promise.all(channels.map((channel) => client.chat.postMessage({ channel, ...message }))),
      ),
    );
    ours.push(
      await time(async () => {
        const outcomes = await scheduler.tick();
        if ([...outcomes.values()].some((o) => o !== 'posted')) throw new Error('a tip was not posted');
      }),
    );
  }
  await scheduler.stop();
  store.close();
  data.cleanup();
  await stub.stop();

  const b = summary(bare);
  const o = summary(ours);
  // Per-round figures, since the two paths alternate: drift in machine speed hits both halves of a round.
  const ratio = summary(ours.map((ms, i) => ms / (bare[i] ?? Number.NaN))).p50;
  const perChannel = summary(ours.map((ms, i) => (ms - (bare[i] ?? Number.NaN)) / CHANNELS)).p50;
  console.log(`One slot to ${CHANNELS} channels, ${ROUNDS} rounds (median ms / p99 ms):`);
  console.log(`  plain chat.postMessage       ${fmt(b.p50, 1)} / ${fmt(b.p99, 1)}`);
  console.log(`  TipScheduler.tick            ${fmt(o.p50, 1)} / ${fmt(o.p99, 1)}`);
  console.log(`  ratio (median of rounds)     ${fmt(ratio)}x`);
  // The stand-in answers in microseconds; Slack takes ~100 ms a call, so the work per channel is what counts.
  console.log(
    `  scheduler work per channel   ${fmt(perChannel, 3)} ms   goal: under 1 ms (claim, rotation, record)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
