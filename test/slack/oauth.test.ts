import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../src/store/store';
import { containersLabelled, describeWithDocker } from '../helpers/docker-engine';
import { envelope, mentionEvent, messageEvent, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { browserInstall, fromTeam, OAUTH_ENV, T1, T2 } from '../helpers/oauth';
import { describeWithPostgres, freshSchema, type TestSchema } from '../helpers/postgres';
import { installedToken, type RecordedCall, tokenOf } from '../helpers/slack-stub';

/** The workspace tables, each with the rows a team has there. */
const TABLES = [
  'listen_channels',
  'answers',
  'tip_subscriptions',
  'tip_rotations',
  'tour_progress',
  'quiz_rotations',
  'slack_installations',
];

/** Reads the app's database as the test, outside the app. */
interface Db {
  rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Whether `text` appears anywhere in the stored bytes (SQLite: the files; Postgres: every table's text). */
  stores(text: string): Promise<boolean>;
}

function sqliteDb(dataDir: string): Db {
  const file = path.join(dataDir, DB_FILE);
  return {
    async rows(sql, params) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async stores(text) {
      return fs
        .readdirSync(dataDir)
        .filter((name) => name.startsWith(DB_FILE))
        .some((name) => fs.readFileSync(path.join(dataDir, name)).includes(text));
    },
  };
}

function postgresDb(schema: TestSchema): Db {
  return {
    rows: (sql, params) => schema.query(sql, params),
    async stores(text) {
      for (const { table_name } of await schema.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema.name],
      )) {
        const found = await schema.query(`SELECT 1 FROM ${table_name} t WHERE t::text LIKE $1`, [
          `%${text}%`,
        ]);
        if (found.length) return true;
      }
      return false;
    },
  };
}

/** Installs the app in `team` through the test app, as a browser would. */
const install = (t: TestApp, team: string, code = `code-${team}`) => browserInstall(t.url, team, t.url, code);

/** The answer to a command: on its response_url, or posted in the channel (then with a bot token). */
async function answerTo(
  t: TestApp,
  text: string,
  options: { channel?: string; team: string; user?: string },
) {
  const before = t.stub.calls.length;
  const sent = await t.command(text, options);
  expect(sent.status).toBe(200);
  return t.stub.waitFor((calls) =>
    calls
      .slice(before)
      .find(
        (c) =>
          c.responseId === sent.responseId ||
          (c.method === 'chat.postMessage' && c.body.channel === (options.channel ?? 'C0GENERAL')),
      ),
  );
}

const postsWith = (t: TestApp, token: string, since = 0): RecordedCall[] =>
  t.stub.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && tokenOf(c) === token);

/** How many rows `team` has in each workspace table. */
async function rowsOf(db: Db, team: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES)
    counts[table] = Number(
      (await db.rows(`SELECT count(*) AS n FROM ${table} WHERE team_id = $1`, [team]))[0]?.n,
    );
  return counts;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function manyWorkspaces(
  backend: () => Promise<{ env: Record<string, string>; db(t: TestApp): Db; done(): Promise<void> }>,
) {
  let t: TestApp;
  let db: Db;
  let done: () => Promise<void>;
  beforeAll(async () => {
    const made = await backend();
    done = made.done;
    t = await startTestApp({ ...OAUTH_ENV, TIP_SCHEDULE: '*/2 * * * * *', ...made.env });
    db = made.db(t);
  });
  afterAll(async () => {
    await t?.stop();
    await done?.();
  });

  it('installs in two workspaces through /slack/install and /slack/oauth_redirect, tokens sealed at rest', async () => {
    // The operations endpoints stay where they were, beside the install routes.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
    for (const team of [T1, T2]) {
      const page = await install(t, team);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Docker Explainer is now in Workspace ${team}`);
    }
    const exchanges = t.stub.callsTo('oauth.v2.access');
    expect(exchanges.map((c) => c.body.code)).toEqual([`code-${T1}`, `code-${T2}`]);
    for (const exchange of exchanges) {
      expect(exchange.body.client_id).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
      expect(exchange.body.client_secret).toBe(OAUTH_ENV.SLACK_CLIENT_SECRET);
    }
    const installed = await db.rows('SELECT team_id, sealed FROM slack_installations ORDER BY team_id', []);
    expect(installed.map((r) => r.team_id)).toEqual([T1, T2]);
    for (const team of [T1, T2]) {
      expect(await db.stores(installedToken(team))).toBe(false);
      expect(await db.stores('xoxb-')).toBe(false);
    }
  });

  it("answers each workspace with that workspace's own token, and keeps their data apart", async () => {
    // Listen mode on in C0SHARED for T1 only: a question there is answered for T1, not for T2.
    const on = await answerTo(t, 'listen on', { channel: 'C0SHARED', team: T1 });
    if (on.method === 'chat.postMessage') expect(tokenOf(on)).toBe(installedToken(T1));
    const before = t.stub.calls.length;
    await sendEvent(t, fromTeam(messageEvent('C0SHARED', 'what is a docker image?', 'channel'), T1));
    await t.stub.waitFor(() => postsWith(t, installedToken(T1), before)[0]);
    const asked = t.stub.calls.length;
    await sendEvent(t, fromTeam(messageEvent('C0SHARED', 'what is a docker image?', 'channel'), T2));
    // A mention from T2 afterwards is answered (with T2's token) while T2's listen question never was.
    await sendEvent(t, fromTeam(mentionEvent('what is a container?'), T2));
    await t.stub.waitFor(() => postsWith(t, installedToken(T2), asked)[0]);
    expect(
      t.stub.calls
        .slice(asked)
        .filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SHARED'),
    ).toEqual([]);

    // Tips and the tour: the same channel and person ids in both workspaces are two rows, each its own.
    for (const team of [T1, T2]) await answerTo(t, 'tips on', { channel: 'C0TIPS', team });
    // The schedule (every 2 seconds here) posts to each workspace's channel inside it, with its token.
    const tipsAt = t.stub.calls.length;
    for (const team of [T1, T2])
      await t.stub.waitFor(
        () => postsWith(t, installedToken(team), tipsAt).find((c) => c.body.channel === 'C0TIPS'),
        6000,
      );
    // What the app recorded: posted slots under each workspace.
    const postedTeams = async () =>
      (
        await db.rows("SELECT DISTINCT team_id FROM tip_posts WHERE status = 'posted' ORDER BY team_id", [])
      ).map((r) => r.team_id);
    await waitUntil(async () => (await postedTeams()).length === 2, 'both workspaces have posted tips');
    expect(await postedTeams()).toEqual([T1, T2]);
    const tour = t.stub.calls.length;
    await t.command('tour', { user: 'U0ALICE', team: T1 });
    // The tour's DM goes through the app's own Web API client: with T1's token too.
    const dm = await t.stub.waitFor(() =>
      postsWith(t, installedToken(T1), tour).find((c) => c.body.channel === 'D0ALICE'),
    );
    expect(dm).toBeTruthy();
    await waitUntil(async () => (await rowsOf(db, T1)).tour_progress === 1, 'T1 has tour progress');
    expect((await rowsOf(db, T2)).tour_progress).toBe(0);
    expect(
      (
        await db.rows('SELECT team_id FROM tip_subscriptions WHERE channel_id = $1 ORDER BY team_id', [
          'C0TIPS',
        ])
      ).map((r) => r.team_id),
    ).toEqual([T1, T2]);
    expect((await rowsOf(db, T1)).listen_channels).toBe(1);
    expect((await rowsOf(db, T2)).listen_channels).toBe(0);
    // Nothing was written under no workspace.
    expect((await rowsOf(db, '')).tip_subscriptions + (await rowsOf(db, '')).listen_channels).toBe(0);
  });

  it("app_uninstalled deletes that workspace's installation and data; the other keeps working", async () => {
    const t2Before = await rowsOf(db, T2);
    const res = await sendEvent(
      t,
      fromTeam(envelope({ type: 'app_uninstalled', event_ts: `${Date.now() / 1000}` }), T1),
    );
    expect(res.status).toBe(200);
    await waitUntil(async () => Object.values(await rowsOf(db, T1)).every((n) => n === 0), 'T1 has no rows');
    expect(await rowsOf(db, T2)).toEqual(t2Before);
    expect(t.logs.join('\n')).toMatch(/app uninstalled: the workspace's installation and data are deleted/);

    // T1 is no longer authorized: nothing is posted for it. T2 still answers, with its own token.
    const after = t.stub.calls.length;
    await sendEvent(t, fromTeam(mentionEvent('what is an image?'), T1));
    const t1Command = await t.command('help', { team: T1 });
    await sendEvent(t, fromTeam(mentionEvent('what is an image?'), T2));
    await t.stub.waitFor(() => postsWith(t, installedToken(T2), after)[0]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(postsWith(t, installedToken(T1), after)).toEqual([]);
    expect(t.logs.join('\n')).toMatch(/WARN .*not authorized.*not installed in T0WORKSP01/);
    expect(t.stub.responses(t1Command.responseId)).toEqual([]);
  });

  it("tokens_revoked for the bot deletes that workspace's installation and data too", async () => {
    const revoked = fromTeam(
      envelope({ type: 'tokens_revoked', tokens: { bot: ['UBOT0001'] }, event_ts: `${Date.now() / 1000}` }),
      T2,
    );
    expect((await sendEvent(t, revoked)).status).toBe(200);
    await waitUntil(async () => Object.values(await rowsOf(db, T2)).every((n) => n === 0), 'T2 has no rows');
    expect(await db.rows('SELECT team_id FROM slack_installations', [])).toEqual([]);
  });

  it('answers a forged or expired state and a refused code with a plain page, never a trace', async () => {
    const forged = await fetch(`${t.url}/slack/oauth_redirect?code=code-T0X&state=forged`, {
      headers: { cookie: 'slack-app-oauth-state=forged' },
    });
    expect(forged.status).toBe(400);
    const forgedText = await forged.text();
    expect(forgedText).toContain('The install link has expired or was opened in another browser');
    const refused = await install(t, 'T0WORKSP03', 'not-a-code');
    expect(refused.status).toBe(502);
    const refusedText = await refused.text();
    expect(refusedText).toContain('The install did not finish');
    for (const text of [forgedText, refusedText]) expect(text).not.toMatch(/\n\s+at |Error:|node_modules/);
    expect(await db.rows('SELECT team_id FROM slack_installations', [])).toEqual([]);
  });
}

describe('many workspaces (OAuth) on SQLite', () => {
  manyWorkspaces(async () => ({
    env: {},
    db: (t) => sqliteDb(t.app.config.dataDir),
    done: async () => undefined,
  }));
});

describeWithPostgres('many workspaces (OAuth) on Postgres', () => {
  manyWorkspaces(async () => {
    const schema = await freshSchema();
    return { env: { DATABASE_URL: schema.url }, db: () => postgresDb(schema), done: () => schema.drop() };
  });
});

describeWithDocker('an uninstalled workspace on the sandbox engine', () => {
  it('expires its playgrounds at once: the next sweep removes their containers from the engine', async () => {
    const t = await startTestApp({ ...OAUTH_ENV, DEMO_JANITOR_INTERVAL_S: '1' });
    const owner = { 'docker-explainer.owner': `${T1}:U0ALICE` };
    try {
      expect((await install(t, T1)).status).toBe(200);
      const started = await answerTo(t, 'try run -d --name web busybox sleep 600', { team: T1 });
      expect(JSON.stringify(started.body)).toMatch(/[0-9a-f]{64}/);
      expect(await containersLabelled(owner)).toHaveLength(1);
      await sendEvent(
        t,
        fromTeam(envelope({ type: 'app_uninstalled', event_ts: `${Date.now() / 1000}` }), T1),
      );
      await waitUntil(
        async () => (await containersLabelled(owner)).length === 0,
        'the playground is gone',
        15_000,
      );
      const playgrounds = () => sqliteDb(t.app.config.dataDir).rows('SELECT owner FROM playgrounds', []);
      await waitUntil(async () => (await playgrounds()).length === 0, "the playground's row is gone");
    } finally {
      await t.stop();
    }
  }, 30_000);
});
