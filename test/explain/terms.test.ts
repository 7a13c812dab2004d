import { findComparison } from '../../src/explain/comparison';
import { termOf } from '../../src/explain/reading';
import { editDistance, Spelling } from '../../src/explain/spelling';
import { contentStems, isNoise, stem, tokenize } from '../../src/explain/terms';

describe('tokenize and stem', () => {
  it('splits words, drops contractions and keeps command-line flags too', () => {
    expect(tokenize("Why doesn't `docker run --rm` keep copy-on-write files?")).toEqual([
      'why',
      'doesn',
      'docker',
      'run',
      'rm',
      'keep',
      'copy',
      'on',
      'write',
      'files',
      '--rm',
    ]);
  });

  it.each([
    ['layers', 'layer'],
    ['images', 'imag'],
    ['image', 'imag'],
    ['deleting', 'delet'],
    ['deleted', 'delet'],
    ['stopped', 'stop'],
    ['running', 'run'],
    ['registries', 'registry'],
    ['modified', 'modify'],
    ['used', 'use'],
    ['class', 'class'],
    ['status', 'status'],
    ['overlay2', 'overlay2'],
  ])('%s → %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });

  it('leaves out stopwords, hashes and long numbers', () => {
    expect(contentStems('what is the sha256 3f1c0e9a7b2d of 12345 layers')).toEqual(['sha256', 'layer']);
    expect(isNoise('a830707172e8')).toBe(true);
    expect(isNoise('container')).toBe(false);
  });
});

describe('Spelling', () => {
  const spelling = new Spelling(['container', 'image', 'docker', 'registry', 'volumes', 'difference']);

  it.each([
    ['contianer', 'container'],
    ['imgae', 'image'],
    ['docekr', 'docker'],
    ['registery', 'registry'],
    ['voluems', 'volumes'],
    ['diffrence', 'difference'],
  ])('%s → %s', (typo, word) => {
    expect(spelling.correct(typo)).toBe(word);
  });

  it('leaves short words and far-off words alone', () => {
    expect(spelling.correct('img')).toBeUndefined();
    expect(spelling.correct('pasta')).toBeUndefined();
    expect(spelling.correct('kubernetes')).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit and gives up above the limit', () => {
    expect(editDistance('ab', 'ba', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('findComparison', () => {
  it.each([
    ["what's the difference between an image and a container?", ['an image', 'a container']],
    ['image vs container?', ['image', 'container']],
    ['container vs vm, which one is lighter?', ['container', 'vm']],
    ['how is a container different from a process?', ['a container', 'a process']],
    ['is an image the same as a container?', ['an image', 'a container']],
    ['what is the relationship between images and containers', ['images', 'containers']],
    ['compare tags and digests', ['tags', 'digests']],
  ])('%j compares %j', (question, sides) => {
    expect(findComparison(question)).toEqual(sides);
  });

  it.each(['what is an image?', 'how do I stop a container', ''])('%j is no comparison', (question) => {
    expect(findComparison(question)).toBeUndefined();
  });
});

describe('words that are also names of built-in object properties', () => {
  it('are read as plain words ("constructor", "toString", "__proto__")', () => {
    for (const word of ['constructor', 'tostring', '__proto__', 'hasownproperty'])
      expect(typeof termOf(word)).toBe('string');
  });
});
