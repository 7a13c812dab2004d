import { SqlitePlaygroundStore } from '../../src/store/playground';
import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';
import { playgroundStoreContract } from './playground-store.contract';

describe('SqlitePlaygroundStore', () => {
  playgroundStoreContract(() => {
    const dir = tempDir('dx-playground-store-');
    const stores: Store[] = [];
    return {
      open() {
        const store = Store.open(dir.dir);
        stores.push(store);
        return new SqlitePlaygroundStore(store);
      },
      crash: () => stores.pop()?.close(),
      cleanup() {
        for (const store of stores) store.close();
        dir.cleanup();
      },
    };
  });
});
