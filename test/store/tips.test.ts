import { Store } from '../../src/store/store';
import { SqliteTipStore } from '../../src/store/tips';
import { tempDir } from '../helpers/temp-dir';
import { tipStoreContract } from './tip-store.contract';

describe('SqliteTipStore', () => {
  tipStoreContract(() => {
    const dir = tempDir('dx-tips-store-');
    const stores: Store[] = [];
    return {
      open(owner = 'host-a') {
        const store = Store.open(dir.dir);
        stores.push(store);
        return new SqliteTipStore(store, { owner });
      },
      crash: () => stores.pop()?.close(),
      cleanup() {
        for (const store of stores) store.close();
        dir.cleanup();
      },
    };
  });

  it('settles unowned claims left by a version before claim owners', async () => {
    const dir = tempDir('dx-tips-legacy-');
    const store = Store.open(dir.dir);
    try {
      Store.handle(store)
        .prepare(
          `INSERT INTO tip_posts (channel_id, slot, tip_id, status, attempts, claimed_at)
           VALUES ('C1', '2025-03-31T07:00:00.000Z', 'a', 'claimed', 1, '2025-03-31T07:00:00.000Z')`,
        )
        .run();
      const tips = new SqliteTipStore(store, { owner: 'host-a' });
      expect(await tips.abandonInFlight(new Date())).toHaveLength(1);
      expect((await tips.posts('C1'))[0]).toEqual(
        expect.objectContaining({ status: 'unknown', error: 'the app stopped while posting' }),
      );
    } finally {
      store.close();
      dir.cleanup();
    }
  });
});
