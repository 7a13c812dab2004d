import { loadContent } from '../../src/content/load';
import { ANSWER_INSTEAD } from '../../src/explain/actions';
import { LEARNED_REFRESH_MS, QuestionAnswerer } from '../../src/explain/ask';
import { plainQuestion } from '../../src/explain/question';
import { AnswerIndex, THRESHOLD } from '../../src/explain/search';
import type { Button, Message } from '../../src/message';
import { toText } from '../../src/render/text';
import { SqlitePhrasingBook } from '../../src/store/phrasings';
import { SqliteAnswerLog } from '../../src/store/questions';
import { Store } from '../../src/store/store';
import questions from '../fixtures/questions.json';
import { tempDir } from '../helpers/temp-dir';

const content = loadContent();
let data: ReturnType<typeof tempDir>;
let store: Store;
let now: Date;
let index: AnswerIndex;
let answerer: QuestionAnswerer;

/** A fresh index each time: learned phrasings live in it. */
function open(): void {
  store = Store.open(data.dir);
  index = new AnswerIndex(content);
  answerer = new QuestionAnswerer({
    index,
    content,
    log: new SqliteAnswerLog(store),
    phrasings: new SqlitePhrasingBook(store),
    clock: () => now,
  });
}

beforeEach(() => {
  data = tempDir('dx-tiers-');
  now = new Date('2026-03-01T12:00:00Z');
  open();
});
afterEach(() => {
  store.close();
  data.cleanup();
});

const buttons = (message: Message): Button[] =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
const instead = (message: Message) => buttons(message).filter((b) => b.action === ANSWER_INSTEAD);
const ask = (text: string, user = 'U1', source: 'mention' | 'dm' = 'mention', conversation = `C1:${text}`) =>
  answerer.ask({ text, userId: user, conversation, source });

/** A question from the question set that the index answers with the given confidence. */
function questionWith(confidence: 'medium' | 'low'): string {
  const q = (questions.answerable as { q: string; previous?: string }[]).find((x) => {
    if (x.previous) return false;
    const f = index.find(plainQuestion(x.q));
    return f.confidence === confidence && (confidence === 'medium' || f.offered.length === 3);
  });
  if (!q) throw new Error(`no question is answered with ${confidence} confidence`);
  return q.q;
}

describe('confidence tiers', () => {
  it('sure: the section alone, with no "did you mean"', async () => {
    const answered = await ask('what is copy on write?');
    expect(answered.finding.confidence).toBe('high');
    expect(answered.finding.score).toBeGreaterThanOrEqual(THRESHOLD.high);
    expect(instead(answered.message)).toEqual([]);
  });

  it('fairly sure: the section and up to two "Or did you mean" buttons for other sections', async () => {
    const answered = await ask(questionWith('medium'));
    expect(answered.answered).toBe(true);
    const offered = instead(answered.message);
    expect(offered.length).toBeGreaterThanOrEqual(1);
    expect(offered.length).toBeLessThanOrEqual(2);
    for (const b of offered) {
      expect(b.label).toMatch(/^Or did you mean: /);
      expect(b.label.length).toBeLessThanOrEqual(75);
      expect(b.value).toMatch(new RegExp(`^${answered.ref}:`));
      expect(b.value).not.toContain(answered.finding.best?.id);
    }
  });

  it('not sure: no answer, the cleaned question, three closest sections and a pointer to help', async () => {
    const text = questionWith('low');
    const answered = await ask(`<@U0BOT> ${text}`);
    expect(answered.answered).toBe(false);
    const shown = toText(answered.message);
    expect(shown).not.toContain('<@U0BOT>');
    expect(shown).toContain('/docker help');
    expect(shown).not.toContain('/docker analogy:');
    const offered = instead(answered.message);
    expect(offered).toHaveLength(3);
    expect(new Set(offered.map((b) => b.value)).size).toBe(3);
    // The buttons name the stored question, so a press can answer it.
    const ref = Number(offered[0]?.value.split(':')[0]);
    expect(
      (await answerer.choose(ref, offered[0]?.value.split(':').slice(1).join(':') ?? '', 'U2'))?.text,
    ).toBeTruthy();
  });

  it('an off-topic question right after a Docker one in the same conversation is still off-topic', async () => {
    await ask('how do I keep an image small', 'U1', 'mention', 'C1:same');
    const after = await ask('can you recommend a pasta recipe?', 'U1', 'mention', 'C1:same');
    expect(after.answered).toBe(false);
    expect(instead(after.message)).toEqual([]);
  });

  it('listen mode answers only when sure and says nothing otherwise', async () => {
    const unsure = await answerer.ask(
      { text: questionWith('medium'), userId: 'U1', conversation: 'C9:1', source: 'listen' },
      { minimum: 'high' },
    );
    expect(unsure.answered).toBe(false);
    expect(unsure.ref).toBeUndefined();
  });
});

describe('👎 and picks', () => {
  it('after 👎 the voter is offered the closest other sections', async () => {
    const { ref = -1, finding } = await ask('what is copy on write?');
    const reply = await answerer.feedback(ref, 'U2', false);
    expect(reply.text).toMatch(/needs work/);
    const offered = instead(reply);
    expect(offered.length).toBeGreaterThanOrEqual(1);
    expect(offered.length).toBeLessThanOrEqual(3);
    for (const b of offered) expect(b.value).not.toBe(`${ref}:${finding.best?.id}`);
    expect((await answerer.feedback(ref, 'U2', true)).blocks).toEqual([]);
  });

  it('a pick shows the section, and two people picking it teaches the question, across a restart', async () => {
    const question = 'where do container writes end up';
    const { ref = -1, finding } = await ask(question);
    const before = finding.best?.id;
    const picked = 'tip:container-writable-layer-size';
    expect(before).not.toBe(picked);
    const shown = await answerer.choose(ref, picked, 'U2');
    expect(toText(shown ?? { text: '', blocks: [] })).toContain(index.get(picked)?.heading ?? '?');
    expect((await ask(question)).finding.best?.id).toBe(before);
    await answerer.choose(ref, picked, 'U2');
    expect((await ask(question)).finding.learned).toBeUndefined();
    await answerer.choose(ref, picked, 'U3');
    const learned = await ask(question);
    expect(learned.finding.best?.id).toBe(picked);
    expect(learned.finding.learned?.question).toBe(question);
    expect(learned.finding.confidence).toBe('high');
    // The same question in other words order and case is the same question.
    expect((await ask('Container writes: where do they END UP?')).finding.best?.id).toBe(picked);

    store.close();
    open();
    expect((await ask(question)).finding.best?.id).toBe(picked);
  });

  it('in a DM, the asker alone can teach the bot their question', async () => {
    const question = 'how do I keep an image small';
    const { ref = -1, finding } = await ask(question, 'U1', 'dm');
    const other = finding.ranked.find((c) => c.doc.id !== finding.best?.id)?.doc.id ?? '';
    await answerer.choose(ref, other, 'U1');
    expect((await ask(question, 'U1', 'dm')).finding.best?.id).toBe(other);
  });

  it('votes cannot make the bot answer an off-topic question', async () => {
    const log = new SqliteAnswerLog(store);
    const ref = await log.record({
      question: 'can you recommend a pasta recipe?',
      answerId: '',
      score: 0,
      source: 'mention',
      conversation: 'C1:pasta',
      userId: 'U1',
      at: now,
    });
    for (const user of ['U2', 'U3', 'U4'])
      await answerer.choose(ref, 'analogy#the-recipe-and-the-dish', user);
    expect(await new SqlitePhrasingBook(store).learned()).toEqual([]);
    expect((await ask('can you recommend a pasta recipe?')).answered).toBe(false);
  });

  it('a learned phrasing never overrides a closer match from the content', async () => {
    const question = 'what is a docker image?';
    const { ref = -1, finding } = await ask(question);
    expect(finding.best?.id).toBe('image#what-is-a-docker-image');
    for (const user of ['U2', 'U3']) await answerer.choose(ref, 'tip:save-and-load-images', user);
    expect(await new SqlitePhrasingBook(store).learned()).toHaveLength(1);
    expect((await ask(question)).finding.best?.id).toBe('image#what-is-a-docker-image');
  });

  it('a phrasing an operator removes is forgotten by a running answerer within the refresh time', async () => {
    const question = 'where do container writes end up';
    const picked = 'tip:container-writable-layer-size';
    const { ref = -1, finding } = await ask(question);
    for (const user of ['U2', 'U3']) await answerer.choose(ref, picked, user);
    const book = new SqlitePhrasingBook(store);
    const [learned] = await book.learned();
    expect(await book.remove(learned?.id ?? -1)).toBe(true);
    expect((await ask(question)).finding.best?.id).toBe(picked);
    now = new Date(now.getTime() + LEARNED_REFRESH_MS + 1);
    expect((await ask(question)).finding.best?.id).toBe(finding.best?.id);
    // The picks behind it are gone too: one more pick does not learn it straight back.
    await answerer.choose(ref, picked, 'U4');
    expect(await book.learned()).toEqual([]);
  });
});
