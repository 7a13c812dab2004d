import { loadContent } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import { loadTourSteps } from '../../src/tour/steps';
import { contentErrorWith } from '../helpers/content-copy';

const { topics } = loadContent();
const demoIds = DEMOS.map((d) => d.id);

describe('the tour in content/tour', () => {
  const steps = loadTourSteps(topics, demoIds);

  it('has at least 7 steps, from what an image is to the everyday workflow, in order', () => {
    expect(steps.length).toBeGreaterThanOrEqual(7);
    expect(steps[0]?.topic).toBe('image');
    expect(steps[1]?.topic).toBe('container');
    expect(steps[steps.length - 1]?.topic).toBe('workflow');
    expect(steps.map((s) => s.order)).toEqual([...steps.map((s) => s.order)].sort((a, b) => a - b));
    expect(steps.map((s) => s.topic)).toEqual(
      expect.arrayContaining(['diff', 'layers', 'lifecycle', 'commit']),
    );
  });

  it.each(steps.map((s) => [s.file, s]))(
    '%s: a demo, a topic and one check question with 3 or 4 options',
    (_file, step) => {
      expect(demoIds).toContain(step.demo);
      expect(topics.map((t) => t.id)).toContain(step.topic);
      expect(step.check.options.length).toBeGreaterThanOrEqual(3);
      expect(step.check.options.length).toBeLessThanOrEqual(4);
      expect(step.check.options[step.check.answer - 1]).toBeDefined();
    },
  );

  it('does not always put the right answer in the same place', () => {
    const places = new Set(steps.map((s) => s.check.answer));
    expect(places.size).toBeGreaterThanOrEqual(3);
  });
});

describe('a broken tour step stops start-up naming the file and the field', () => {
  const FILE = 'tour/layers.md';
  it.each([
    ['a missing title', (t: string) => t.replace(/^title: .*\n/m, ''), 'content/tour/layers.md: title:'],
    [
      'an unknown topic',
      (t: string) => t.replace('topic: layers', 'topic: lasagna'),
      'content/tour/layers.md: topic: no topic "lasagna"',
    ],
    [
      'an unknown demo',
      (t: string) => t.replace('demo: layers', 'demo: lasers'),
      'content/tour/layers.md: demo: no demo "lasers"',
    ],
    [
      'an answer past the options',
      (t: string) => t.replace(/^ {2}answer: \d$/m, '  answer: 7'),
      'content/tour/layers.md: check.answer: must be the number of an option, from 1 to 3',
    ],
    [
      'two options only',
      (t: string) => t.replace(/^ {4}- "Docker merges.*\n/m, '').replace(/^ {2}answer: 3$/m, '  answer: 2'),
      'content/tour/layers.md: check.options: must list 3 or 4 options',
    ],
    [
      'an order another step has',
      (t: string) => t.replace('order: 4', 'order: 3'),
      'order: 3 is also the order of',
    ],
    [
      'a heading in the body',
      (t: string) => t.replace('An image is a stack', '## Layers\n\nAn image is a stack'),
      'content/tour/layers.md: body: must be paragraphs',
    ],
    [
      'a field nobody reads',
      (t: string) => t.replace('topic: layers', 'topic: layers\nvideo: x'),
      'content/tour/layers.md: video: unknown field(s) video',
    ],
  ])('%s', async (_what, edit, message) => {
    expect(await contentErrorWith(FILE, edit, (dir) => loadTourSteps(topics, demoIds, dir))).toContain(
      message,
    );
  });
});
