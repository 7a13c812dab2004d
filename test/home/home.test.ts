import { loadContent } from '../../src/content/load';
import { AppHome, homeView, MAX_PLAYGROUND_BLOCKS, type PlaygroundHome } from '../../src/home/home';
import type { Block, View } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import { toSlackView } from '../../src/render/blocks';
import { viewToText } from '../../src/render/text';
import type { Surfaces } from '../../src/transport';
import { blockKitProblems } from '../helpers/block-kit';

const { topics } = loadContent();
const demos = ['diff', 'layers', 'many'].map((id) => ({ id, title: `The ${id} demo` }));
const noScore = { answered: 0, correct: 0, streak: 0, bestStreak: 0 };

/** The view as Slack gets it, checked against Block Kit's limits as the stand-in would record it. */
function published(view: View) {
  const slack = toSlackView(view);
  const problems = blockKitProblems({ method: 'views.publish', body: { view: slack }, headers: {}, at: 0 });
  return { slack, problems, rendered: view.blocks.length };
}

describe('homeView', () => {
  it('for someone new: the tour to start, an empty score, topics, demos and tip channels', () => {
    const view = homeView({
      tour: { state: 'new', total: 8 },
      quiz: { score: noScore, seen: 0, total: 49 },
      topics,
      demos,
      tipChannels: ['C0TIPS'],
    });
    const text = viewToText(view);
    expect(text).toContain('8 short steps');
    expect(text).toContain('Score: no answers yet');
    expect(text).toContain('Channels with daily tips: #C0TIPS');
    expect(published(view).problems).toEqual([]);
  });

  it('for someone experienced: their step, checks, score and streaks', () => {
    const view = homeView({
      tour: { state: 'on', step: 5, total: 8, title: 'The writable layer', right: 3 },
      quiz: { score: { answered: 9, correct: 7, streak: 2, bestStreak: 5 }, seen: 9, total: 49 },
      topics,
      demos,
      tipChannels: [],
    });
    const text = viewToText(view);
    expect(text).toContain('●●●●●○○○  Step 5 of 8: The writable layer · 3 checks right');
    expect(text).toContain('Score: 7 of 9 right (78%)');
    expect(text).toContain('Streak: 2 (best 5)');
    expect(text).toContain('Channels with daily tips: none');
    const done = homeView({
      tour: { state: 'done', total: 8, right: 8 },
      quiz: { score: noScore, seen: 0, total: 49 },
      topics,
      demos,
      tipChannels: [],
    });
    expect(viewToText(done)).toContain('Finished 🎉 · 8 of 8 checks right');
  });

  it('stays within 100 blocks and every other Block Kit limit, however much there is to show', () => {
    const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
    const view = homeView({
      tour: { state: 'on', step: 1, total: 200, title: 'x'.repeat(500), right: 0 },
      quiz: { score: noScore, seen: 0, total: 5000 },
      topics: many(300, (i) => ({ id: `topic-${i}`, title: `Topic ${i}` })),
      demos: many(120, (i) => ({ id: `demo-${i}`, title: `Demo ${i}` })),
      tipChannels: many(500, (i) => `C0${String(i).padStart(6, '0')}`),
      playground: many(300, (i): Block => ({ type: 'markdown', text: `container ${i}` })),
    });
    const { slack, problems, rendered } = published(view);
    expect(problems).toEqual([]);
    // Nothing was cut off by the renderer: the view itself keeps within the limit.
    expect(rendered).toBeLessThanOrEqual(100);
    expect(slack.blocks.length).toBe(rendered);
    expect(viewToText(view)).toContain('And 470 more channels');
    expect(view.blocks.filter((b) => b.type === 'markdown' && b.text.startsWith('container '))).toHaveLength(
      MAX_PLAYGROUND_BLOCKS,
    );
  });
});

describe('AppHome', () => {
  const parts = {
    tour: { status: async () => ({ state: 'new' as const, total: 8 }) },
    quiz: { scoreOf: async () => noScore, seenBy: async () => 0, size: 49 },
    topics,
    demos,
    tipChannels: async () => ['C0TIPS'],
  };

  it('shows the playground’s part when the playground provides one, and none without it', async () => {
    const logs: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => logs.push(line) });
    const playground: PlaygroundHome = {
      homeBlocks: async ({ userId, teamId }) => [
        { type: 'markdown', text: `**Your playground**: 2 containers, ${teamId}:${userId}` },
      ],
    };
    const person = { userId: 'U1', teamId: 'T1' };
    expect(viewToText(await new AppHome({ ...parts, logger, playground }).view(person))).toContain(
      'Your playground: 2 containers, T1:U1',
    );
    expect(viewToText(await new AppHome({ ...parts, logger }).view(person))).not.toContain('playground');
    const broken: PlaygroundHome = { homeBlocks: () => Promise.reject(new Error('engine down')) };
    expect(viewToText(await new AppHome({ ...parts, logger, playground: broken }).view(person))).toContain(
      'Topics',
    );
    expect(logs.join('\n')).toContain('playground part of the App Home failed');
  });

  it('publishes on refresh, and logs instead of throwing when Slack refuses', async () => {
    const logs: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => logs.push(line) });
    const views: string[] = [];
    const surfaces: Surfaces = {
      postDirect: () => Promise.reject(new Error('unused')),
      update: () => Promise.reject(new Error('unused')),
      publishHome: async (userId) => {
        views.push(userId);
        if (userId === 'U2') throw new Error('not_allowed');
      },
    };
    const home = new AppHome({ ...parts, logger, surfaces });
    await home.refresh({ userId: 'U1' });
    await home.refresh({ userId: 'U2', teamId: 'T1' });
    expect(views).toEqual(['U1', 'U2']);
    expect(logs.join('\n')).toContain('could not publish the App Home view');
    await new AppHome({ ...parts, logger }).refresh({ userId: 'U3' });
  });
});
