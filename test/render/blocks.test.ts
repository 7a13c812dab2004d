import { CommandRouter } from '../../src/commands/router';
import { topicAnswer, unknownTopicAnswer } from '../../src/explain/answers';
import {
  actionIdPattern,
  escapeSlack,
  SLACK_LIMITS,
  toMrkdwn,
  toSlack,
  toSlackView,
} from '../../src/render/blocks';
import { fixtureIndex, fixtureTopic } from '../helpers/fixture-content';
import { expectGolden } from '../helpers/golden';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('toMrkdwn', () => {
  it.each([
    ['**bold** and _italic_', '*bold* and _italic_'],
    ['`docker ps` shows `<none>`', '`docker ps` shows `&lt;none&gt;`'],
    ['[the docs](https://docs.docker.com/x)', '<https://docs.docker.com/x|the docs>'],
    ['- one\n- two', '• one\n• two'],
    ['1. first', '1. first'],
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['```console\n$ docker run <image>\n```', '```\n$ docker run &lt;image&gt;\n```'],
    ['<!channel> <@U123> <!here>', '&lt;!channel&gt; &lt;@U123&gt; &lt;!here&gt;'],
    ['snake_case_name stays', 'snake_case_name stays'],
  ])('%j → %j', (markdown, mrkdwn) => {
    expect(toMrkdwn(markdown)).toBe(mrkdwn);
  });

  it('never lets a link target break out of its angle brackets', () => {
    expect(toMrkdwn('[x](https://a.example/|<!channel>)')).not.toContain('<!channel>');
  });
});

describe('escapeSlack', () => {
  it('escapes exactly the three control characters', () => {
    expect(escapeSlack('<@U1> & <!everyone>')).toBe('&lt;@U1&gt; &amp; &lt;!everyone&gt;');
  });
});

describe('toSlack', () => {
  it('renders a topic with a header, sections, related hints and a Share button', () => {
    expectGolden('topic-image.blocks.json', json(toSlack(topicAnswer(fixtureTopic('image')))));
  });

  it('renders the comparison as two-column fields', () => {
    const rendered = toSlack(topicAnswer(fixtureTopic('diff')));
    expectGolden('topic-diff.blocks.json', json(rendered));
    const rows = rendered.blocks.filter((b) => Array.isArray(b.fields));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.fields).toHaveLength(2);
  });

  it('renders a shared topic with who shared it and no Share button', () => {
    const rendered = toSlack(topicAnswer(fixtureTopic('container'), { sharedBy: 'U0ALICE' }));
    expectGolden('topic-container-shared.blocks.json', json(rendered));
    expect(JSON.stringify(rendered)).toContain('<@U0ALICE> shared this');
    expect(JSON.stringify(rendered)).not.toContain('"action_id":"share"');
  });

  it('renders help from the topics and subcommands', () => {
    expectGolden('help.blocks.json', json(toSlack(new CommandRouter({ topics: fixtureIndex }).help())));
  });

  it('renders an unknown word escaped, quoted and bounded', () => {
    const rendered = toSlack(unknownTopicAnswer(`imgae <!channel> <b> ${'x'.repeat(200)}`, fixtureIndex));
    expectGolden('unknown.blocks.json', json(rendered));
    const all = JSON.stringify(rendered);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;b&gt;');
  });

  it('ignores a sharer id that is not a Slack user id', () => {
    const rendered = toSlack(topicAnswer(fixtureTopic('image'), { sharedBy: '!channel' }));
    expect(JSON.stringify(rendered)).not.toContain('<!channel>');
  });

  it('splits long markdown into several sections within the limit', () => {
    const long = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} ${'word '.repeat(60)}`).join('\n\n');
    const rendered = toSlack({ text: 'long', blocks: [{ type: 'markdown', text: long }] });
    expect(rendered.blocks.length).toBeGreaterThan(1);
    for (const block of rendered.blocks) {
      expect((block.text as { text: string }).text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
  });
});

describe('the blocks the next features need', () => {
  const quiz = {
    type: 'choice' as const,
    text: 'Which one is **read-only**?',
    action: 'quiz_answer',
    control: 'radio' as const,
    options: [
      { label: 'The image', value: 'q1:a', description: 'its layers' },
      { label: 'The container', value: 'q1:b' },
    ],
    initial: 'q1:b',
  };

  it('renders radio buttons and a static select as a section accessory', () => {
    const [radio] = toSlack({ text: 'quiz', blocks: [quiz] }).blocks;
    expect(radio).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Which one is *read-only*?' },
      accessory: {
        type: 'radio_buttons',
        action_id: 'quiz_answer',
        options: [
          {
            text: { type: 'plain_text', text: 'The image', emoji: true },
            value: 'q1:a',
            description: { type: 'plain_text', text: 'its layers', emoji: true },
          },
          { text: { type: 'plain_text', text: 'The container', emoji: true }, value: 'q1:b' },
        ],
        initial_option: { text: { type: 'plain_text', text: 'The container', emoji: true }, value: 'q1:b' },
      },
    });
    const many = Array.from({ length: 120 }, (_, i) => ({ label: `Step ${i}`, value: `s${i}` }));
    const [select] = toSlack({
      text: 'tour',
      blocks: [{ ...quiz, control: 'select', options: many, initial: undefined, placeholder: 'Pick a step' }],
    }).blocks;
    const accessory = select?.accessory as {
      type: string;
      options: unknown[];
      placeholder: { text: string };
    };
    expect(accessory.type).toBe('static_select');
    expect(accessory.options).toHaveLength(SLACK_LIMITS.selectOptions);
    expect(accessory.placeholder.text).toBe('Pick a step');
  });

  it('renders fields as one section of label–value pairs, escaped', () => {
    expect(
      toSlack({
        text: 'x',
        blocks: [{ type: 'fields', fields: [{ label: 'Status <b>', text: '`running`' }] }],
      }).blocks,
    ).toEqual([{ type: 'section', fields: [{ type: 'mrkdwn', text: '*Status &lt;b&gt;*\n`running`' }] }]);
  });

  it('renders the App Home and a modal as views', () => {
    expect(toSlackView({ type: 'home', blocks: [{ type: 'divider' }] })).toEqual({
      type: 'home',
      blocks: [{ type: 'divider' }],
    });
    expect(
      toSlackView({
        type: 'modal',
        title: 'A quiz about images and containers',
        blocks: [quiz],
        submit: 'Answer',
        callbackId: 'quiz',
      }),
    ).toEqual(
      expect.objectContaining({
        type: 'modal',
        title: { type: 'plain_text', text: 'A quiz about images and…', emoji: true },
        submit: { type: 'plain_text', text: 'Answer', emoji: true },
        callback_id: 'quiz',
      }),
    );
  });
});

describe('the blocks the learning path needs', () => {
  it('gives repeated action ids in one block a suffix Slack accepts, and routes every form back', () => {
    const rendered = toSlack({
      text: 'quiz',
      blocks: [
        {
          type: 'actions',
          buttons: [
            { action: 'quiz_answer', label: 'A', value: 'q:1:1' },
            { action: 'quiz_answer', label: 'B', value: 'q:1:2' },
            { action: 'quiz_next', label: 'Next', value: 'next' },
            { action: 'quiz_answer', label: 'C', value: 'q:1:3' },
          ],
        },
        { type: 'actions', buttons: [{ action: 'quiz_answer', label: 'D', value: 'q:1:4' }] },
      ],
    });
    const ids = rendered.blocks.map((b) => (b.elements as { action_id: string }[]).map((e) => e.action_id));
    expect(ids).toEqual([['quiz_answer', 'quiz_answer:2', 'quiz_next', 'quiz_answer:3'], ['quiz_answer']]);
    const pattern = actionIdPattern('quiz_answer');
    expect(ids.flat().filter((id) => pattern.test(id))).toHaveLength(4);
    expect(pattern.test('quiz_answers')).toBe(false);
    expect(actionIdPattern('a.b').test('axb')).toBe(false);
  });

  it('renders channels as links, leaving out anything that is not a channel id', () => {
    const [block] = toSlack({
      text: 'tips',
      blocks: [
        { type: 'channels', label: 'Channels with daily tips', ids: ['C0AAA111', '<!here>', 'G0BBB222'] },
      ],
    }).blocks;
    expect(block).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Channels with daily tips*\n<#C0AAA111> · <#G0BBB222>' },
    });
    const [none] = toSlack({ text: '', blocks: [{ type: 'channels', label: 'Tips', ids: [] }] }).blocks;
    expect(JSON.stringify(none)).toContain('_none_');
  });
});
