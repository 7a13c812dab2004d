import { ProgressMessage } from '../../src/demos/progress';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import type { Posted } from '../../src/transport';

const logger = createLogger('error');
const message = (text: string): Message => ({ text, blocks: [] });

/** A Posted that records edits; each edit takes a little while, as a Slack call does. */
function recorder(maxUpdates?: number): { posted: Posted; edits: string[] } {
  const edits: string[] = [];
  return {
    edits,
    posted: {
      maxUpdates,
      update: async (next) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        edits.push(next.text);
      },
    },
  };
}

describe('ProgressMessage', () => {
  it('sends edits in order, skips states overtaken while one was on its way, and always sends the last', async () => {
    const { posted, edits } = recorder();
    const progress = new ProgressMessage(posted, logger, 1000);
    for (let i = 1; i <= 10; i++) progress.show(message(`state ${i}`), i === 10);
    await progress.flush();
    expect(edits[0]).toBe('state 1');
    expect(edits[edits.length - 1]).toBe('state 10');
    expect(edits.length).toBeLessThan(10);
    const numbers = edits.map((e) => Number(e.split(' ')[1]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it('stays within a response_url budget, keeping one edit for the final state', async () => {
    const { posted, edits } = recorder(4);
    const progress = new ProgressMessage(posted, logger, 40);
    for (let i = 1; i <= 12; i++) {
      progress.show(message(`state ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    progress.show(message('final'), true);
    await progress.flush();
    expect(edits.length).toBeLessThanOrEqual(4);
    expect(edits[edits.length - 1]).toBe('final');
    progress.show(message('after the end'));
    await progress.flush();
    expect(edits).not.toContain('after the end');
  });

  it('keeps going when an edit fails', async () => {
    const edits: string[] = [];
    let fail = true;
    const progress = new ProgressMessage(
      {
        update: async (next) => {
          if (fail) {
            fail = false;
            throw new Error('ratelimited');
          }
          edits.push(next.text);
        },
      },
      logger,
      1000,
    );
    progress.show(message('first'));
    await progress.flush();
    progress.show(message('done'), true);
    await progress.flush();
    expect(edits).toEqual(['done']);
  });
});
