import { EngineCapacity } from '../../src/lab/capacity';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import { PlaygroundService } from '../../src/playground/service';
import { MemoryPlaygroundStore } from '../../src/store/memory/playground';
import { MemorySandbox } from '../helpers/memory-sandbox';

const text = (message: Message) => JSON.stringify(message.blocks);

function playground(sandbox: MemorySandbox, capacity = new EngineCapacity(2)) {
  return new PlaygroundService({
    sandbox,
    image: { ensure: async () => ({ ref: 'busybox:test', id: 'sha256:test' }) },
    demoImage: 'busybox:1.36.1',
    capacity,
    store: new MemoryPlaygroundStore(),
    config: { idleMs: 60_000, maxContainers: 3, maxImages: 3, commandsPerMinute: 100, timeLimitMs: 1000 },
    instance: 'unit',
    logger: createLogger('error'),
    sweepIntervalMs: 60_000,
  });
}

describe('PlaygroundService', () => {
  it('says the engine is not answering, in its own words, and keeps working for explanations', async () => {
    const sandbox = new MemorySandbox();
    sandbox.down = true;
    const service = playground(sandbox);
    expect(text(await service.answer('T:U', 'ps'))).toContain(
      'The playground’s Docker engine is not answering right now, so `docker ps` did not run.',
    );
    expect(text(await service.answer('T:U', 'reset'))).toContain('so `reset` did not run');
    expect(text(await service.answer('T:U', ''))).toContain('Your own Docker playground');
    await service.stop();
  });

  it('waits for an engine slot, counting in the capacity shared with demos', async () => {
    const capacity = new EngineCapacity(2);
    const demo = capacity.tryTake('demo');
    const other = capacity.tryTake('demo');
    const service = playground(new MemorySandbox(), capacity);
    let answered = false;
    const answer = service.answer('T:U', 'ps').then((message) => {
      answered = true;
      return message;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    expect(capacity.queued).toBe(1);
    demo?.();
    expect(text(await answer)).toContain('$ docker ps');
    other?.();
    expect(capacity.inUse).toBe(0);
    await service.stop();
  });

  it('keeps a playground on its one engine whatever address it was recorded under (DOCKER_HOST changed)', async () => {
    const store = new MemoryPlaygroundStore();
    await store.touch('T:U', new Date(), 'tcp://old-sandbox:2376');
    const service = new PlaygroundService({
      sandbox: new MemorySandbox(),
      image: { ensure: async () => ({ ref: 'busybox:test', id: 'sha256:test' }) },
      demoImage: 'busybox:1.36.1',
      capacity: new EngineCapacity(2),
      store,
      config: { idleMs: 60_000, maxContainers: 3, maxImages: 3, commandsPerMinute: 100, timeLimitMs: 1000 },
      instance: 'unit',
      logger: createLogger('error'),
      sweepIntervalMs: 60_000,
    });
    expect(text(await service.answer('T:U', 'ps'))).toContain('$ docker ps');
    await service.stop();
  });
});
