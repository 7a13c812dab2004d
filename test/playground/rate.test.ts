import { CommandRate } from '../../src/playground/rate';
import { commandRateContract } from '../store/command-rate.contract';

describe('CommandRate (one process)', () => {
  commandRateContract(async () => ({ rate: new CommandRate(), cleanup: async () => undefined }));
});
