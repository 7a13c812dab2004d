import { CommandRouter } from '../../src/commands/router';
import { topicAnswer } from '../../src/explain/answers';
import { markdownToText, toText, wrap } from '../../src/render/text';
import { fixtureIndex, fixtureTopic } from '../helpers/fixture-content';
import { expectGolden } from '../helpers/golden';

describe('toText', () => {
  it('renders a topic for a terminal', () => {
    expectGolden('topic-image.txt', `${toText(topicAnswer(fixtureTopic('image')))}\n`);
  });

  it('renders the comparison as a table', () => {
    const text = toText(topicAnswer(fixtureTopic('diff')));
    expectGolden('topic-diff.txt', `${text}\n`);
    expect(text).toMatch(/Purpose\s+\| A template\s+\| A running instance/);
  });

  it('renders help', () => {
    expectGolden('help.txt', `${toText(new CommandRouter({ topics: fixtureIndex }).help())}\n`);
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
