import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SqlitePhrasingBook } from '../../src/store/phrasings';
import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';

const ROOT = path.join(__dirname, '..', '..');

/** `npm run phrasings -- …` runs `node dist/cli/phrasings.js …`; the build is part of `npm test`. */
function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'phrasings.js'), ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
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
