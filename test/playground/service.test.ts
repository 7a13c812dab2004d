import { EngineCapacity } from '../../src/lab/capacity';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import type { CommandRateLimit } from '../../src/playground/rate';
import { PlaygroundService } from '../../src/playground/service';
import { MemoryPlaygroundStore } from '../../src/store/memory/playground';
import { MemorySandbox } from '../helpers/memory-sandbox';

const text = (message: Message) => JSON.stringify(message.blocks);

function playground(
  sandbox: MemorySandbox,
  capacity = new EngineCapacity(2),
  options: { rate?: CommandRateLimit; commandsPerMinute?: number } = {},
) {
  return new PlaygroundService({
    rate: options.rate,
    sandbox,
    image: { ensure: async () => ({ ref: 'busybox:test', id: 'sha256:test' }) },
    demoImage: 'busybox:1.36.1',
    capacity,
    store: new MemoryPlaygroundStore(),
    config: {
      idleMs: 60_000,
      maxContainers: 3,
      maxImages: 3,
      commandsPerMinute: options.commandsPerMinute ?? 100,
      timeLimitMs: 1000,
    },
    instance: 'unit',
    logger: createLogger('error'),
    sweepIntervalMs: 60_000,
  });
}

describe('PlaygroundService', () => {
  it('counts commands itself while the shared limit (the database) does not answer, and goes back to it', async () => {
    let down = true;
    const shared: string[] = [];
    const rate: CommandRateLimit = {
      admit: async (owner) => {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        shared.push(owner);
        return undefined;
      },
      prune: async () => undefined,
    };
    const service = playground(new MemorySandbox(), new EngineCapacity(2), { rate, commandsPerMinute: 2 });
    expect(text(await service.answer('T:U', 'ps'))).toContain('$ docker ps');
    expect(text(await service.answer('T:U', 'ps'))).toContain('$ docker ps');
    expect(JSON.stringify(await service.answer('T:U', 'ps'))).toMatch(/2 commands a minute per person/);
    down = false;
    expect(text(await service.answer('T:U', 'ps'))).toContain('$ docker ps');
    expect(shared).toEqual(['T:U']);
    await service.stop();
  });

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
