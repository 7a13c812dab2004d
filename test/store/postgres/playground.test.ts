import { PgPlaygroundStore } from '../../../src/store/postgres/playground';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
import { playgroundStoreContract } from '../playground-store.contract';

describeWithPostgres('PgPlaygroundStore', () => {
  playgroundStoreContract(async () => {
    // One database that outlives every "process": a crash loses nothing a store object held.
    const { db, cleanup } = await openTestDatabase();
    return { open: () => new PgPlaygroundStore(db), crash: () => undefined, cleanup };
  });
});
