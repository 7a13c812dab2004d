import path from 'node:path';
import { CommandRouter } from '../../src/commands/router';
import { loadContent } from '../../src/content/load';
import { topicAnswer } from '../../src/explain/answers';
import { TopicIndex } from '../../src/explain/topics';
import { markdownToText, toText, wrap } from '../../src/render/text';
import { expectGolden } from '../helpers/golden';

const index = new TopicIndex(loadContent(path.join(__dirname, '..', 'fixtures', 'content', 'valid')).topics);
const topic = (id: string) => {
  const found = index.get(id);
  if (!found) throw new Error(`fixture topic ${id} is missing`);
  return found;
};

describe('toText', () => {
  it('renders a topic for a terminal', () => {
    expectGolden('topic-image.txt', `${toText(topicAnswer(topic('image')))}\n`);
  });

  it('renders the comparison as a table', () => {
    const text = toText(topicAnswer(topic('diff')));
    expectGolden('topic-diff.txt', `${text}\n`);
    expect(text).toMatch(/Purpose\s+\| A template\s+\| A running instance/);
  });

  it('renders help', () => {
    expectGolden('help.txt', `${toText(new CommandRouter({ topics: index }).help())}\n`);
  });

  it('shows buttons with a hint as commands to type, and drops the rest', () => {
    const text = toText({
      text: 'x',
      blocks: [
        {
          type: 'actions',
          buttons: [
            { action: 'share', label: 'Share in channel', value: 'topic:image' },
            { action: 'run_demo', label: 'Run the demo', value: 'diff', hint: '/docker demo diff' },
          ],
        },
      ],
    });
    expect(text).toBe('→ Run the demo: /docker demo diff');
  });

  it('uses ANSI styles only when asked', () => {
    expect(markdownToText('**bold** `code`', { color: true, width: 80 })).toBe(
      '\x1b[1mbold\x1b[0m \x1b[36mcode\x1b[0m',
    );
    expect(markdownToText('**bold** `code`')).toBe('bold `code`');
  });
});

describe('wrap', () => {
  it('wraps at spaces within the width', () => {
    const lines = wrap('one two three four five six seven', 10);
    expect(lines).toEqual(['one two', 'three four', 'five six', 'seven']);
  });
});
