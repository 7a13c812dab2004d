import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SqlitePhrasingBook } from '../../src/store/phrasings';
import { PgPhrasingBook } from '../../src/store/postgres/questions';
import { Store } from '../../src/store/store';
import { describeWithPostgres, openTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-dir';

const ROOT = path.join(__dirname, '..', '..');

/** `npm run phrasings -- …` runs `node dist/cli/phrasings.js …`; the build is part of `npm test`. */
function cli(dataDir: string, ...args: string[]) {
  return cliWith({ DATA_DIR: dataDir }, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'phrasings.js'), ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('npm run phrasings', () => {
  it('lists learned phrasings and removes one by id, in the same DATA_DIR the app uses', async () => {
    const data = tempDir('dx-cli-');
    try {
      expect(cli(data.dir, 'list')).toEqual({ status: 0, out: 'No learned phrasings yet.\n' });
      const store = Store.open(data.dir);
      const book = new SqlitePhrasingBook(store);
      const learned = await book.learn({
        questionKey: 'end up write',
        question: 'where do writes end up',
        answerId: 'tip:container-writable-layer-size',
        learnedAt: new Date('2026-03-01T12:00:00Z'),
      });
      store.close();
      const listed = cli(data.dir, 'list');
      expect(listed.status).toBe(0);
      expect(listed.out).toContain(
        `${learned?.id}\t2026-03-01T12:00:00.000Z\ttip:container-writable-layer-size`,
      );
      expect(listed.out).toContain('"where do writes end up"');
      expect(cli(data.dir, 'remove', String(learned?.id))).toEqual({
        status: 0,
        out: `Removed learned phrasing ${learned?.id}.\n`,
      });
      expect(cli(data.dir, 'remove', String(learned?.id)).status).toBe(1);
      expect(cli(data.dir, 'list').out).toBe('No learned phrasings yet.\n');
    } finally {
      data.cleanup();
    }
  });

  it('answers a wrong use with the usage, and a bad id plainly', () => {
    const data = tempDir('dx-cli-');
    try {
      expect(cli(data.dir).out).toContain('usage: npm run phrasings -- list | remove <id>');
      expect(cli(data.dir, 'remove').status).toBe(2);
      expect(cli(data.dir, 'remove', '../etc').out).toContain('is not a phrasing id');
    } finally {
      data.cleanup();
    }
  });
});

describeWithPostgres('npm run phrasings with DATABASE_URL', () => {
  it("lists every workspace's learned phrasings in Postgres, naming each team, and removes one by id", async () => {
    const { db, schema, cleanup } = await openTestDatabase({ team: () => 'T0WORKSP01' });
    try {
      const learned = await new PgPhrasingBook(db).learn({
        questionKey: 'end up write',
        question: 'where do writes end up',
        answerId: 'tip:container-writable-layer-size',
        learnedAt: new Date('2026-03-01T12:00:00Z'),
      });
      const env = { DATABASE_URL: schema.url, DATA_DIR: '/nonexistent/never-used' };
      const listed = cliWith(env, 'list');
      expect(listed).toEqual({
        status: 0,
        out: `${learned?.id}\t2026-03-01T12:00:00.000Z\tT0WORKSP01\ttip:container-writable-layer-size\t"where do writes end up"\n`,
      });
      expect(cliWith(env, 'remove', String(learned?.id))).toEqual({
        status: 0,
        out: `Removed learned phrasing ${learned?.id}.\n`,
      });
      expect(cliWith(env, 'list').out).toBe('No learned phrasings yet.\n');
    } finally {
      await cleanup();
    }
  });
});
