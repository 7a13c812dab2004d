import { createLogger } from '../../src/ops/log';
import { slackTipPoster } from '../../src/slack/tip-poster';
import { TEST_BOT_TOKEN } from '../helpers/sign';
import { SlackStub } from '../helpers/slack-stub';

const message = { text: 'A tip', blocks: [{ type: 'markdown' as const, text: 'A tip' }] };

describe('slackTipPoster against the Slack stand-in', () => {
  let stub: SlackStub;
  const waits: number[] = [];
  const poster = () =>
    slackTipPoster({
      token: TEST_BOT_TOKEN,
      apiUrl: stub.apiUrl,
      logger: createLogger('error'),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

  beforeEach(async () => {
    stub = await new SlackStub().start();
    waits.length = 0;
  });
  afterEach(async () => {
    await stub.stop();
  });

  it('posts once and returns the message ts', async () => {
    const result = await poster().post('C1', message);
    expect(result).toEqual({ status: 'posted', ts: expect.any(String) });
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('waits out each 429 for its Retry-After, then posts', async () => {
    const limited = {
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { ok: false, error: 'ratelimited' },
    };
    stub.queue('chat.postMessage', limited, limited);
    const result = await poster().post('C1', message);
    expect(result.status).toBe('posted');
    expect(waits).toEqual([7000, 7000]);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('gives the slot back as refused after three 429s in a row', async () => {
    const limited = {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { ok: false, error: 'ratelimited' },
    };
    stub.queue('chat.postMessage', limited, limited, limited, limited);
    expect(await poster().post('C1', message)).toEqual({ status: 'refused', error: 'ratelimited' });
    expect(stub.callsTo('chat.postMessage')).toHaveLength(4);
  });

  it('never repeats a post whose reply was lost: it may have reached the channel', async () => {
    stub.queue('chat.postMessage', { hangUp: true, body: {} });
    const result = await poster().post('C1', message);
    expect(result.status).toBe('unknown');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])(
    'reports %s as a channel that is gone',
    async (code) => {
      stub.queue('chat.postMessage', { body: { ok: false, error: code } });
      expect(await poster().post('C1', message)).toEqual({ status: 'gone', error: code });
    },
  );

  it('reports other Slack errors as refused (nothing was posted)', async () => {
    stub.queue('chat.postMessage', { body: { ok: false, error: 'msg_too_long' } });
    expect(await poster().post('C1', message)).toEqual({ status: 'refused', error: 'msg_too_long' });
  });
});
