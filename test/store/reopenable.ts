import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';

/**
 * A contract test's SQLite backend: `open` gives the stores `make` builds on one database in a fresh folder,
 * `reopen` closes it and opens it again (a restart), `cleanup` closes it and removes the folder.
 */
export function reopenable<T>(
  prefix: string,
  make: (store: Store) => T,
): { open(): T; reopen(): T; cleanup(): void } {
  const data = tempDir(prefix);
  let store: Store | undefined;
  const open = () => {
    store ??= Store.open(data.dir);
    return make(store);
  };
  return {
    open,
    reopen() {
      store?.close();
      store = undefined;
      return open();
    },
    cleanup() {
      store?.close();
      data.cleanup();
    },
  };
}
