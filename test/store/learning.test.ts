import { SqliteQuizStore } from '../../src/store/quiz';
import { SqliteTourStore } from '../../src/store/tour';
import { learningStoresContract } from './learning.contract';
import { reopenable } from './reopenable';

describe('SqliteTourStore and SqliteQuizStore', () => {
  learningStoresContract(() =>
    reopenable('dx-learning-store-', (store) => ({
      tour: new SqliteTourStore(store),
      quiz: new SqliteQuizStore(store),
    })),
  );
});
