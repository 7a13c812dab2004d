import type { AnswerLog, ListenChannels, NewAnswer, PhrasingBook } from '../../src/explain/ports';

/** One implementation of the explain ports, on data that outlives a `reopen` (a restart of the app). */
export interface ExplainStores {
  answers: AnswerLog;
  listening: ListenChannels;
  phrasings: PhrasingBook;
}

/** How a test reaches one implementation: `open` gives the stores, `reopen` stands for a restart. */
export interface ExplainStoresBackend {
  open(): ExplainStores;
  reopen(): ExplainStores;
  cleanup(): void | Promise<void>;
}

const at = (iso: string) => new Date(iso);
export const answer = (over: Partial<NewAnswer> = {}): NewAnswer => ({
  question: 'what is an image?',
  answerId: 'image#what-is-a-docker-image',
  score: 1,
  source: 'mention',
  conversation: 'C1:1.1',
  userId: 'U1',
  at: at('2026-01-01T10:00:00Z'),
  ...over,
});

const phrasing = (over: { questionKey?: string; answerId?: string } = {}) => ({
  questionKey: 'end up write',
  question: 'where do writes end up',
  answerId: 'tip:container-writable-layer-size',
  learnedAt: at('2026-03-01T12:00:00Z'),
  ...over,
});

/**
 * The promises every implementation of src/explain/ports.ts keeps; test/store/questions.test.ts and
 * test/store/memory/questions.test.ts run them.
 */
export function explainPortsContract(
  makeBackend: () => ExplainStoresBackend | Promise<ExplainStoresBackend>,
): void {
  let backend: ExplainStoresBackend;
  beforeEach(async () => {
    backend = await makeBackend();
  });
  afterEach(() => backend.cleanup());

  describe('AnswerLog', () => {
    it('keeps each answer with its question and section, by reference', async () => {
      const { answers } = backend.open();
      const ref = await answers.record(answer({ question: 'quote "this" & <that>' }));
      expect(await answers.get(ref)).toEqual({ ...answer({ question: 'quote "this" & <that>' }), ref });
      expect(await answers.get(ref + 1)).toBeUndefined();
      expect(await answers.record(answer())).not.toBe(ref);
    });

    it('finds the latest answer in a conversation since a moment, never a "not sure"', async () => {
      const { answers } = backend.open();
      await answers.record(answer({ question: 'first', at: at('2026-01-01T10:00:00Z') }));
      await answers.record(answer({ question: 'second', at: at('2026-01-01T10:05:00Z') }));
      await answers.record(answer({ question: 'same time', at: at('2026-01-01T10:05:00Z') }));
      await answers.record(answer({ question: 'unsure', answerId: '', at: at('2026-01-01T10:06:00Z') }));
      await answers.record(
        answer({ question: 'elsewhere', conversation: 'C2:', at: at('2026-01-01T10:07:00Z') }),
      );
      expect((await answers.latest('C1:1.1', at('2026-01-01T09:00:00Z')))?.question).toBe('same time');
      expect((await answers.latest('C1:1.1', at('2026-01-01T10:05:00Z')))?.question).toBe('same time');
      expect(await answers.latest('C1:1.1', at('2026-01-01T10:10:00Z'))).toBeUndefined();
      expect(await answers.latest('C9:', at('2026-01-01T09:00:00Z'))).toBeUndefined();
    });

    it('keeps one vote per user per answer; a second vote replaces the first', async () => {
      const { answers } = backend.open();
      const ref = await answers.record(answer());
      const other = await answers.record(answer({ answerId: 'container#what-is-a-container' }));
      expect(await answers.vote(ref, 'U1', true, at('2026-01-01T11:00:00Z'))).toBe('recorded');
      expect(await answers.vote(ref, 'U1', true, at('2026-01-01T11:01:00Z'))).toBe('unchanged');
      expect(await answers.vote(ref, 'U1', false, at('2026-01-01T11:02:00Z'))).toBe('changed');
      expect(await answers.vote(ref, 'U2', false, at('2026-01-01T11:03:00Z'))).toBe('recorded');
      expect(await answers.vote(other, 'U2', true, at('2026-01-01T11:03:00Z'))).toBe('recorded');
      expect(await answers.vote(other + 100, 'U1', true, at('2026-01-01T11:04:00Z'))).toBeUndefined();
      expect(await answers.votesByAnswer()).toEqual([
        { answerId: 'image#what-is-a-docker-image', helpful: 0, unhelpful: 2 },
        { answerId: 'container#what-is-a-container', helpful: 1, unhelpful: 0 },
      ]);
    });

    it('forgets old questions nobody voted on, and keeps the voted ones', async () => {
      const { answers } = backend.open();
      const old = await answers.record(answer({ at: at('2025-01-01T00:00:00Z') }));
      const voted = await answers.record(answer({ at: at('2025-01-01T00:00:00Z') }));
      const recent = await answers.record(answer({ at: at('2026-01-01T00:00:00Z') }));
      await answers.vote(voted, 'U1', true, at('2025-01-02T00:00:00Z'));
      expect(await answers.forgetUnvotedBefore(at('2025-06-01T00:00:00Z'))).toBe(1);
      expect(await answers.get(old)).toBeUndefined();
      expect(await answers.get(voted)).toBeDefined();
      expect(await answers.get(recent)).toBeDefined();
    });

    it('keeps answers and votes across a restart', async () => {
      const ref = await backend.open().answers.record(answer());
      await backend.open().answers.vote(ref, 'U1', false, at('2026-01-01T11:00:00Z'));
      const { answers } = backend.reopen();
      expect(await answers.get(ref)).toEqual({ ...answer(), ref });
      expect(await answers.vote(ref, 'U1', false, at('2026-01-01T11:01:00Z'))).toBe('unchanged');
    });
  });

  describe('ListenChannels', () => {
    it('is off by default, and on and off per channel, across a restart', async () => {
      const { listening } = backend.open();
      expect(await listening.isListening('C1')).toBe(false);
      await listening.setListening('C1', true, 'U1', at('2026-01-01T00:00:00Z'));
      await listening.setListening('C1', true, 'U2', at('2026-01-02T00:00:00Z'));
      await listening.setListening('C2', true, 'U1', at('2026-01-01T00:00:00Z'));
      await listening.setListening('C2', false, 'U1', at('2026-01-03T00:00:00Z'));
      await listening.setListening('C3', false, 'U1', at('2026-01-03T00:00:00Z'));
      const reopened = backend.reopen().listening;
      expect(await reopened.isListening('C1')).toBe(true);
      expect(await reopened.isListening('C2')).toBe(false);
      expect(await reopened.isListening('C3')).toBe(false);
    });
  });

  describe('PhrasingBook', () => {
    it('counts each person once per question and section', async () => {
      const { phrasings } = backend.open();
      const pick = {
        questionKey: 'end up write',
        question: 'where do writes end up',
        at: at('2026-03-01T12:00:00Z'),
      };
      expect(await phrasings.pick({ ...pick, answerId: 'a', userId: 'U1' })).toBe(1);
      expect(await phrasings.pick({ ...pick, answerId: 'a', userId: 'U1' })).toBe(1);
      expect(await phrasings.pick({ ...pick, answerId: 'b', userId: 'U2' })).toBe(1);
      expect(
        await phrasings.pick({ ...pick, question: 'writes end up where', answerId: 'a', userId: 'U2' }),
      ).toBe(2);
      expect(await phrasings.pick({ ...pick, questionKey: 'other', answerId: 'a', userId: 'U3' })).toBe(1);
    });

    it('learns a phrasing once, keeps them in the order learned, across a restart', async () => {
      const { phrasings } = backend.open();
      const first = await phrasings.learn(phrasing());
      expect(first).toEqual({ ...phrasing(), id: expect.any(Number), team: '' });
      expect(await phrasings.learn(phrasing())).toBeUndefined();
      const second = await phrasings.learn(phrasing({ answerId: 'layers#what-are-image-layers' }));
      expect(await backend.reopen().phrasings.learned()).toEqual([first, second]);
    });

    it('forgets a removed phrasing and the picks behind it, so they do not teach it again', async () => {
      const { phrasings } = backend.open();
      const pick = { ...phrasing(), at: at('2026-03-01T12:00:00Z') };
      await phrasings.pick({ ...pick, userId: 'U1' });
      await phrasings.pick({ ...pick, userId: 'U2' });
      await phrasings.pick({ ...pick, answerId: 'other', userId: 'U1' });
      const learned = await phrasings.learn(phrasing());
      const kept = await phrasings.learn(phrasing({ answerId: 'other' }));
      expect(await phrasings.remove(learned?.id ?? -1)).toBe(true);
      expect(await phrasings.remove(learned?.id ?? -1)).toBe(false);
      expect(await phrasings.learned()).toEqual([kept]);
      expect(await phrasings.pick({ ...pick, userId: 'U3' })).toBe(1);
      expect(await phrasings.pick({ ...pick, answerId: 'other', userId: 'U3' })).toBe(2);
    });
  });
}
