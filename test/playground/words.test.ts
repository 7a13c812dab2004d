import { fromSlack, shellWords } from '../../src/playground/words';

const words = (line: string) => {
  const split = shellWords(line);
  if (!split.ok) throw new Error(split.problem);
  return split.words;
};
const problem = (line: string) => {
  const split = shellWords(line);
  return split.ok ? undefined : split.problem;
};

describe('shellWords', () => {
  it('splits like a POSIX shell: quotes, escapes, empty words', () => {
    expect(words(`run busybox sh -c 'echo $HOME; ls "a b" | wc -l'`)).toEqual([
      'run',
      'busybox',
      'sh',
      '-c',
      'echo $HOME; ls "a b" | wc -l',
    ]);
    expect(words(`echo "a b"c 'it''s' \\$x ''`)).toEqual(['echo', 'a bc', 'its', '$x', '']);
    expect(words('echo `id` # a comment'.replace('`id`', '\\`id\\`'))).toEqual(['echo', '`id`']);
    expect(words('ls /tmp/*')).toEqual(['ls', '/tmp/*']);
  });

  it.each([
    ['echo $(touch /tmp/x)', '`$(…)`'],
    ['echo "$(id)"', '`$(…)`'],
    ['echo `id`', 'Backticks'],
    ['echo "a`id`b"', 'Backticks'],
    ['echo a; rm -rf /', '`;`'],
    ['echo a && echo b', '`&&`'],
    ['echo a || echo b', '`||`'],
    ['echo a | sh', '`|`'],
    ['echo a > /etc/passwd', '`>`'],
    ['cat < /etc/passwd', '`<`'],
    ['sleep 1 &', '`&`'],
    ['echo $HOME', '`$HOME`'],
    [`echo $\{PATH}`, '`$PATH`'],
    ['echo "$USER"', '`$USER`'],
    ['(echo a)', '`(`'],
    ['echo a\necho b', 'line break'],
    ["echo 'unclosed", 'single-quoted'],
  ])('refuses what a shell on the host would act on: %j', (line, named) => {
    const said = problem(line);
    expect(said).toContain(named);
  });

  it('keeps the same syntax when it is quoted for the container', () => {
    expect(words(`sh -c 'echo $(id -u) \`date\`; true && false || echo $((6*7)) > /tmp/x'`)).toHaveLength(3);
  });
});

describe('fromSlack', () => {
  it('undoes what Slack does to a slash command', () => {
    expect(fromSlack('run busybox sh -c &quot;x&quot; &amp;&amp; &lt;b&gt;')).toBe(
      'run busybox sh -c &quot;x&quot; && <b>',
    );
    expect(fromSlack('`run busybox echo hi`')).toBe('run busybox echo hi');
    expect(fromSlack('```docker ps -a```')).toBe('docker ps -a');
    expect(fromSlack('run busybox echo “hello world” ‘x’')).toBe(`run busybox echo "hello world" 'x'`);
    expect(fromSlack('run busybox wget <https://example.com|example.com>')).toBe(
      'run busybox wget example.com',
    );
  });
});
