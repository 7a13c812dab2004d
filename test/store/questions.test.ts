import { MIGRATIONS } from '../../src/store/migrations';
import { SqlitePhrasingBook } from '../../src/store/phrasings';
import { SqliteAnswerLog, SqliteListenChannels } from '../../src/store/questions';
import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';
import { answer, explainPortsContract } from './explain-ports.contract';
import { reopenable } from './reopenable';

describe('SqliteAnswerLog, SqliteListenChannels and SqlitePhrasingBook', () => {
  explainPortsContract(() =>
    reopenable('dx-questions-', (store) => ({
      answers: new SqliteAnswerLog(store),
      listening: new SqliteListenChannels(store),
      phrasings: new SqlitePhrasingBook(store),
    })),
  );

  it('keeps who turned listen mode on first', async () => {
    const data = tempDir('dx-questions-');
    const store = Store.open(data.dir);
    try {
      const listening = new SqliteListenChannels(store);
      await listening.setListening('C1', true, 'U1', new Date('2026-01-01T00:00:00Z'));
      await listening.setListening('C1', true, 'U2', new Date('2026-01-02T00:00:00Z'));
      expect(Store.handle(store).prepare('SELECT enabled_by FROM listen_channels').all()).toEqual([
        { enabled_by: 'U1' },
      ]);
    } finally {
      store.close();
      data.cleanup();
    }
  });
});

describe('migration 2', () => {
  it('is added to a database that already has a later migration (one made before questions existed)', async () => {
    const earlier = tempDir('dx-questions-later-');
    Store.open(
      earlier.dir,
      // Migration 9 (workspaces) rebuilds the tables of 2, so it comes after it whatever the order.
      MIGRATIONS.filter((m) => m.version !== 2 && m.version < 9),
    ).close();
    const reopened = Store.open(earlier.dir);
    try {
      expect(await new SqliteListenChannels(reopened).isListening('C1')).toBe(false);
      expect(await new SqliteAnswerLog(reopened).record(answer())).toBe(1);
    } finally {
      reopened.close();
      earlier.cleanup();
    }
  });
});
