import { ago, cliTable } from '../../src/lab/format';
import { capOutput, formatTemplate, psTable } from '../../src/playground/format';
import { Namespace } from '../../src/playground/names';
import { baseNames } from '../../src/playground/service';

describe('the CLI layout', () => {
  it('pads columns like Go’s tabwriter (min 10, padding 3), the last one not', () => {
    expect(
      cliTable([
        ['REPOSITORY', 'TAG', 'SIZE'],
        ['busybox', 'latest', '1.99MB'],
      ]),
    ).toBe('REPOSITORY   TAG       SIZE\nbusybox      latest    1.99MB');
  });

  it('prints ps with IDs shortened to 12 and COMMAND quoted and cut to 20', () => {
    const now = 1_800_000_000_000;
    const table = psTable(
      [
        {
          id: 'a'.repeat(64),
          image: 'busybox',
          command: "sh -c 'while true; do date; done'",
          created: now / 1000 - 90,
          status: 'Up About a minute',
          name: 'web',
        },
      ],
      now,
    );
    expect(table.split('\n')[1]).toBe(
      `${'a'.repeat(12)}   busybox   "sh -c 'while true; …"   About a minute ago   Up About a minute             web`,
    );
    expect(psTable([], now, true)).toBe('');
  });

  it('says how long ago as the CLI does', () => {
    expect([0.5, 1, 42, 61, 600, 3600, 7200, 86_400 * 3].map(ago)).toEqual([
      'Less than a second ago',
      '1 second ago',
      '42 seconds ago',
      'About a minute ago',
      '10 minutes ago',
      'About an hour ago',
      '2 hours ago',
      '3 days ago',
    ]);
  });
});

describe('capOutput', () => {
  it('keeps 40 lines and says what was cut', () => {
    const lines = Array.from({ length: 100 }, (_, i) => String(i + 1)).join('\n');
    const capped = capOutput(lines);
    expect(capped.text.split('\n')).toHaveLength(40);
    expect(capped.cut).toMatch(/^60 more lines \(\d+B\) not shown: answers show at most 40 lines or 3 KB\.$/);
    expect(capOutput('short\n')).toEqual({ text: 'short' });
  });

  it('keeps 3 KB, even of one long line', () => {
    const capped = capOutput('x'.repeat(10_000));
    expect(capped.text.length).toBe(3072);
    expect(capped.cut).toContain('not shown');
  });
});

describe('formatTemplate', () => {
  const view = { Id: 'abc', State: { Status: 'running', Running: true }, Config: { Cmd: ['sleep', '60'] } };

  it('looks fields up and prints them as Go does', () => {
    expect(formatTemplate('{{.Id}} {{ .State.Status }} {{.Config.Cmd}} {{json .Config.Cmd}}', view)).toEqual({
      text: 'abc running [sleep 60] ["sleep","60"]',
    });
    expect(formatTemplate('{{.State}}', view)).toEqual({ text: 'map[Running:true Status:running]' });
  });

  it.each(['{{.Id | printf "%s"}}', '{{range .Config.Cmd}}x{{end}}', '{{call .Id}}', '{{.Nope}}'])(
    'refuses %s without evaluating anything',
    (template) => {
      expect(formatTemplate(template, view)).toEqual({ problem: expect.stringContaining('{{.Id}}') });
    },
  );
});

describe('Namespace', () => {
  it('gives each person names of their own, and takes the prefixes out of engine messages', () => {
    const alice = new Namespace('T1:UALICE');
    const bob = new Namespace('T1:UBOB');
    expect(alice.containerName('web')).not.toBe(bob.containerName('web'));
    expect(alice.shownContainer(`/${alice.containerName('web')}`)).toBe('web');
    expect(bob.shownContainer(alice.containerName('web'))).toBeUndefined();
    expect(alice.shownImage(`${alice.imageRepo('my/img')}:1`)).toEqual({ repo: 'my/img', tag: '1' });
    expect(bob.shownImage(`${alice.imageRepo('img')}:1`)).toBeUndefined();
    expect(alice.unmask(`No such image: ${alice.imageRepo('x')}:1`)).toBe('No such image: x:1');
    expect(alice.containerName('web')).not.toContain('ALICE');
  });
});

describe('baseNames', () => {
  it('offers the demo image under its repository’s name and its pinned tag', () => {
    expect(baseNames('busybox:1.36.1')).toEqual({ repo: 'busybox', tags: ['latest', '1.36.1'] });
    expect(baseNames('registry.local:5000/tools/busybox')).toEqual({ repo: 'busybox', tags: ['latest'] });
  });
});
