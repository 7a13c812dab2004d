import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { toSlack } from '../../src/render/blocks';
import { toText } from '../../src/render/text';
import { tipMessage } from '../../src/tips/message';
import { expectGolden } from '../helpers/golden';

const [tip] = loadContent(path.join(__dirname, '..', 'fixtures', 'content', 'valid')).tips;
if (!tip) throw new Error('the fixture tip is missing');

const actionIds = (message: ReturnType<typeof tipMessage>) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((button) => button.action) : []));

describe('tipMessage', () => {
  it('renders a private tip for Slack: title, sentences, example as code, where to learn more, buttons', () => {
    const slack = toSlack(tipMessage(tip, { audience: 'private' }));
    expectGolden('tip-private.blocks.json', `${JSON.stringify(slack, null, 2)}\n`);
    expect(JSON.stringify(slack)).toContain('```\\ndocker diff my-container\\n```');
    expect(JSON.stringify(slack)).toContain('`/docker diff`');
  });

  it('renders the daily post without a Share button, and mentions no one', () => {
    const message = tipMessage(tip, { audience: 'channel' });
    expect(actionIds(message)).toEqual(['tip_next', 'tip_explain']);
    expect(JSON.stringify(toSlack(message))).not.toMatch(/<!|<@/);
  });

  it('offers Share, Next tip and Explain more in private, pointing at the tip and its topic', () => {
    const message = tipMessage(tip, { audience: 'private' });
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => [b.label, b.value])).toEqual([
      ['Share in channel', 'tip:fixture-tip'],
      ['Next tip', 'fixture-tip'],
      ['Explain more', 'diff'],
    ]);
  });

  it('says who shared it', () => {
    const slack = JSON.stringify(toSlack(tipMessage(tip, { audience: 'channel', sharedBy: 'U0CAROL' })));
    expect(slack).toContain('<@U0CAROL> shared this from `/docker tip`');
  });

  it('renders for a terminal with what to type instead of buttons', () => {
    expectGolden('tip.txt', `${toText(tipMessage(tip, { audience: 'private' }))}\n`);
  });
});
