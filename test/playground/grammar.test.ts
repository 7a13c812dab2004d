import fs from 'node:fs';
import path from 'node:path';
import { loadNarratives } from '../../src/demos/narratives';
import { parseCommand } from '../../src/playground/grammar';
import { playgroundUser, REFUSED_FLAGS } from '../../src/playground/policy';
import { shellWords } from '../../src/playground/words';

const parsed = (line: string) => {
  const result = parseCommand(line.split(' '));
  if (!result.ok) throw new Error(result.problem);
  return result.command;
};

describe('parseCommand', () => {
  it('reads options as the docker CLI does', () => {
    expect(parsed('run -d --name web -e A=1 --env=B=2 -w /tmp busybox sleep 60')).toEqual({
      verb: 'run',
      flags: { detach: true, name: 'web', env: ['A=1', 'B=2'], workdir: '/tmp' },
      args: ['busybox', 'sleep', '60'],
    });
    expect(parsed('ps -aq').flags).toEqual({ all: true, quiet: true });
    expect(parsed('rm -f a b').flags).toEqual({ force: true });
    expect(parsed('run --rm=false busybox').flags).toEqual({ rm: false });
  });

  it('ends run and exec options at the image or container: the rest is the command', () => {
    expect(parsed('run busybox ls -la --privileged').args).toEqual(['busybox', 'ls', '-la', '--privileged']);
    expect(parsed('exec -u 1000 box ps -ef').args).toEqual(['box', 'ps', '-ef']);
  });

  it('maps management commands to their verbs', () => {
    expect(parsed('image ls').verb).toBe('images');
    expect(parsed('container ls -a')).toEqual({ verb: 'ps', flags: { all: true }, args: [] });
    expect(parsed('image rm x').verb).toBe('rmi');
  });

  it.each(Object.keys(REFUSED_FLAGS))('refuses %s before the image, with its reason', (flag) => {
    for (const form of [`run ${flag} x busybox`, `run ${flag}=x busybox`]) {
      const result = parseCommand(form.split(' '));
      expect(result).toEqual(
        expect.objectContaining({ ok: false, refused: flag.startsWith('--') ? flag : flag.slice(0, 2) }),
      );
      if (!result.ok)
        expect(result.problem).toContain(`is refused in the playground: ${REFUSED_FLAGS[flag]}`);
    }
  });

  it('refuses loosening flags on exec and grouped with others', () => {
    expect(parseCommand(['exec', '--privileged', 'box', 'sh'])).toEqual(
      expect.objectContaining({ refused: '--privileged' }),
    );
    expect(parseCommand(['run', '-dit', 'busybox'])).toEqual(expect.objectContaining({ ok: false }));
    expect(parseCommand(['run', '-P', 'busybox'])).toEqual(expect.objectContaining({ refused: '-P' }));
  });

  it('names what is not supported, and what is', () => {
    const pull = parseCommand(['pull', 'alpine']);
    expect(pull.ok || pull.problem).toContain('Nothing can be pulled');
    const swarm = parseCommand(['swarm', 'init']);
    expect(swarm.ok || swarm.problem).toContain('It understands: run, ps, exec');
    const unknown = parseCommand(['run', '--hostname', 'x', 'busybox']);
    expect(unknown.ok || unknown.problem).toContain('unknown flag: --hostname');
    const missing = parseCommand(['run', '--name']);
    expect(missing.ok || missing.problem).toContain('flag needs an argument: --name');
    const few = parseCommand(['exec', 'box']);
    expect(few.ok || few.problem).toContain('"docker exec" requires at least 2 arguments');
  });
});

describe('playgroundUser', () => {
  it.each(['0', 'root', '0:0', '1000:0', '0:1000', 'root:root', 'daemon', '00'])('refuses %j', (user) => {
    expect(playgroundUser(user)).toEqual({ problem: expect.stringContaining('user') });
  });
  it('accepts nobody and other numeric IDs', () => {
    expect(playgroundUser('nobody')).toEqual({ user: '65534:65534' });
    expect(playgroundUser('1000')).toEqual({ user: '1000:1000' });
    expect(playgroundUser('1000:2000')).toEqual({ user: '1000:2000' });
  });
});

describe('the demos’ “now try it yourself” lines', () => {
  it('name playground commands the playground understands', () => {
    for (const narrative of loadNarratives()) {
      const commands = [...narrative.try.matchAll(/`\/docker try ([^`]+)`/g)].map((m) => m[1] ?? '');
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        const split = shellWords(command);
        expect(split.ok && parseCommand(split.words).ok).toBe(true);
      }
    }
  });
});

describe('docs/playground.md', () => {
  it('lists every refused option with its reason', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'playground.md'), 'utf8');
    for (const [flag, reason] of Object.entries(REFUSED_FLAGS)) {
      expect(doc).toContain(`\`${flag}\``);
      expect(doc).toContain(reason);
    }
  });
});
