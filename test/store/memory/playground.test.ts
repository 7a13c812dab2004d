import type { PlaygroundRecord } from '../../../src/playground/store';
import { MemoryPlaygroundStore } from '../../../src/store/memory/playground';
import { playgroundStoreContract } from '../playground-store.contract';

describe('MemoryPlaygroundStore', () => {
  playgroundStoreContract(() => {
    const data = new Map<string, PlaygroundRecord>();
    return { open: () => new MemoryPlaygroundStore(data), crash: () => undefined, cleanup: () => undefined };
  });
});
