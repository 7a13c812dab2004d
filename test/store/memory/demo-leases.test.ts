import { MemoryDemoLeases } from '../../../src/store/memory/demo-leases';
import { demoLeasesContract } from '../demo-leases.contract';

describe('MemoryDemoLeases', () => {
  demoLeasesContract(() => {
    const leases = new MemoryDemoLeases();
    return { open: () => leases, cleanup: () => undefined };
  });
});
