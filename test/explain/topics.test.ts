import { fixtureIndex as index } from '../helpers/fixture-content';

describe('TopicIndex.resolve', () => {
  it.each([
    ['image', 'image'],
    ['IMAGE', 'image'],
    ['  Images  ', 'image'],
    ['img', 'image'],
    ['ｉｍａｇｅ', 'image'],
    ['image?', 'image'],
    ['the image', 'image'],
    ['docker container', 'container'],
    ['Containers!', 'container'],
    ['vs', 'diff'],
    ['image vs container', 'diff'],
    ['Image  VS  Container', 'diff'],
    ['difference', 'diff'],
  ])('%j → %s', (typed, id) => {
    expect(index.resolve(typed)?.id).toBe(id);
  });

  it.each(['imgae layers', 'pasta', '', '; rm -rf /', '<!channel>'])('%j names no topic', (typed) => {
    expect(index.resolve(typed)).toBeUndefined();
  });
});

describe('TopicIndex.suggest', () => {
  it.each([
    ['imgae', 'image'],
    ['contaner', 'container'],
    ['containr', 'container'],
    ['dif', 'diff'],
    ['differnce', 'diff'],
  ])('suggests %s → %s first', (typed, id) => {
    expect(index.suggest(typed)[0]?.id).toBe(id);
  });

  it('suggests nothing for words far from every topic', () => {
    expect(index.suggest('kubernetes')).toEqual([]);
    expect(index.suggest('')).toEqual([]);
  });

  it('lists each topic once', () => {
    const ids = index.suggest('imag').map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('TopicIndex.suggest with several words', () => {
  it('finds a topic from any one misspelt word', () => {
    expect(index.suggest('tell me about imgae layers')[0]?.id).toBe('image');
  });
});
