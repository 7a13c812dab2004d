import { EngineCapacity } from '../../src/lab/capacity';

describe('EngineCapacity', () => {
  it('never holds more than its slots, and leaves the last one to demos', () => {
    const capacity = new EngineCapacity(3);
    const a = capacity.tryTake('playground');
    const b = capacity.tryTake('playground');
    expect(a && b).toBeTruthy();
    expect(capacity.tryTake('playground')).toBeUndefined();
    const demo = capacity.tryTake('demo');
    expect(demo).toBeDefined();
    expect(capacity.tryTake('demo')).toBeUndefined();
    expect(capacity.inUse).toBe(3);
    a?.();
    a?.(); // twice is once
    expect(capacity.inUse).toBe(2);
  });

  it('with one slot, demos and playground commands take turns', () => {
    const capacity = new EngineCapacity(1);
    expect(capacity.playgroundSlots).toBe(1);
    const command = capacity.tryTake('playground');
    expect(capacity.tryTake('demo')).toBeUndefined();
    command?.();
    expect(capacity.tryTake('demo')).toBeDefined();
  });

  it('gives a freed slot to waiting demos first, then to playground commands in order', async () => {
    const capacity = new EngineCapacity(2);
    const demoRelease = capacity.tryTake('demo');
    const command = capacity.tryTake('playground');
    const order: string[] = [];
    const first = capacity.take().then((release) => {
      order.push('first');
      return release;
    });
    const second = capacity.take().then((release) => {
      order.push('second');
      return release;
    });
    expect(capacity.queued).toBe(2);
    // A demo waiting elsewhere (the runner) takes the slot the moment it is freed.
    let demoWaiting = true;
    let nextDemo: (() => void) | undefined;
    capacity.onFreed(() => {
      if (demoWaiting) {
        nextDemo = capacity.tryTake('demo');
        demoWaiting = false;
      }
    });
    demoRelease?.();
    expect(nextDemo).toBeDefined();
    expect(capacity.queued).toBe(2);
    command?.();
    (await first)();
    (await second)();
    expect(order).toEqual(['first', 'second']);
    nextDemo?.();
    expect(capacity.inUse).toBe(0);
  });

  it('lets a waiting command give up when its signal aborts', async () => {
    const capacity = new EngineCapacity(1);
    const held = capacity.tryTake('demo');
    const controller = new AbortController();
    const waiting = capacity.take(controller.signal);
    controller.abort(new Error('busy'));
    await expect(waiting).rejects.toThrow('busy');
    expect(capacity.queued).toBe(0);
    held?.();
    expect(capacity.inUse).toBe(0);
  });
});
