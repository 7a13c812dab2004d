import { ANSWER_INSTEAD, answerActions, FEEDBACK_DOWN, FEEDBACK_UP } from '../../src/explain/actions';
import type { Message } from '../../src/message';
import type { ActionHandler } from '../../src/transport';
import { recordingOutput } from '../helpers/recording-output';

const press = { userId: 'U0BOB', channelId: 'C1', inPrivateMessage: false };
const say = (text: string): Message => ({ text, blocks: [] });

describe('the buttons under answers', () => {
  const calls: string[] = [];
  const handlers = new Map<string, ActionHandler>(
    answerActions({
      choose: async (ref, answerId, userId) => {
        calls.push(`choose ${ref} ${answerId} ${userId}`);
        return ref === 1 ? say(`section ${answerId}`) : undefined;
      },
      feedback: async (ref, userId, helpful) => {
        calls.push(`feedback ${ref} ${userId} ${helpful}`);
        return say('noted');
      },
    }).map((h) => [h.id, h]),
  );
  const pressing = async (id: string, value: string) => {
    const { output, shown } = recordingOutput();
    await handlers.get(id)?.handle(value, press, output);
    return shown;
  };
  beforeEach(() => {
    calls.length = 0;
  });

  it('record a vote by the answer reference and acknowledge it privately', async () => {
    expect(await pressing(FEEDBACK_UP, '12')).toEqual([
      { how: 'send', message: say('noted'), visibility: 'ephemeral' },
    ]);
    await pressing(FEEDBACK_DOWN, '12');
    expect(calls).toEqual(['feedback 12 U0BOB true', 'feedback 12 U0BOB false']);
  });

  it('refuse a vote whose value is not a reference', async () => {
    expect(await pressing(FEEDBACK_UP, '12; drop')).toEqual([
      { how: 'send', message: say('That answer cannot be rated.'), visibility: 'ephemeral' },
    ]);
    expect(calls).toEqual([]);
  });

  it('show a chosen section in place of the message, or say the question is too old', async () => {
    expect(await pressing(ANSWER_INSTEAD, '1:layers#what-is-copy-on-write')).toEqual([
      { how: 'replace', message: say('section layers#what-is-copy-on-write') },
    ]);
    for (const value of ['2:layers#x', 'layers#x', ':layers#x', 'x:y']) {
      const [shown] = await pressing(ANSWER_INSTEAD, value);
      expect(shown).toEqual(
        expect.objectContaining({
          how: 'send',
          message: expect.objectContaining({ text: expect.stringMatching(/too old/) }),
        }),
      );
    }
    expect(calls).toEqual(['choose 1 layers#what-is-copy-on-write U0BOB', 'choose 2 layers#x U0BOB']);
  });
});
