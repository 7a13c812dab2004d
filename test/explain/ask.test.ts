import { loadContent, type Topic } from '../../src/content/load';
import { StoreUnavailable } from '../../src/errors';
import { FOLLOW_UP_WINDOW_MS, LEARNED_REFRESH_MS, QuestionAnswerer } from '../../src/explain/ask';
import type { PhrasingBook } from '../../src/explain/ports';
import { AnswerIndex } from '../../src/explain/search';
import type { Button, Message } from '../../src/message';
import { toSlack } from '../../src/render/blocks';
import { toText } from '../../src/render/text';
import { MemoryPhrasingBook } from '../../src/store/memory/phrasings';
import { MemoryAnswerLog } from '../../src/store/memory/questions';
import { expectGolden } from '../helpers/golden';

const content = loadContent();
const index = new AnswerIndex(content);
let now: Date;
let answerer: QuestionAnswerer;
const demoButton = (topic: Topic): Button[] =>
  topic.demo ? [{ action: 'run_demo', label: 'Run the demo', value: topic.demo, style: 'primary' }] : [];

beforeEach(() => {
  now = new Date('2026-03-01T12:00:00Z');
  answerer = new QuestionAnswerer({
    index,
    content,
    log: new MemoryAnswerLog(),
    topicButtons: demoButton,
    clock: () => now,
  });
});

const ask = (text: string, conversation = 'C1:1.1') =>
  answerer.ask({ text, userId: 'U1', conversation, source: 'mention' });
const actions = (message: Message) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.action) : []));

describe('QuestionAnswerer', () => {
  it('answers with one section, a hint to its topic, the topic buttons and feedback', async () => {
    const answered = await ask('<@U0BOT> what is copy on write?');
    expect(answered.answered).toBe(true);
    expect(answered.finding.best?.id).toBe('layers#what-is-copy-on-write');
    const text = toText(answered.message);
    expect(text).toContain('What is copy-on-write?');
    expect(text).toContain('/docker layers');
    expect(text).not.toContain('What are image layers?');
    expect(actions(answered.message)).toEqual(['run_demo', 'feedback_up', 'feedback_down']);
  });

  it('renders an answer the same way every time', async () => {
    const { message } = await answerer.ask(
      { text: 'image vs container?', userId: 'U1', conversation: 'C1:', source: 'command' },
      { ephemeral: true },
    );
    expectGolden('answer-diff.blocks.json', `${JSON.stringify(toSlack(message), null, 2)}\n`);
    expectGolden('answer-diff.txt', `${toText(message)}\n`);
  });

  it('declines an off-topic question in one line, quoting it cleaned, with no buttons and no topic list', async () => {
    const answered = await ask(
      '<@U0BOT> can you recommend a <https://pasta.example|pasta> recipe? &amp; <#C0FOOD|food>',
    );
    expect(answered.answered).toBe(false);
    expect(answered.ref).toBeUndefined();
    const text = toText(answered.message);
    expect(text).toContain("I'm not sure I can answer `can you recommend a pasta recipe? &`");
    expect(text).not.toMatch(/<@|<#|<https|&amp;/);
    expect(text).toContain('/docker help');
    expect(text).not.toContain('/docker analogy');
    expect(text).not.toContain('dish');
    expect(actions(answered.message)).toEqual([]);
  });

  it('stays quiet below high confidence when asked to (listen mode)', async () => {
    const unsure = await answerer.ask(
      {
        text: 'what does the image thing do with the stuff',
        userId: 'U1',
        conversation: 'C1:2',
        source: 'listen',
      },
      { minimum: 'high' },
    );
    expect(unsure.answered).toBe(false);
    const sure = await answerer.ask(
      {
        text: 'what is the difference between an image and a container?',
        userId: 'U1',
        conversation: 'C1:3',
        source: 'listen',
      },
      { minimum: 'high' },
    );
    expect(sure.answered).toBe(true);
  });

  it('reads a follow-up with the question before it in the same conversation, for a while', async () => {
    expect((await ask('can i change it later?')).answered).toBe(false);
    await ask('what is an image?');
    expect((await ask('can i change it later?')).finding.best?.id).toBe(
      'image#can-i-change-an-image-after-building-it',
    );
    expect((await ask('can i change it later?', 'C2:9.9')).answered).toBe(false);
    now = new Date(now.getTime() + FOLLOW_UP_WINDOW_MS + 1000);
    expect((await ask('can i change it later?', 'C3:1.1')).answered).toBe(false);
  });

  it('rebuilds a shared answer from its reference, saying who asked and shared it', async () => {
    const { ref } = await answerer.ask(
      { text: 'can I change an image?', userId: 'U1', conversation: 'C1:', source: 'command' },
      { ephemeral: true },
    );
    const shared = await answerer.shared(ref ?? -1, 'U0CAROL');
    const rendered = JSON.stringify(toSlack(shared ?? { text: '', blocks: [] }));
    expect(rendered).toContain('<@U0CAROL> asked `can I change an image?` and shared this answer');
    expect(rendered).not.toContain('feedback_up');
    expect(rendered).not.toContain('"share"');
    expect(await answerer.shared(999_999, 'U0CAROL')).toBeUndefined();
  });

  it('acknowledges votes quietly and says when one replaces another', async () => {
    const { ref = -1 } = await ask('what is a registry?');
    expect((await answerer.feedback(ref, 'U1', true)).text).toBe('Thanks, glad it helped.');
    expect((await answerer.feedback(ref, 'U1', true)).text).toMatch(/already rated/);
    expect((await answerer.feedback(ref, 'U1', false)).text).toMatch(/needs work.*replaced/);
    expect((await answerer.feedback(ref + 1000, 'U1', false)).text).toMatch(/too old/);
  });
});

describe('learned phrasings', () => {
  const question = 'where do container writes end up';
  const picked = 'tip:container-writable-layer-size';

  /** A book that already knows `question`, as after a restart, whose first `failures` reads fail. */
  async function bookFailing(failures: number): Promise<PhrasingBook> {
    const book = new MemoryPhrasingBook();
    const { key = '' } = index.read(question);
    await book.learn({ questionKey: key, question, answerId: picked, learnedAt: now });
    let left = failures;
    return {
      pick: (p) => book.pick(p),
      learn: (p) => book.learn(p),
      remove: (id) => book.remove(id),
      learnedEverywhere: () => book.learnedEverywhere(),
      learned: async () => {
        if (left-- > 0) throw new Error('the database is unreachable');
        return book.learned();
      },
    };
  }
  const answererWith = (phrasings: PhrasingBook) =>
    new QuestionAnswerer({
      index: new AnswerIndex(content),
      content,
      log: new MemoryAnswerLog(),
      phrasings,
      clock: () => now,
    });
  const asking = (a: QuestionAnswerer) =>
    a.ask({ text: question, userId: 'U1', conversation: 'C1:', source: 'dm' });

  it('are read before the first answer', async () => {
    const answerer = answererWith(await bookFailing(0));
    expect((await asking(answerer)).finding.best?.id).toBe(picked);
  });

  it('are read again after a failed read; only the question that started it fails', async () => {
    const answerer = answererWith(await bookFailing(2));
    // The read at start-up failed: this question goes on without it, the next one reads again.
    expect((await asking(answerer)).finding.learned).toBeUndefined();
    await expect(asking(answerer)).rejects.toThrow('the database is unreachable');
    expect((await asking(answerer)).finding.best?.id).toBe(picked);
    now = new Date(now.getTime() + LEARNED_REFRESH_MS + 1);
    expect((await asking(answerer)).finding.best?.id).toBe(picked);
  });
});

describe('learned phrasings, with many workspaces', () => {
  it("answer only the workspace that taught them, each workspace's read and refreshed on its own", async () => {
    const question = 'where do container writes end up';
    const picked = 'tip:container-writable-layer-size';
    const { key = '' } = index.read(question);
    // Each workspace's phrasings as the store keeps them: read under the asking workspace.
    const books = { T1: new MemoryPhrasingBook(), T2: new MemoryPhrasingBook() };
    let team: keyof typeof books = 'T1';
    const reads: string[] = [];
    const book: PhrasingBook = {
      pick: (p) => books[team].pick(p),
      learn: (p) => books[team].learn(p),
      remove: (id) => books[team].remove(id),
      learnedEverywhere: () => books[team].learnedEverywhere(),
      learned: () => {
        reads.push(team);
        return books[team].learned();
      },
    };
    await books.T1.learn({ questionKey: key, question, answerId: picked, learnedAt: now });
    const answerer = new QuestionAnswerer({
      index: new AnswerIndex(content),
      content,
      log: new MemoryAnswerLog(),
      phrasings: book,
      clock: () => now,
      team: () => team,
    });
    const asking = () => answerer.ask({ text: question, userId: 'U1', conversation: 'C1:', source: 'dm' });
    expect((await asking()).finding.learned?.answerId).toBe(picked);
    team = 'T2';
    const other = await asking();
    expect(other.finding.learned).toBeUndefined();
    expect(other.finding.best?.id).not.toBe(picked);
    // Within the refresh interval each workspace's read is reused; after it, each is read again.
    team = 'T1';
    expect((await asking()).finding.learned?.answerId).toBe(picked);
    expect(reads).toEqual(['T1', 'T2']);
    now = new Date(now.getTime() + LEARNED_REFRESH_MS + 1);
    await asking();
    expect(reads).toEqual(['T1', 'T2', 'T1']);
  });
});

describe('with the database unavailable', () => {
  it('still answers from the content, without the buttons that need the answer stored', async () => {
    const down = () => Promise.reject(new StoreUnavailable('connect ECONNREFUSED 127.0.0.1:5432'));
    const offline = new QuestionAnswerer({
      index,
      content,
      log: {
        record: down,
        get: down,
        latest: down,
        vote: down,
        votesByAnswer: down,
        forgetUnvotedBefore: down,
      },
      phrasings: { pick: down, learn: down, learned: down, learnedEverywhere: down, remove: down },
      topicButtons: demoButton,
      clock: () => now,
    });
    const answered = await offline.ask({
      text: 'what is copy on write?',
      userId: 'U1',
      conversation: 'C1:',
      source: 'dm',
    });
    expect(answered.finding.best?.id).toBe('layers#what-is-copy-on-write');
    expect(answered.ref).toBeUndefined();
    expect(actions(answered.message)).not.toContain('feedback_up');
  });
});
