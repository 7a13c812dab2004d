import { MemoryPhrasingBook } from '../../../src/store/memory/phrasings';
import { MemoryAnswerLog, MemoryListenChannels } from '../../../src/store/memory/questions';
import { explainPortsContract } from '../explain-ports.contract';

describe('MemoryAnswerLog, MemoryListenChannels and MemoryPhrasingBook', () => {
  explainPortsContract(() => {
    // In memory a restart keeps nothing; these stand for a database that outlives the app.
    const stores = {
      answers: new MemoryAnswerLog(),
      listening: new MemoryListenChannels(),
      phrasings: new MemoryPhrasingBook(),
    };
    return { open: () => stores, reopen: () => stores, cleanup: () => undefined };
  });
});
