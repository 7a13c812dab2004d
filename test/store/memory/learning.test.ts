import { MemoryQuizStore } from '../../../src/store/memory/quiz';
import { MemoryTourStore } from '../../../src/store/memory/tour';
import { learningStoresContract } from '../learning.contract';

describe('MemoryTourStore and MemoryQuizStore', () => {
  learningStoresContract(() => {
    // In memory a restart keeps nothing; these stand for a database that outlives the app.
    const stores = { tour: new MemoryTourStore(), quiz: new MemoryQuizStore() };
    return { open: () => stores, reopen: () => stores, cleanup: () => undefined };
  });
});
