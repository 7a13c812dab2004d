import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent, slugify } from '../../src/content/load';
import { ContentError } from '../../src/errors';
import { thrown } from '../helpers/thrown';

const VALID = path.join(__dirname, '..', 'fixtures', 'content', 'valid');

/** A temporary copy of the valid fixture with one file replaced or removed. */
function brokenCopy(file: string, contents: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-content-'));
  fs.cpSync(VALID, dir, { recursive: true });
  const target = path.join(dir, file);
  if (contents === null) fs.rmSync(target);
  else fs.writeFileSync(target, contents);
  return dir;
}

const IMAGE = fs.readFileSync(path.join(VALID, 'topics', 'image.md'), 'utf8');
const TIP = fs.readFileSync(path.join(VALID, 'tips', 'fixture-tip.md'), 'utf8');

const loadError = (dir: string) => thrown(ContentError, () => loadContent(dir));

describe('loadContent', () => {
  it('loads topics with their sections and tips', () => {
    const content = loadContent(VALID);
    expect(content.topics.map((t) => t.id)).toEqual(['container', 'diff', 'image']);
    const image = content.topics.find((t) => t.id === 'image');
    expect(image?.sections.map((s) => s.id)).toEqual(['image#what-it-holds', 'image#try-it']);
    expect(image?.sections[1]?.body).toContain('docker image ls');
    expect(image?.demo).toBe('layers');
    expect(content.topics.find((t) => t.id === 'diff')?.compare?.rows).toHaveLength(2);
    expect(content.tips).toEqual([
      expect.objectContaining({ id: 'fixture-tip', topic: 'diff', file: 'content/tips/fixture-tip.md' }),
    ]);
  });

  it.each([
    [
      'a missing title',
      'topics/image.md',
      IMAGE.replace(/^title: .*\n/m, ''),
      'content/topics/image.md: title:',
    ],
    [
      'an unknown field',
      'topics/image.md',
      IMAGE.replace('demo: layers', 'demo: layers\nalias: [x]'),
      'content/topics/image.md: alias:',
    ],
    [
      'an id that is not the file name',
      'topics/image.md',
      IMAGE.replace('id: image', 'id: picture'),
      'content/topics/image.md: id:',
    ],
    [
      'aliases that are not a list',
      'topics/image.md',
      IMAGE.replace('aliases: [images, img]', 'aliases: images'),
      'content/topics/image.md: aliases:',
    ],
    [
      'an upper-case alias',
      'topics/image.md',
      IMAGE.replace('[images, img]', '[Images]'),
      'content/topics/image.md: aliases.0:',
    ],
    [
      'a related topic that does not exist',
      'topics/image.md',
      IMAGE.replace('related: [container, diff]', 'related: [ghost]'),
      'content/topics/image.md: related:',
    ],
    [
      'an alias another topic uses',
      'topics/image.md',
      IMAGE.replace('[images, img]', '[images, ctr]'),
      'content/topics/image.md: aliases:',
    ],
    [
      'broken YAML',
      'topics/image.md',
      IMAGE.replace('aliases: [images, img]', 'aliases: [images, img'),
      'content/topics/image.md: front matter:',
    ],
    ['no front matter', 'topics/image.md', '## Heading\nbody\n', 'content/topics/image.md: front matter:'],
    [
      'text before the first section',
      'topics/image.md',
      IMAGE.replace('## What it holds', 'Stray text.\n\n## What it holds'),
      'content/topics/image.md: body:',
    ],
    [
      'a level-3 heading',
      'topics/image.md',
      IMAGE.replace('## Try it', '### Try it'),
      'content/topics/image.md: body:',
    ],
    [
      'an unclosed code block',
      'topics/image.md',
      IMAGE.replace(/```\n$/, ''),
      'content/topics/image.md: body:',
    ],
    [
      'a section that is too long',
      'topics/image.md',
      IMAGE.replace('- one', `- ${'x'.repeat(2600)}`),
      'content/topics/image.md: body:',
    ],
    [
      'a summary over 200 characters',
      'topics/image.md',
      IMAGE.replace(/^summary: .*$/m, `summary: ${'y'.repeat(201)}`),
      'content/topics/image.md: summary:',
    ],
    [
      'a tip for a topic that does not exist',
      'tips/fixture-tip.md',
      TIP.replace('topic: diff', 'topic: ghost'),
      'content/tips/fixture-tip.md: topic:',
    ],
    [
      'a tip example with a prompt',
      'tips/fixture-tip.md',
      TIP.replace('example: docker', 'example: $ docker'),
      'content/tips/fixture-tip.md: example:',
    ],
    [
      'a tip body that is too short',
      'tips/fixture-tip.md',
      TIP.replace(/---\n[^-]+$/, '---\nToo short.\n'),
      'content/tips/fixture-tip.md: body:',
    ],
  ])('refuses %s, naming the file and the field', (_name, file, contents, prefix) => {
    expect(loadError(brokenCopy(file, contents)).message.startsWith(prefix)).toBe(true);
  });

  it('refuses a content folder with no topics', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-empty-'));
    expect(loadError(dir).message).toMatch(/no topic files/);
  });

  it('makes section ids from headings', () => {
    expect(slugify('Can I change an image after building it?')).toBe(
      'can-i-change-an-image-after-building-it',
    );
  });
});
