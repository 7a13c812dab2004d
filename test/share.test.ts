import { SHARE_ACTION, ShareRegistry, shareAction } from '../src/share';
import { recordingOutput } from './helpers/recording-output';

const press = { userId: 'U0CAROL', channelId: 'C1', inPrivateMessage: true };

describe('Share in channel', () => {
  const shares = new ShareRegistry();
  shares.register('topic', (id, sharedBy) =>
    id === 'image' ? { text: `image, shared by ${sharedBy}`, blocks: [] } : undefined,
  );
  shares.register('answer', async (ref) => (ref === '7' ? { text: 'answer 7', blocks: [] } : undefined));
  const action = shareAction(shares);

  it('shares the message its value names, saying who shared it', async () => {
    expect(action.id).toBe(SHARE_ACTION);
    const { output, shown } = recordingOutput();
    await action.handle('topic:image', press, output);
    await action.handle('answer:7', press, output);
    expect(shown).toEqual([
      { how: 'share', message: { text: 'image, shared by U0CAROL', blocks: [] } },
      { how: 'share', message: { text: 'answer 7', blocks: [] } },
    ]);
  });

  it('says so, privately, when the value names nothing it can share', async () => {
    for (const value of ['topic:ghost', 'answer:8', 'tip:x', 'image', ':image', '']) {
      const { output, shown } = recordingOutput();
      await action.handle(value, press, output);
      expect(shown).toEqual([
        expect.objectContaining({
          how: 'send',
          message: expect.objectContaining({ text: expect.stringMatching(/no longer available/) }),
        }),
      ]);
    }
  });
});
