import { firstChangedLine, Printer } from '../../src/console/printer';
import type { Message } from '../../src/message';

const msg = (text: string): Message => ({ text, blocks: [] });
const screen = () => {
  const written: string[] = [];
  return { written, screen: { write: (s: string) => written.push(s), rows: 40 } };
};

describe('firstChangedLine', () => {
  it('finds where two renderings part', () => {
    expect(firstChangedLine(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1);
    expect(firstChangedLine(['a', 'b'], ['a', 'b', 'c'])).toBe(2);
    expect(firstChangedLine(['a'], ['a'])).toBe(1);
  });
});

describe('Printer in a pipe', () => {
  it('adds only the lines from the first change on, like a log', async () => {
    const { written, screen: s } = screen();
    const printer = new Printer(s, (m) => m.text, false);
    const posted = printer.show(msg('Demo\n⏳ 1/2 first'));
    await posted.update(msg('Demo\n✓ 1/2 first\n⏳ 2/2 second'));
    await posted.update(msg('Demo\n✓ 1/2 first\n⏳ 2/2 second'));
    await posted.update(msg('Demo\n✓ 1/2 first\n✓ 2/2 second\nDone'));
    expect(written.join('')).toBe(
      'Demo\n⏳ 1/2 first\n\n✓ 1/2 first\n⏳ 2/2 second\n\n✓ 2/2 second\nDone\n\n',
    );
  });

  it('prints the whole message again when something else was printed since', async () => {
    const { written, screen: s } = screen();
    const printer = new Printer(s, (m) => m.text, false);
    const posted = printer.show(msg('A\nB'));
    printer.note('in between');
    await posted.update(msg('A\nC'));
    expect(written.join('')).toBe('A\nB\n\nin between\n\nA\nC\n\n');
  });
});

describe('Printer on a terminal', () => {
  it('moves the cursor back to the first changed line, clears below and redraws from there', async () => {
    const { written, screen: s } = screen();
    const printer = new Printer(s, (m) => m.text, true);
    const posted = printer.show(msg('Demo\n⏳ 1/2 first'));
    await posted.update(msg('Demo\n✓ 1/2 first\n⏳ 2/2 second'));
    expect(written.slice(1)).toEqual(['\x1b[2F\x1b[J', '✓ 1/2 first\n⏳ 2/2 second\n\n']);
  });
});
