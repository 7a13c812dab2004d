import { PgTipStore } from '../../../src/store/postgres/tips';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
import { tipStoreContract } from '../tip-store.contract';

describeWithPostgres('PgTipStore', () => {
  tipStoreContract(async () => {
    // One database that outlives every "process": a crash loses nothing a store object held.
    const { db, cleanup } = await openTestDatabase();
    return {
      open: (owner = 'host-a') => new PgTipStore(db, { owner }),
      crash: () => undefined,
      cleanup,
    };
  });
});
