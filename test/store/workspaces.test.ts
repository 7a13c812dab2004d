import path from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../../src/ops/log';
import { MIGRATIONS } from '../../src/store/migrations';
import { openStores, type Stores } from '../../src/store/open';
import { PgDatabase } from '../../src/store/postgres/database';
import { DB_FILE, Store } from '../../src/store/store';
import { describeWithPostgres, freshSchema } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-dir';
import { workspacesContract } from './workspaces.contract';

describe('many workspaces on SQLite', () => {
  workspacesContract(async () => {
    const data = tempDir('dx-workspaces-');
    return {
      target: { dataDir: data.dir },
      async count(table, column, value) {
        const db = new Database(path.join(data.dir, DB_FILE), { readonly: true });
        try {
          return (
            db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(value) as { n: number }
          ).n;
        } finally {
          db.close();
        }
      },
      cleanup: async () => data.cleanup(),
    };
  });
});

describeWithPostgres('many workspaces on Postgres', () => {
  workspacesContract(async () => {
    const schema = await freshSchema();
    return {
      target: { dataDir: '/nonexistent', databaseUrl: schema.url },
      async count(table, column, value) {
        const [row] = await schema.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`,
          [value],
        );
        return Number(row?.n);
      },
      cleanup: () => schema.drop(),
    };
  });
});

/** Rows a single-workspace app wrote before migration 9, in the shape it wrote them. */
const EARLIER_ROWS = [
  "INSERT INTO listen_channels (channel_id, enabled_by, enabled_at) VALUES ('C1', 'U1', '2026-01-05T09:00:00.000Z')",
  `INSERT INTO tip_subscriptions (channel_id, active, source, since, changed_by, changed_at)
     VALUES ('C1', 1, 'command', '2026-01-05T09:00:00.000Z', 'U1', '2026-01-05T09:00:00.000Z')`,
  `INSERT INTO tip_posts (channel_id, slot, tip_id, status, attempts, claimed_at, claimed_by)
     VALUES ('C1', '2026-01-05T09:00:00.000Z', 'a', 'posted', 1, '2026-01-05T09:00:00.000Z', 'host-a')`,
  `INSERT INTO tour_progress (user_id, step_id, checks, started_at, updated_at)
     VALUES ('U1', 'intro', '{}', '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z')`,
  `INSERT INTO answers (question, answer_id, score, source, conversation, user_id, created_at)
     VALUES ('what is an image?', 'image#what', 1, 'command', 'C1', 'U1', '2026-01-05T09:00:00.000Z')`,
];

/** What the rows above read as after migration 9, with one workspace (team ''). */
async function expectEarlierRowsKept(stores: Stores): Promise<void> {
  expect(await stores.listening.isListening('C1')).toBe(true);
  expect((await stores.tips.activeSubscriptions()).map((s) => s.channelId)).toEqual(['C1']);
  expect((await stores.tips.posts('C1')).map((p) => p.status)).toEqual(['posted']);
  expect((await stores.tour.progress('U1'))?.stepId).toBe('intro');
  expect((await stores.answers.get(1))?.question).toBe('what is an image?');
  // The numbering goes on after the rows kept.
  expect(
    await stores.answers.record({
      question: 'and a container?',
      answerId: 'container#what',
      score: 1,
      source: 'command',
      conversation: 'C1',
      userId: 'U1',
      at: new Date(),
    }),
  ).toBe(2);
}

describe('migration 9 keeps what one workspace wrote before it', () => {
  it('on SQLite', async () => {
    const data = tempDir('dx-workspaces-upgrade-');
    Store.open(
      data.dir,
      MIGRATIONS.filter((m) => m.version < 9),
    ).close();
    const db = new Database(path.join(data.dir, DB_FILE));
    for (const sql of EARLIER_ROWS) db.prepare(sql).run();
    db.close();
    const stores = await openStores({ dataDir: data.dir, owner: 'host-a', logger: silentLogger });
    try {
      await expectEarlierRowsKept(stores);
    } finally {
      await stores.close();
      data.cleanup();
    }
  });

  describeWithPostgres('on Postgres', () => {
    it('keeps the rows and the numbering', async () => {
      const schema = await freshSchema();
      try {
        await (
          await PgDatabase.open(schema.url, { migrations: MIGRATIONS.filter((m) => m.version < 9) })
        ).close();
        for (const sql of EARLIER_ROWS) await schema.query(sql);
        const stores = await openStores({
          dataDir: '/nonexistent',
          databaseUrl: schema.url,
          owner: 'host-a',
          logger: silentLogger,
        });
        try {
          await expectEarlierRowsKept(stores);
        } finally {
          await stores.close();
        }
      } finally {
        await schema.drop();
      }
    });
  });
});
