import { afterAcks } from '../../src/slack/after-ack';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('afterAcks', () => {
  it('starts waiting jobs in order, one per turn of the event loop', async () => {
    const started: string[] = [];
    const jobs = ['a', 'b', 'c'].map((name) => afterAcks().then(() => started.push(name)));
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual(['a']);
    await nextTurn();
    expect(started).toEqual(['a', 'b']);
    await nextTurn();
    expect(started).toEqual(['a', 'b', 'c']);
    await Promise.all(jobs);
  });

  it('starts a job that arrives when nothing is waiting on the next turn', async () => {
    let started = false;
    const job = afterAcks().then(() => {
      started = true;
    });
    expect(started).toBe(false);
    await job;
    expect(started).toBe(true);
  });
});
