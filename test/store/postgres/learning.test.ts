import { PgQuizStore, PgTourStore } from '../../../src/store/postgres/learning';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
import { learningStoresContract } from '../learning.contract';

describeWithPostgres('PgTourStore and PgQuizStore', () => {
  learningStoresContract(async () => {
    const { db, cleanup } = await openTestDatabase();
    const open = () => ({ tour: new PgTourStore(db), quiz: new PgQuizStore(db) });
    return { open, reopen: open, cleanup };
  });
});
