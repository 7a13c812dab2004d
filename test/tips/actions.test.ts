import type { Message } from '../../src/message';
import { EXPLAIN_TIP_ACTION, NEXT_TIP_ACTION, tipActions } from '../../src/tips/actions';
import { recordingOutput } from '../helpers/recording-output';

const say = (text: string): Message => ({ text, blocks: [] });

describe('the buttons under tips', () => {
  let tipsLeft = true;
  const [next, explain] = tipActions({
    next: async (userId) => (tipsLeft ? say(`next tip for ${userId}`) : undefined),
    explain: (topicId) => (topicId === 'layers' ? say('layers explained') : undefined),
  });
  const press = (inPrivateMessage: boolean) => ({ userId: 'U0ERIN', channelId: 'C1', inPrivateMessage });

  it('Next tip replaces a private tip, and answers a channel tip with a new private one', async () => {
    expect(next?.id).toBe(NEXT_TIP_ACTION);
    const inPrivate = recordingOutput();
    await next?.handle('some-tip', press(true), inPrivate.output);
    expect(inPrivate.shown).toEqual([{ how: 'replace', message: say('next tip for U0ERIN') }]);
    const inChannel = recordingOutput();
    await next?.handle('some-tip', press(false), inChannel.output);
    expect(inChannel.shown).toEqual([
      { how: 'send', message: say('next tip for U0ERIN'), visibility: 'ephemeral' },
    ]);
    tipsLeft = false;
    const none = recordingOutput();
    await next?.handle('some-tip', press(true), none.output);
    expect(none.shown[0]?.message.text).toBe('There are no more tips to show right now.');
  });

  it('Explain more answers with the tip’s topic, or says it is gone', async () => {
    expect(explain?.id).toBe(EXPLAIN_TIP_ACTION);
    const { output, shown } = recordingOutput();
    await explain?.handle('layers', press(false), output);
    await explain?.handle('ghost', press(false), output);
    expect(shown.map((s) => [s.how, s.message.text])).toEqual([
      ['send', 'layers explained'],
      ['send', 'That topic is no longer available. Type `/docker help` to see every topic.'],
    ]);
  });
});
