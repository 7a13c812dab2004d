import { loadContent } from '../../src/content/load';
import { startTestApp, type TestApp } from '../helpers/harness';
import { signed } from '../helpers/sign';
import type { RecordedCall } from '../helpers/slack-stub';

const { topics } = loadContent();
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

/** Sends `/docker <text>`, checks the ack, and returns the first answer posted to its response_url. */
async function ask(text: string, user?: string): Promise<RecordedCall> {
  const sent = await t.command(text, { user });
  expect(sent.status).toBe(200);
  expect(sent.body).toBe('');
  return t.stub.waitFor((calls) =>
    calls.find((c) => c.method === 'response_url' && c.responseId === sent.responseId),
  );
}

const blocksOf = (call: RecordedCall) => call.body.blocks as { type: string; text?: { text: string } }[];
const header = (call: RecordedCall) => blocksOf(call).find((b) => b.type === 'header')?.text?.text;
const everything = (call: RecordedCall) => JSON.stringify(call.body);

describe('/docker <topic> over signed HTTP requests', () => {
  it.each(topics.map((topic) => [topic.id, topic.title]))(
    '/docker %s answers privately with the topic',
    async (id, title) => {
      const answer = await ask(id);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(header(answer)).toBe(title);
      expect(answer.body.text).toEqual(expect.stringContaining(title));
      expect(everything(answer)).toContain('"action_id":"share"');
    },
  );

  it.each([
    ['IMG', 'image'],
    ['Containers', 'container'],
    ['vs', 'diff'],
    ['difference', 'diff'],
    ['ｉｍａｇｅ', 'image'],
  ])('/docker %s resolves to %s', async (typed, id) => {
    const answer = await ask(typed);
    expect(header(answer)).toBe(topics.find((topic) => topic.id === id)?.title);
  });

  it('shows the side-by-side comparison for diff', async () => {
    const answer = await ask('diff');
    expect(
      blocksOf(answer).filter((b) => b.type === 'section' && 'fields' in b).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it.each(['', 'help', 'HELP'])('/docker %j lists every topic', async (text) => {
    const answer = await ask(text);
    for (const topic of topics) expect(everything(answer)).toContain(`/docker ${topic.id}`);
    expect(everything(answer)).toContain('/docker help');
  });

  it('suggests the closest topic for a typo', async () => {
    const answer = await ask('contaner');
    expect(everything(answer)).toContain('Did you mean `/docker container`');
    expect(everything(answer)).toContain('/docker help');
  });
});

describe('hostile text', () => {
  it.each([
    ['; rm -rf /', '`; rm -rf /`'],
    ['$(reboot) `id`', '`$(reboot) id`'],
    ['<!channel> <!here> <@U0BOSS>', "I didn't catch a question"],
    ['emoji 🐳🐳🐳', '`emoji 🐳🐳🐳`'],
    ['tab\there\u0000\u0007bell', '`tab here bell`'],
  ])('%j is shown back cleaned, escaped and quoted', async (typed, shown) => {
    const answer = await ask(typed);
    expect(everything(answer)).toContain(shown);
    expect(everything(answer)).not.toMatch(/<!channel>|<!here>|<@U0BOSS>/);
    expect(everything(answer)).toContain('/docker help');
  });

  it('answers 4,000 characters with a short quote', async () => {
    const answer = await ask('z'.repeat(4000));
    const text = blocksOf(answer)[0]?.text?.text ?? '';
    expect(text).toContain(`\`${'z'.repeat(60)}…\``);
    expect(text.length).toBeLessThan(400);
  });

  it('never mentions anyone in any call the app made', () => {
    for (const call of t.stub.calls)
      expect(JSON.stringify(call.body)).not.toMatch(/<!(channel|here|everyone)>|<@U0BOSS>/);
  });
});

describe('request signatures', () => {
  const body = new URLSearchParams({
    command: '/docker',
    text: 'image',
    response_url: 'http://127.0.0.1:9/x',
  }).toString();

  it('refuses a forged signature with 401', async () => {
    const before = t.stub.calls.length;
    const res = await t.post(body, 'application/x-www-form-urlencoded', {
      secret: 'ffffffffffffffffffffffffffffffff',
    });
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.stub.calls.length).toBe(before);
  });

  it('refuses a stale timestamp with 401, even when correctly signed', async () => {
    const res = await t.post(body, 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing with 401', async () => {
    const request = signed(body, 'application/x-www-form-urlencoded');
    const res = await fetch(`${t.url}/slack/events`, {
      method: 'POST',
      headers: request.headers,
      body: `${body}x`,
    });
    expect(res.status).toBe(401);
  });
});

describe('Share in channel', () => {
  it('posts the answer for everyone, says who shared it, and removes the private copy', async () => {
    const pressed = await t.press('share', 'topic:diff', { user: 'U0CAROL' });
    expect(pressed.status).toBe(200);
    const [shared, removed] = await t.stub.waitFor((calls) => {
      const own = calls.filter((c) => c.responseId === pressed.responseId);
      return own.length >= 2 && own;
    });
    expect(shared?.body.response_type).toBe('in_channel');
    expect(shared?.body.replace_original).toBe(false);
    expect(header(shared as RecordedCall)).toBe(topics.find((topic) => topic.id === 'diff')?.title);
    expect(everything(shared as RecordedCall)).toContain('<@U0CAROL> shared this');
    expect(everything(shared as RecordedCall)).not.toContain('"action_id":"share"');
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it('explains politely when the shared answer no longer exists', async () => {
    const pressed = await t.press('share', 'topic:ghost');
    const reply = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === pressed.responseId));
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.text).toMatch(/no longer available/);
  });
});

describe('health and App Home', () => {
  it('answers GET /healthz with a small JSON status', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ status: 'ok', transport: 'http' }));
  });

  it('publishes the person’s App Home, with every topic and a pointer to the help', async () => {
    const envelope = {
      token: 'x',
      team_id: 'T0TEST001',
      api_app_id: 'A0DOCKER',
      type: 'event_callback',
      event_id: 'Ev0HOME1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0ALICE', channel: 'D0ALICE', tab: 'home', event_ts: '1.2' },
    };
    const res = await t.post(JSON.stringify(envelope), 'application/json');
    expect(res.status).toBe(200);
    const publish = await t.stub.waitFor((calls) => calls.find((c) => c.method === 'views.publish'));
    expect(publish.body.user_id).toBe('U0ALICE');
    expect(JSON.stringify(publish.body.view)).toContain('"value":"image"');
    expect(JSON.stringify(publish.body.view)).toContain('/docker help');
  });
});
