import type { NewAnswer } from '../../src/explain/ports';
import { MIGRATIONS } from '../../src/store/migrations';
import { AnswerStore, ListenStore } from '../../src/store/questions';
import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';

const at = (iso: string) => new Date(iso);
const answer = (over: Partial<NewAnswer> = {}): NewAnswer => ({
  question: 'what is an image?',
  answerId: 'image#what-is-a-docker-image',
  score: 1,
  source: 'mention',
  conversation: 'C1:1.1',
  userId: 'U1',
  at: at('2026-01-01T10:00:00Z'),
  ...over,
});

let data: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  data = tempDir('dx-questions-');
  store = Store.open(data.dir);
});
afterEach(() => {
  store.close();
  data.cleanup();
});

describe('AnswerStore', () => {
  it('keeps each answer with its question and section, by reference', () => {
    const answers = new AnswerStore(store);
    const ref = answers.record(answer({ question: 'quote "this" & <that>' }));
    expect(answers.get(ref)).toEqual({ ...answer({ question: 'quote "this" & <that>' }), ref });
    expect(answers.get(ref + 1)).toBeUndefined();
  });

  it('finds the latest answer in a conversation since a moment', () => {
    const answers = new AnswerStore(store);
    answers.record(answer({ question: 'first', at: at('2026-01-01T10:00:00Z') }));
    answers.record(answer({ question: 'second', at: at('2026-01-01T10:05:00Z') }));
    answers.record(answer({ question: 'elsewhere', conversation: 'C2:', at: at('2026-01-01T10:06:00Z') }));
    expect(answers.latest('C1:1.1', at('2026-01-01T09:00:00Z'))?.question).toBe('second');
    expect(answers.latest('C1:1.1', at('2026-01-01T10:10:00Z'))).toBeUndefined();
    expect(answers.latest('C9:', at('2026-01-01T09:00:00Z'))).toBeUndefined();
  });

  it('keeps one vote per user per answer; a second vote replaces the first', () => {
    const answers = new AnswerStore(store);
    const ref = answers.record(answer());
    expect(answers.vote(ref, 'U1', true, at('2026-01-01T11:00:00Z'))).toBe('recorded');
    expect(answers.vote(ref, 'U1', true, at('2026-01-01T11:01:00Z'))).toBe('unchanged');
    expect(answers.vote(ref, 'U1', false, at('2026-01-01T11:02:00Z'))).toBe('changed');
    expect(answers.vote(ref, 'U2', false, at('2026-01-01T11:03:00Z'))).toBe('recorded');
    expect(answers.vote(ref + 100, 'U1', true, at('2026-01-01T11:04:00Z'))).toBeUndefined();
    expect(answers.votesByAnswer()).toEqual([
      { answerId: 'image#what-is-a-docker-image', helpful: 0, unhelpful: 2 },
    ]);
  });

  it('forgets old questions nobody voted on, and keeps the voted ones', () => {
    const answers = new AnswerStore(store);
    const old = answers.record(answer({ at: at('2025-01-01T00:00:00Z') }));
    const voted = answers.record(answer({ at: at('2025-01-01T00:00:00Z') }));
    const recent = answers.record(answer({ at: at('2026-01-01T00:00:00Z') }));
    answers.vote(voted, 'U1', true, at('2025-01-02T00:00:00Z'));
    expect(answers.forgetUnvotedBefore(at('2025-06-01T00:00:00Z'))).toBe(1);
    expect(answers.get(old)).toBeUndefined();
    expect(answers.get(voted)).toBeDefined();
    expect(answers.get(recent)).toBeDefined();
  });
});

describe('ListenStore', () => {
  it('is off by default, and on and off per channel, across a reopen', () => {
    const listening = new ListenStore(store);
    expect(listening.isListening('C1')).toBe(false);
    listening.setListening('C1', true, 'U1', at('2026-01-01T00:00:00Z'));
    listening.setListening('C1', true, 'U2', at('2026-01-02T00:00:00Z'));
    listening.setListening('C2', true, 'U1', at('2026-01-01T00:00:00Z'));
    listening.setListening('C2', false, 'U1', at('2026-01-03T00:00:00Z'));
    store.close();
    store = Store.open(data.dir);
    const reopened = new ListenStore(store);
    expect(reopened.isListening('C1')).toBe(true);
    expect(reopened.isListening('C2')).toBe(false);
    expect(Store.handle(store).prepare('SELECT enabled_by FROM listen_channels').all()).toEqual([
      { enabled_by: 'U1' },
    ]);
  });
});

describe('migration 2', () => {
  it('is added to a database that already has a later migration (one made before questions existed)', () => {
    const earlier = tempDir('dx-questions-later-');
    Store.open(
      earlier.dir,
      MIGRATIONS.filter((m) => m.version !== 2),
    ).close();
    const reopened = Store.open(earlier.dir);
    try {
      expect(new ListenStore(reopened).isListening('C1')).toBe(false);
      expect(new AnswerStore(reopened).record(answer())).toBe(1);
    } finally {
      reopened.close();
      earlier.cleanup();
    }
  });
});
