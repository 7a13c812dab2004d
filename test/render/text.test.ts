import { CommandRouter } from '../../src/commands/router';
import { topicAnswer } from '../../src/explain/answers';
import { markdownToText, toText, viewToText, wrap } from '../../src/render/text';
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

describe('the blocks the next features need, as text', () => {
  it('lists the options of a choice with what to type, and fields as label: value lines', () => {
    const text = toText({
      text: 'quiz',
      blocks: [
        {
          type: 'choice',
          text: 'Which one is **read-only**?',
          action: 'quiz_answer',
          control: 'radio',
          options: [
            { label: 'The image', value: 'a', description: 'its layers' },
            { label: 'The container', value: 'b' },
          ],
          initial: 'b',
          hint: 'type `/docker quiz a` or `/docker quiz b`',
        },
        { type: 'fields', fields: [{ label: 'Score', text: '**3** of 5' }] },
      ],
    });
    expect(text).toBe(
      'Which one is read-only?\n  1. The image (its layers)\n  2. The container (chosen)\n→ type `/docker quiz a` or `/docker quiz b`\n\nScore: 3 of 5',
    );
  });

  it('shows a modal with its title as the header', () => {
    expect(viewToText({ type: 'modal', title: 'Quiz', blocks: [{ type: 'markdown', text: 'Ready?' }] })).toBe(
      'Quiz\n====\n\nReady?',
    );
  });
});
