import { MemoryTipData, MemoryTipStore } from '../../../src/store/memory/tips';
import { tipStoreContract } from '../tip-store.contract';

describe('MemoryTipStore', () => {
  tipStoreContract(() => {
    const data = new MemoryTipData();
    return {
      open: (owner = 'host-a') => new MemoryTipStore({ owner }, data),
      crash: () => undefined,
      cleanup: () => undefined,
    };
  });
});
