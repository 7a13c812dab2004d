import { type AppProcess, startAppProcess } from '../helpers/app-process';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/sign';
import { SlackStub } from '../helpers/slack-stub';

const METRICS_TOKEN = 'metrics-token-never-in-logs';

/** The real process (node dist/main.js) in HTTP mode with LOG_FORMAT=json at debug level, Bolt's logs included. */
describe('LOG_FORMAT=json in the real process', () => {
  const stub = new SlackStub();
  let bot: AppProcess;

  beforeAll(async () => {
    await stub.start();
    bot = await startAppProcess(stub, { LOG_FORMAT: 'json', METRICS_TOKEN, DEMO_JANITOR_INTERVAL_S: '3600' });
  });
  afterAll(async () => {
    await bot?.kill();
    await stub.stop();
  });

  it('writes one JSON object per line with time, level, component and message, and never a secret', async () => {
    expect(await bot.command('image', 'U0JSON', 'json-1')).toBe(200);
    await stub.waitFor((calls) => calls.find((c) => c.responseId === 'json-1'));
    expect(await bot.command('nonsense words here', 'U0JSON', 'json-2')).toBe(200);
    await stub.waitFor((calls) => calls.find((c) => c.responseId === 'json-2'));
    const unauthorized = await fetch(`${bot.url}/metrics`);
    expect(unauthorized.status).toBe(401);
    await unauthorized.arrayBuffer();

    const lines = bot.stderr().trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(Date.parse(String(entry.time))).not.toBeNaN();
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.component).toBe('string');
      expect(typeof entry.msg).toBe('string');
    }
    expect(entries).toContainEqual(
      expect.objectContaining({ team: expect.any(String), channel: 'C0GENERAL', user: 'U0JSON' }),
    );
    const all = bot.stderr();
    for (const secret of [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, METRICS_TOKEN])
      expect(all).not.toContain(secret);
  });
});
