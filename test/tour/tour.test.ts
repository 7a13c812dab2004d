import { loadContent } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import type { Message } from '../../src/message';
import { toText } from '../../src/render/text';
import { MemoryTourStore } from '../../src/store/memory/tour';
import { loadTourSteps } from '../../src/tour/steps';
import { END_OF_TOUR } from '../../src/tour/store';
import { Tour } from '../../src/tour/tour';
import type { MessageRef, Surfaces } from '../../src/transport';
import { recordingOutput } from '../helpers/recording-output';

const steps = loadTourSteps(
  loadContent().topics,
  DEMOS.map((d) => d.id),
);
const asker = { userId: 'U1', channelId: 'C1' };
const shownText = (shown: { message: Message }[]) => toText(shown[shown.length - 1]?.message as Message);

/** A DM that records posts and edits, and can be told that a message is gone. */
function fakeDm() {
  const posts: Message[] = [];
  const edits: { ref: MessageRef; message: Message }[] = [];
  const gone = new Set<string>();
  const surfaces: Surfaces = {
    async postDirect(userId, message) {
      posts.push(message);
      return { channel: `D${userId}`, ts: `${posts.length}.0` };
    },
    async update(ref, message) {
      if (gone.has(ref.ts)) throw new Error('message_not_found');
      edits.push({ ref, message });
    },
    publishHome: async () => undefined,
  };
  return { surfaces, posts, edits, gone };
}

describe('Tour without a DM (the console)', () => {
  it('answers each move with the step, and typed words do what the buttons do', async () => {
    const store = new MemoryTourStore();
    const tour = new Tour({ steps, store });
    const { output, shown } = recordingOutput();
    await tour.open(asker, output, { restart: false, note: true });
    expect(shownText(shown)).toContain(`Tour, step 1 of ${steps.length}`);
    expect(shownText(shown)).toContain('→ Next →: /docker tour next');
    await tour.answer(asker, String(steps[0]?.check.answer), output);
    expect(shownText(shown)).toContain('✅ Right:');
    await tour.move(asker, 1, output);
    await tour.move(asker, 1, output);
    expect(shownText(shown)).toContain(`step 3 of ${steps.length}`);
    await tour.move(asker, -1, output);
    expect(shownText(shown)).toContain(`step 2 of ${steps.length}`);
    for (let i = 0; i < steps.length; i++) await tour.move(asker, 1, output);
    expect(shownText(shown)).toContain('You finished the tour');
    expect(await tour.status('U1')).toEqual({ state: 'done', total: steps.length, right: 1 });
    await tour.move(asker, -1, output);
    expect(shownText(shown)).toContain(`step ${steps.length} of ${steps.length}`);
    expect((await store.progress('U1'))?.finishedAt?.toISOString()).toMatch(/^\d{4}-/);
    await tour.open(asker, output, { restart: true });
    expect(await tour.status('U1')).toEqual({
      state: 'on',
      step: 1,
      total: steps.length,
      title: steps[0]?.title,
      right: 0,
    });
    // Finishing once is remembered for the team's counts, even after starting over.
    expect(await tour.counts()).toEqual({ started: 1, finished: 1 });
  });

  it('says so when there are no steps', async () => {
    const { output, shown } = recordingOutput();
    await new Tour({ steps: [], store: new MemoryTourStore() }).open(asker, output, { restart: false });
    expect(shownText(shown)).toContain('There is no tour yet');
  });
});

describe('Tour in the DM', () => {
  it('posts once, edits in place, and posts afresh (retiring the old message) on resume or when it is gone', async () => {
    const dm = fakeDm();
    const refreshed: string[] = [];
    const tour = new Tour({
      steps,
      store: new MemoryTourStore(),
      surfaces: dm.surfaces,
      onProgress: async ({ userId }) => void refreshed.push(userId),
    });
    const { output, shown } = recordingOutput();
    await tour.open(asker, output, { restart: false, note: true });
    expect(dm.posts).toHaveLength(1);
    expect(shownText(shown)).toContain('direct messages');
    await tour.go({ ...asker, messageTs: '1.0' }, steps[1]?.id ?? '', output);
    expect(dm.posts).toHaveLength(1);
    expect(dm.edits.map((e) => e.ref.ts)).toEqual(['1.0']);
    // A press on an old message still moves the current one.
    await tour.go({ ...asker, messageTs: '0.5' }, steps[2]?.id ?? '', output);
    expect(dm.edits.map((e) => e.ref.ts)).toEqual(['1.0', '1.0']);
    // Resuming posts a new message and retires the old one.
    await tour.open(asker, output, { restart: false });
    expect(dm.posts).toHaveLength(2);
    expect(toText(dm.edits[2]?.message as Message)).toContain('continues in a newer message');
    // When the current message is gone, the next step is posted anew.
    dm.gone.add('2.0');
    await tour.go(asker, END_OF_TOUR, output);
    expect(dm.posts).toHaveLength(3);
    expect(toText(dm.posts[2] as Message)).toContain('You finished the tour');
    expect(refreshed).toEqual(['U1', 'U1', 'U1', 'U1', 'U1']);
    // Only the command's note went through the output.
    expect(shown).toHaveLength(1);
  });
});
