import { PgAnswerLog, PgListenChannels, PgPhrasingBook } from '../../../src/store/postgres/questions';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
import { explainPortsContract } from '../explain-ports.contract';

describeWithPostgres('PgAnswerLog, PgListenChannels and PgPhrasingBook', () => {
  explainPortsContract(async () => {
    const { db, cleanup } = await openTestDatabase();
    const open = () => ({
      answers: new PgAnswerLog(db),
      listening: new PgListenChannels(db),
      phrasings: new PgPhrasingBook(db),
    });
    return { open, reopen: open, cleanup };
  });
});
