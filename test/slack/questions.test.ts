import { SqliteAnswerLog } from '../../src/store/questions';
import { Store } from '../../src/store/store';
import { mentionEvent, messageEvent, nextTs, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { BOT_ID, BOT_USER_ID, type RecordedCall } from '../helpers/slack-stub';
import { tempDir } from '../helpers/temp-dir';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const everything = (call: RecordedCall) => JSON.stringify(call.body);
const posts = (app: TestApp, channel: string) =>
  app.stub.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
const buttons = (call: RecordedCall) =>
  ((call.body.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

const mention = mentionEvent;
const message = messageEvent;

/**
 * Sends a DM question to a channel of its own and waits for its answer: events are handled in the order
 * they arrive, so once it is answered, anything sent before it that was going to post has posted.
 */
async function settle(app: TestApp): Promise<void> {
  const channel = `D0SETTLE${nextTs().replace('.', '')}`;
  await sendEvent(app, message(channel, 'what is a docker image?', 'im'));
  await app.stub.waitFor(() => posts(app, channel).length > 0);
}

describe('questions by mention', () => {
  it('answers in a thread under the question, from the content, with feedback buttons', async () => {
    const body = mention('if I delete a container, is my image gone too?');
    const res = await sendEvent(t, body);
    expect(res.status).toBe(200);
    const reply = await t.stub.waitFor(() =>
      posts(t, 'C0GENERAL').find((c) => c.body.thread_ts === body.event.ts),
    );
    expect(everything(reply)).toMatch(/image/i);
    expect(everything(reply)).toContain('/docker ');
    expect(buttons(reply).map((b) => b.action_id)).toEqual(
      expect.arrayContaining(['feedback_up', 'feedback_down']),
    );
    expect(buttons(reply).map((b) => b.action_id)).not.toContain('share');
  });

  it('answers inside the thread the mention was made in', async () => {
    const parent = '1700000000.111111';
    const body = mention('what is copy on write?', { thread_ts: parent });
    await sendEvent(t, body);
    const reply = await t.stub.waitFor(() => posts(t, 'C0GENERAL').find((c) => c.body.thread_ts === parent));
    expect(everything(reply)).toContain('copy-on-write');
  });

  it('copes with links, channel names and code in the question', async () => {
    const body = mention(
      'hey <#C0DEVOPS|devops>, I read <https://docs.docker.com/|the docs> and still wonder: what is `docker commit`?',
    );
    await sendEvent(t, body);
    const reply = await t.stub.waitFor(() =>
      posts(t, 'C0GENERAL').find((c) => c.body.thread_ts === body.event.ts),
    );
    expect(everything(reply)).toContain('/docker commit');
  });

  it('says plainly it is not sure about an off-topic question, without a Docker answer', async () => {
    const body = mention('can you recommend a pasta recipe?');
    await sendEvent(t, body);
    const reply = await t.stub.waitFor(() =>
      posts(t, 'C0GENERAL').find((c) => c.body.thread_ts === body.event.ts),
    );
    expect(everything(reply)).toContain("I'm not sure");
    expect(everything(reply)).toContain('/docker help');
    expect(everything(reply)).not.toMatch(/dish|The recipe and the dish/);
    expect(buttons(reply)).toEqual([]);
  });

  it('answers a delivery once even when Slack retries it with the same event id', async () => {
    const body = mention('what are dangling images?');
    await sendEvent(t, body);
    await sendEvent(t, body, 1);
    await sendEvent(t, body, 2);
    await settle(t);
    expect(posts(t, 'C0GENERAL').filter((c) => c.body.thread_ts === body.event.ts)).toHaveLength(1);
  });
});

describe('direct messages', () => {
  it('answers in the DM itself', async () => {
    const body = message('D0ALICE', 'whats teh diffrence betwen an imgae and a contianer', 'im');
    await sendEvent(t, body);
    const reply = await t.stub.waitFor(() => posts(t, 'D0ALICE')[0]);
    expect(reply.body.thread_ts).toBeUndefined();
    expect(everything(reply)).toContain('/docker diff');
  });

  it('ignores bots (itself included), edits, joins and other subtypes', async () => {
    const channel = 'D0QUIET';
    const ignored = [
      message(channel, 'what is a docker image?', 'im', { user: BOT_USER_ID, bot_id: BOT_ID }),
      message(channel, 'what is a docker image?', 'im', { bot_id: 'B0OTHER', subtype: 'bot_message' }),
      message(channel, 'what is a docker image?', 'im', { bot_id: 'B0OTHER' }),
      message(channel, 'what is a docker image?', 'im', {
        subtype: 'message_changed',
        message: { type: 'message', user: 'U0ALICE', text: 'what is a container?', ts: '1.1' },
      }),
      message(channel, '<@U0ALICE> has joined the channel', 'im', { subtype: 'channel_join' }),
    ];
    for (const body of ignored) expect((await sendEvent(t, body)).status).toBe(200);
    await settle(t);
    expect(posts(t, channel)).toEqual([]);
  });

  it('does not answer a channel message that mentions it twice (app_mention answers it)', async () => {
    const body = message('C0NOLISTEN', `<@${BOT_USER_ID}> what is an image?`, 'channel');
    await sendEvent(t, body);
    await settle(t);
    expect(posts(t, 'C0NOLISTEN')).toEqual([]);
  });
});

describe('the URL verification handshake', () => {
  it('echoes the challenge of a signed request', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c4allenge-123', type: 'url_verification' });
    const res = await t.post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toContain('c4allenge-123');
  });

  it('refuses an unsigned one', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'nope', type: 'url_verification' });
    const res = await t.post(body, 'application/json', { secret: 'ffffffffffffffffffffffffffffffff' });
    expect(res.status).toBe(401);
  });
});

describe('/docker ask and the fallback', () => {
  async function ask(text: string, user = 'U0ALICE'): Promise<RecordedCall> {
    const sent = await t.command(text, { user });
    expect(sent.status).toBe(200);
    return t.stub.waitFor(() => t.stub.responses(sent.responseId)[0]);
  }

  it('answers privately with Share in channel, and sharing posts it saying who shared it', async () => {
    const answer = await ask('ask can I change an image after building it?');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(everything(answer)).toContain('/docker image');
    const share = buttons(answer).find((b) => b.action_id === 'share');
    expect(share?.value).toMatch(/^answer:\d+$/);

    const pressed = await t.press('share', share?.value ?? '', { user: 'U0ALICE' });
    const [shared] = await t.stub.waitFor(() => {
      const own = t.stub.responses(pressed.responseId);
      return own.length >= 2 && own;
    });
    expect(shared?.body.response_type).toBe('in_channel');
    expect(everything(shared as RecordedCall)).toContain(
      '<@U0ALICE> asked `can I change an image after building it?`',
    );
    expect(buttons(shared as RecordedCall).map((b) => b.action_id)).not.toContain('share');
  });

  it('explains itself when asked nothing', async () => {
    expect(everything(await ask('ask'))).toContain('/docker ask if I delete a container');
  });

  it('answers /docker <question> that is not a topic', async () => {
    const answer = await ask('what does docker commit leave out?');
    expect(everything(answer)).toContain('/docker commit');
    expect(buttons(answer).map((b) => b.action_id)).toContain('feedback_up');
  });

  it('keeps "did you mean" for one unknown word and lists the topics when it cannot answer it', async () => {
    expect(everything(await ask('volumse'))).toContain('Did you mean `/docker volumes`');
    const unknown = await ask('kubernetes');
    expect(everything(unknown)).toContain("I don't have an explanation for `kubernetes`");
    expect(everything(unknown)).toContain('/docker workflow');
  });

  it('declines an off-topic /docker question', async () => {
    const answer = await ask('how do I revert a git commit?');
    expect(everything(answer)).toContain("I'm not sure");
    expect(buttons(answer)).toEqual([]);
  });
});

describe('feedback', () => {
  it('stores one vote per user per answer with the question and the section, and a second press changes it', async () => {
    const sent = await t.command('ask what is a dangling image?', { user: 'U0BOB' });
    const answer = await t.stub.waitFor(() => t.stub.responses(sent.responseId)[0]);
    const up = buttons(answer).find((b) => b.action_id === 'feedback_up');
    expect(up).toBeDefined();

    const first = await t.press('feedback_up', up?.value ?? '', { user: 'U0BOB' });
    const thanks = await t.stub.waitFor(() => t.stub.responses(first.responseId)[0]);
    expect(thanks.body.response_type).toBe('ephemeral');
    expect(thanks.body.text).toContain('Thanks');
    const second = await t.press('feedback_down', up?.value ?? '', { user: 'U0BOB' });
    const changed = await t.stub.waitFor(() => t.stub.responses(second.responseId)[0]);
    expect(changed.body.text).toContain('replaced');

    const store = Store.open(t.app.config.dataDir);
    try {
      const votes = Store.handle(store)
        .prepare(
          'SELECT a.question, a.answer_id AS answerId, v.user_id AS userId, v.helpful FROM answer_votes v JOIN answers a ON a.ref = v.ref WHERE v.user_id = ?',
        )
        .all('U0BOB');
      expect(votes).toEqual([
        {
          question: 'what is a dangling image?',
          answerId: expect.stringMatching(/^(cleanup#|tip:)/),
          userId: 'U0BOB',
          helpful: 0,
        },
      ]);
      expect((await new SqliteAnswerLog(store).votesByAnswer()).length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  it('answers a press on an unknown answer politely', async () => {
    const pressed = await t.press('feedback_up', '999999');
    const reply = await t.stub.waitFor(() => t.stub.responses(pressed.responseId)[0]);
    expect(reply.body.text).toMatch(/too old/);
  });
});

describe('listen mode', () => {
  it('is off by default, turns on per channel, survives a restart, and answers only confident questions', async () => {
    const data = tempDir('dx-listen-');
    const first = await startTestApp({ DATA_DIR: data.dir });
    try {
      await sendEvent(
        first,
        message('C0LISTEN', 'what is the difference between an image and a container?', 'channel'),
      );
      await settle(first);
      expect(posts(first, 'C0LISTEN')).toEqual([]);

      const on = await first.command('listen on', { channel: 'C0LISTEN' });
      const announced = await first.stub.waitFor(() => posts(first, 'C0LISTEN')[0]);
      expect(on.status).toBe(200);
      expect(everything(announced)).toContain('Listen mode is *on*');
    } finally {
      await first.stop();
    }

    const second = await startTestApp({ DATA_DIR: data.dir });
    try {
      const status = await second.command('listen', { channel: 'C0LISTEN' });
      const said = await second.stub.waitFor(() => second.stub.responses(status.responseId)[0]);
      expect(everything(said)).toContain('Listen mode is *on*');

      const question = message(
        'C0LISTEN',
        'what is the difference between an image and a container?',
        'channel',
      );
      await sendEvent(second, question);
      const reply = await second.stub.waitFor(() =>
        posts(second, 'C0LISTEN').find((c) => c.body.thread_ts === question.event.ts),
      );
      expect(everything(reply)).toContain('/docker diff');

      const quiet = [
        message('C0LISTEN', 'who is up for lunch at 12:30?', 'channel'),
        message('C0LISTEN', 'the new image for the homepage looks great', 'channel'),
        message('C0LISTEN', 'what is a docker image?', 'channel', { thread_ts: '1700000000.222222' }),
        message('C0ELSEWHERE', 'what is a docker image?', 'channel'),
      ];
      for (const body of quiet) await sendEvent(second, body);
      await settle(second);
      expect(posts(second, 'C0LISTEN')).toHaveLength(1);
      expect(posts(second, 'C0ELSEWHERE')).toEqual([]);

      await second.command('listen off', { channel: 'C0LISTEN' });
      await second.stub.waitFor(() => posts(second, 'C0LISTEN').length === 2);
      await sendEvent(second, message('C0LISTEN', 'what is a docker image?', 'channel'));
      await settle(second);
      expect(posts(second, 'C0LISTEN')).toHaveLength(2);
    } finally {
      await second.stop();
      data.cleanup();
    }
  });
});
