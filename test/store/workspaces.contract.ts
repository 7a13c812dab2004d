import { silentLogger } from '../../src/ops/log';
import { openStores, type Stores } from '../../src/store/open';
import { manyWorkspaces, NoTeamError, type Tenancy } from '../../src/tenancy';

/** How a test reaches one database: rows read straight from a table, outside the app's stores. */
export interface WorkspaceBackend {
  /** openStores' target: `{ dataDir }` for SQLite, `{ databaseUrl }` for Postgres. */
  target: { dataDir: string; databaseUrl?: string };
  /** The rows of `table` whose `column` is `value`, counted by the test itself. */
  count(table: string, column: string, value: string): Promise<number>;
  cleanup(): Promise<void>;
}

const at = new Date('2026-01-05T09:00:00Z');

/** Everything a workspace can leave behind, written inside `team`. */
async function fill(stores: Stores, tenancy: Tenancy, team: string): Promise<void> {
  await tenancy.run(team, async () => {
    await stores.listening.setListening('C1', true, 'U1', at);
    await stores.tips.subscribe('C1', 'U1', at);
    await stores.tips.claim(
      'C1',
      at,
      () => ({ tipId: 'a', state: { cycle: 1, remaining: [], shown: ['a'] } }),
      at,
      3,
    );
    await stores.tips.advance(
      'user:U1',
      () => ({ tipId: 'b', state: { cycle: 1, remaining: [], shown: ['b'] } }),
      at,
    );
    const ref = await stores.answers.record({
      question: `what is an image in ${team}?`,
      answerId: 'image#what',
      score: 1,
      source: 'command',
      conversation: 'C1',
      userId: 'U1',
      at,
    });
    await stores.answers.vote(ref, 'U1', true, at);
    await stores.phrasings.pick({
      questionKey: 'image',
      answerId: 'image#what',
      userId: 'U1',
      question: 'image?',
      at,
    });
    await stores.phrasings.learn({
      questionKey: 'image',
      question: 'image?',
      answerId: 'image#what',
      learnedAt: at,
    });
    await stores.tour.save({ userId: 'U1', stepId: 'intro', checks: {}, startedAt: at, updatedAt: at });
    const quiz = await stores.quiz.openChannelQuiz('C1', 'q1', at, 'U1');
    await stores.quiz.record({
      userId: 'U1',
      questionId: 'q1',
      choice: 1,
      correct: true,
      at,
      channelQuiz: quiz.id,
    });
    await stores.quiz.record({ userId: 'U1', questionId: 'q2', choice: 2, correct: false, at, round: 1 });
    await stores.quiz.advance(
      'user:U1',
      () => ({ tipId: 'q2', state: { cycle: 1, remaining: [], shown: ['q2'] } }),
      at,
    );
  });
  await stores.installations.put({ enterpriseId: '', teamId: team }, `sealed-${team}`, at);
  await stores.playground.touch(`${team}:U1`, new Date());
}

/** The workspace tables and how many rows `team` has in each. */
async function rowsOf(backend: WorkspaceBackend, team: string): Promise<Record<string, number>> {
  const tables = [
    'listen_channels',
    'answers',
    'answer_votes',
    'tip_subscriptions',
    'tip_rotations',
    'tip_posts',
    'answer_picks',
    'learned_phrasings',
    'tour_progress',
    'quiz_rotations',
    'channel_quizzes',
    'quiz_answers',
    'slack_installations',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await backend.count(table, 'team_id', team);
  return counts;
}

/**
 * Many workspaces on one database: what one workspace writes, another never reads, and forgetting one (an
 * uninstall) deletes its rows in every table and nothing of the other's. test/store/workspaces.test.ts runs
 * it on SQLite and on Postgres.
 */
export function workspacesContract(makeBackend: () => Promise<WorkspaceBackend>): void {
  let backend: WorkspaceBackend;
  let stores: Stores;
  let tenancy: Tenancy;
  beforeEach(async () => {
    backend = await makeBackend();
    tenancy = manyWorkspaces();
    stores = await openStores({
      ...backend.target,
      owner: 'host-a',
      logger: silentLogger,
      team: () => tenancy.team(),
    });
  });
  afterEach(async () => {
    await stores.close();
    await backend.cleanup();
  });

  it("keeps each workspace's rows apart, even for the same channel and person ids", async () => {
    await fill(stores, tenancy, 'T1');
    await tenancy.run('T2', async () => {
      expect(await stores.listening.isListening('C1')).toBe(false);
      expect(await stores.tips.subscription('C1')).toBeUndefined();
      expect(await stores.tips.activeSubscriptions()).toEqual([]);
      expect(await stores.tips.posts('C1')).toEqual([]);
      expect(await stores.tips.rotation('user:U1')).toBeUndefined();
      expect(await stores.answers.get(1)).toBeUndefined();
      expect(await stores.answers.latest('C1', new Date(0))).toBeUndefined();
      expect(await stores.tour.progress('U1')).toBeUndefined();
      expect(await stores.tour.counts()).toEqual({ started: 0, finished: 0 });
      expect(await stores.quiz.answersOf('U1')).toEqual([]);
      expect(await stores.quiz.totals()).toEqual({ people: 0, answers: 0, correct: 0 });
      expect(await stores.quiz.channelQuiz(1)).toBeUndefined();
      expect(await stores.quiz.rotation('user:U1')).toBeUndefined();
      // What T1's people taught does not answer T2's questions, and T1's picks do not count towards T2's.
      expect(await stores.phrasings.learned()).toEqual([]);
      expect(
        await stores.phrasings.pick({
          questionKey: 'image',
          answerId: 'image#what',
          userId: 'U2',
          question: 'image?',
          at,
        }),
      ).toBe(1);
    });
    await fill(stores, tenancy, 'T2');
    await tenancy.run('T1', async () => {
      expect(await stores.listening.isListening('C1')).toBe(true);
      expect((await stores.answers.latest('C1', new Date(0)))?.question).toBe('what is an image in T1?');
      expect(await stores.quiz.totals()).toEqual({ people: 1, answers: 2, correct: 1 });
      expect(await stores.tour.counts()).toEqual({ started: 1, finished: 0 });
      expect((await stores.phrasings.learned()).map((p) => p.team)).toEqual(['T1']);
    });
    expect(await stores.tips.activeEverywhere()).toEqual([
      { team: 'T1', channelId: 'C1', since: at },
      { team: 'T2', channelId: 'C1', since: at },
    ]);
  });

  it('refuses workspace data outside any workspace, rather than guess one', async () => {
    await expect(stores.listening.isListening('C1')).rejects.toThrow(NoTeamError);
    await expect(stores.tips.subscribe('C1', 'U1', at)).rejects.toThrow(NoTeamError);
    await expect(stores.tour.progress('U1')).rejects.toThrow(NoTeamError);
  });

  it("forgetTeam deletes one workspace's installation and rows in every table, and nothing of another's", async () => {
    await fill(stores, tenancy, 'T1');
    await fill(stores, tenancy, 'T2');
    const before = await rowsOf(backend, 'T2');
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    expect(Object.values(await rowsOf(backend, 'T1')).every((n) => n > 0)).toBe(true);

    expect(await stores.forgetTeam('T1')).toBeGreaterThanOrEqual(Object.keys(before).length);

    expect(Object.values(await rowsOf(backend, 'T1')).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(backend, 'T2')).toEqual(before);
    expect(await stores.installations.get({ enterpriseId: '', teamId: 'T1' })).toBeUndefined();
    expect(await stores.installations.get({ enterpriseId: '', teamId: 'T2' })).toBe('sealed-T2');
    await tenancy.run('T2', async () => expect(await stores.listening.isListening('C1')).toBe(true));
    // T1's playground is expired at once, so the sweep removes its containers, then its row; T2's is not.
    const idle = (await stores.playground.idleSince(new Date(Date.now() - 60_000))).map((p) => p.owner);
    expect(idle).toEqual(['T1:U1']);
  });
}
