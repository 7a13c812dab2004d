import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { DEMOS, DemoCatalogue } from '../../src/demos/catalogue';
import { loadNarratives } from '../../src/demos/narratives';
import { ContentError } from '../../src/errors';
import { tempDir } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';

const GOOD = `---
id: diff
title: A title
summary: A summary.
topic: diff
try: "\`/docker try run busybox echo hello\`"
---

## Intro

First line of the intro
wrapped onto a second.

A second paragraph.

## Outro

The end.
`;

/** Loads a content folder holding one demo narrative with this text. */
function loadOne(name: string, text: string) {
  const dir = tempDir('dx-demos-');
  fs.mkdirSync(path.join(dir.dir, 'demos'));
  fs.writeFileSync(path.join(dir.dir, 'demos', name), text);
  try {
    return loadNarratives(dir.dir);
  } finally {
    dir.cleanup();
  }
}

const errorOf = (run: () => unknown) => thrown(ContentError, run);

describe('demo narratives', () => {
  it('load with their intro and outro, wrapped lines joined into paragraphs', () => {
    const [narrative] = loadOne('diff.md', GOOD);
    expect(narrative).toEqual({
      id: 'diff',
      title: 'A title',
      summary: 'A summary.',
      topic: 'diff',
      intro: 'First line of the intro wrapped onto a second.\n\nA second paragraph.',
      outro: 'The end.',
      try: '`/docker try run busybox echo hello`',
      file: 'content/demos/diff.md',
    });
  });

  it.each([
    [
      'an unknown field',
      GOOD.replace('topic: diff', 'topic: diff\ncolour: blue'),
      'content/demos/diff.md: colour: unknown field(s)',
    ],
    ['a missing title', GOOD.replace('title: A title\n', ''), 'content/demos/diff.md: title:'],
    [
      'a try line with no playground command',
      GOOD.replace('`/docker try run busybox echo hello`', 'try it'),
      'content/demos/diff.md: try: must name a `/docker try …` command',
    ],
    [
      'an id unlike the file name',
      GOOD.replace('id: diff', 'id: other'),
      'content/demos/diff.md: id: "other" must match',
    ],
    [
      'no outro',
      GOOD.slice(0, GOOD.indexOf('## Outro')),
      'content/demos/diff.md: body: "## Outro" is missing',
    ],
    [
      'another section',
      GOOD.replace('## Outro', '## Middle'),
      'content/demos/diff.md: body: expected one "## Intro"',
    ],
    ['no front matter', '## Intro\n\nx\n', 'content/demos/diff.md: front matter: is missing'],
    [
      'text before the intro',
      GOOD.replace('## Intro', 'Hello\n\n## Intro'),
      'text must start with "## Intro"',
    ],
  ])('refuse %s, naming the file and the field', (_case, text, message) => {
    expect(errorOf(() => loadOne('diff.md', text)).message).toContain(message);
  });
});

describe('the demo catalogue', () => {
  const narratives = loadNarratives();
  const { topics } = loadContent();

  it('has a narrative for every demo and a demo for every narrative', () => {
    const catalogue = new DemoCatalogue(DEMOS, narratives);
    expect(catalogue.ids()).toEqual(['diff', 'layers', 'many', 'lifecycle', 'commit']);
    expect(narratives.map((n) => n.id).sort()).toEqual([...catalogue.ids()].sort());
    expect(() => catalogue.checkTopics(topics)).not.toThrow();
  });

  it('stops start-up when a demo has no narrative, or a narrative no demo', () => {
    expect(errorOf(() => new DemoCatalogue(DEMOS, narratives.slice(1))).message).toBe(
      'content/demos/commit.md: file: is missing: demo "commit" needs its narrative',
    );
    const stray = {
      ...(narratives[0] as (typeof narratives)[0]),
      id: 'ghost',
      file: 'content/demos/ghost.md',
    };
    expect(errorOf(() => new DemoCatalogue(DEMOS, [...narratives, stray])).message).toBe(
      'content/demos/ghost.md: id: there is no demo "ghost" in the catalogue',
    );
  });

  it("checks every topic's demo field and every narrative's topic", () => {
    const catalogue = new DemoCatalogue(DEMOS, narratives);
    const linked = Object.fromEntries(topics.filter((t) => t.demo).map((t) => [t.id, t.demo]));
    expect(linked).toEqual(
      expect.objectContaining({
        image: 'layers',
        container: 'many',
        diff: 'diff',
        lifecycle: 'lifecycle',
        commit: 'commit',
      }),
    );
    const broken = topics.map((t) => (t.id === 'image' ? { ...t, demo: 'imagez' } : t));
    expect(errorOf(() => catalogue.checkTopics(broken)).message).toMatch(
      /^content\/topics\/image\.md: demo: there is no demo "imagez"/,
    );
    expect(errorOf(() => catalogue.checkTopics(topics.filter((t) => t.id !== 'lifecycle'))).message).toBe(
      'content/demos/lifecycle.md: topic: there is no topic "lifecycle"',
    );
  });

  it('suggests the closest demo for a typo', () => {
    const catalogue = new DemoCatalogue(DEMOS, narratives);
    expect(catalogue.suggest('difff').map((e) => e.demo.id)).toEqual(['diff']);
    expect(catalogue.suggest('lifecycel').map((e) => e.demo.id)).toEqual(['lifecycle']);
    expect(catalogue.suggest('kubernetes')).toEqual([]);
  });
});
