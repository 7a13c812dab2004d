import { type RunningApp, startApp } from '../../src/app';
import { createLogger } from '../../src/ops/log';
import { engineEnv } from '../helpers/docker-engine';
import { TEST_BOT_TOKEN } from '../helpers/sign';
import { SlackStub, TEAM_ID } from '../helpers/slack-stub';
import { SocketStub } from '../helpers/socket-stub';
import { tempDir } from '../helpers/temp-dir';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let web: SlackStub;
  let socket: SocketStub;
  let app: RunningApp;
  const data = tempDir('dx-socket-');
  const logs: string[] = [];

  beforeAll(async () => {
    web = await new SlackStub().start();
    socket = await new SocketStub().start();
    web.queue(
      'apps.connections.open',
      ...Array.from({ length: 3 }, () => ({ body: { ok: true, url: socket.url } })),
    );
    app = await startApp(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0DOCKER-1234-abcd',
        SLACK_API_URL: web.apiUrl,
        DATA_DIR: data.dir,
        METRICS_PORT: '0',
        LOG_LEVEL: 'debug',
        ...engineEnv(),
      },
      { logger: createLogger('debug', { write: (line: string) => logs.push(line) }, { format: 'json' }) },
    );
  });

  afterAll(async () => {
    await app.stop();
    await socket.stop();
    await web.stop();
    data.cleanup();
  });

  it('opens the connection through SLACK_API_URL with the app token', () => {
    const open = web.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]?.headers.authorization).toBe('Bearer xapp-1-A0DOCKER-1234-abcd');
    expect(app.config.transport).toBe('socket');
    expect(app.port).toBeUndefined();
  });

  it('serves /healthz on METRICS_PORT, since Socket Mode has no HTTP port of its own', async () => {
    const res = await fetch(`http://127.0.0.1:${app.opsPort}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(
      expect.objectContaining({ status: 'ok', transport: 'socket', sandbox: expect.any(Object) }),
    );
  });

  it('acks a /docker command over the socket, then answers through the response_url', async () => {
    socket.send('env-1', 'slash_commands', {
      team_id: TEAM_ID,
      channel_id: 'C0GENERAL',
      user_id: 'U0ALICE',
      command: '/docker',
      text: 'container',
      response_url: web.responseUrl('socket-1'),
      trigger_id: '1.2.3',
      api_app_id: 'A0DOCKER',
    });
    const answer = await web.waitFor((calls) => calls.find((c) => c.responseId === 'socket-1'));
    expect(socket.acks.map((a) => a.envelope_id)).toContain('env-1');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body.blocks)).toContain('"type":"header"');
  });

  it('serves /metrics on METRICS_PORT, with the command and the Web API calls counted', async () => {
    const res = await fetch(`http://127.0.0.1:${app.opsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('dx_commands_total{verb="topic"} 1');
    expect(text).toMatch(/^dx_slack_api_calls_total\{method="apps\.connections\.open",outcome="ok"\} [1-9]/m);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('logs one JSON object per line, with the team, channel and user of the request being handled', () => {
    const entries = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      expect(entry).toEqual(
        expect.objectContaining({
          time: expect.any(String),
          level: expect.any(String),
          msg: expect.any(String),
        }),
      );
    expect(entries).toContainEqual(
      expect.objectContaining({ component: 'slack', team: TEAM_ID, channel: 'C0GENERAL', user: 'U0ALICE' }),
    );
    expect(logs.join('')).not.toContain('xapp-1-A0DOCKER-1234-abcd');
  });
});
