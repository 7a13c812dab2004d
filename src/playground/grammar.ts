import { REFUSED_FLAGS } from './policy';

/** One option of a verb: its names (`-d`, `--detach`), whether it takes a value, and where it is kept. */
interface OptionSpec {
  names: readonly string[];
  key: string;
  value?: boolean;
  /** May be given more than once (`-e A=1 -e B=2`). */
  repeat?: boolean;
}

interface VerbSpec {
  verb: PlaygroundVerb;
  options: readonly OptionSpec[];
  /** Usage, as the CLI prints it, without `docker `. */
  usage: string;
  min: number;
  max?: number;
  /** Options end at the first argument (run, exec: what follows is the container's command). */
  optionsFirst?: boolean;
}

export type PlaygroundVerb =
  | 'run'
  | 'ps'
  | 'exec'
  | 'logs'
  | 'diff'
  | 'commit'
  | 'images'
  | 'history'
  | 'inspect'
  | 'stop'
  | 'start'
  | 'restart'
  | 'rm'
  | 'rmi'
  | 'tag';

/** A line the playground understood: the verb, its options by key, its arguments. */
export interface ParsedCommand {
  verb: PlaygroundVerb;
  flags: Readonly<Record<string, string | boolean | string[]>>;
  args: readonly string[];
}

export type Parsed = { ok: true; command: ParsedCommand } | { ok: false; problem: string; refused?: string };

const ENV: OptionSpec = { names: ['-e', '--env'], key: 'env', value: true, repeat: true };
const WORKDIR: OptionSpec = { names: ['-w', '--workdir'], key: 'workdir', value: true };
const USER: OptionSpec = { names: ['-u', '--user'], key: 'user', value: true };
const FORMAT: OptionSpec = { names: ['-f', '--format'], key: 'format', value: true };
const TIME: OptionSpec = { names: ['-t', '--time'], key: 'time', value: true };

const VERBS: readonly VerbSpec[] = [
  {
    verb: 'run',
    usage: 'run [-d] [--rm] [--name NAME] [-e NAME=value] [-w DIR] [-u UID] IMAGE [COMMAND] [ARG...]',
    min: 1,
    optionsFirst: true,
    options: [
      { names: ['-d', '--detach'], key: 'detach' },
      { names: ['--rm'], key: 'rm' },
      { names: ['--name'], key: 'name', value: true },
      ENV,
      WORKDIR,
      USER,
    ],
  },
  {
    verb: 'ps',
    usage: 'ps [-a] [-q]',
    min: 0,
    max: 0,
    options: [
      { names: ['-a', '--all'], key: 'all' },
      { names: ['-q', '--quiet'], key: 'quiet' },
    ],
  },
  {
    verb: 'exec',
    usage: 'exec [-e NAME=value] [-w DIR] [-u UID] CONTAINER COMMAND [ARG...]',
    min: 2,
    optionsFirst: true,
    options: [ENV, WORKDIR, USER],
  },
  {
    verb: 'logs',
    usage: 'logs [-n LINES] CONTAINER',
    min: 1,
    max: 1,
    options: [{ names: ['-n', '--tail'], key: 'tail', value: true }],
  },
  { verb: 'diff', usage: 'diff CONTAINER', min: 1, max: 1, options: [] },
  {
    verb: 'commit',
    usage: 'commit [-m MESSAGE] [-c "CMD ..."] CONTAINER [REPOSITORY[:TAG]]',
    min: 1,
    max: 2,
    options: [
      { names: ['-m', '--message'], key: 'message', value: true },
      { names: ['-c', '--change'], key: 'change', value: true, repeat: true },
      { names: ['-a', '--author'], key: 'author', value: true },
    ],
  },
  {
    verb: 'images',
    usage: 'images [-q] [REPOSITORY[:TAG]]',
    min: 0,
    max: 1,
    options: [
      { names: ['-q', '--quiet'], key: 'quiet' },
      { names: ['-a', '--all'], key: 'all' },
    ],
  },
  { verb: 'history', usage: 'history IMAGE', min: 1, max: 1, options: [] },
  { verb: 'inspect', usage: 'inspect [-f TEMPLATE] NAME|ID', min: 1, max: 1, options: [FORMAT] },
  { verb: 'stop', usage: 'stop [-t SECONDS] CONTAINER...', min: 1, max: 3, options: [TIME] },
  { verb: 'start', usage: 'start CONTAINER...', min: 1, max: 3, options: [] },
  { verb: 'restart', usage: 'restart [-t SECONDS] CONTAINER...', min: 1, max: 3, options: [TIME] },
  {
    verb: 'rm',
    usage: 'rm [-f] CONTAINER...',
    min: 1,
    max: 3,
    options: [{ names: ['-f', '--force'], key: 'force' }],
  },
  { verb: 'rmi', usage: 'rmi IMAGE...', min: 1, max: 3, options: [] },
  { verb: 'tag', usage: 'tag SOURCE_IMAGE TARGET_IMAGE[:TAG]', min: 2, max: 2, options: [] },
];

/** `docker container ls`, `docker image rm`…: the management commands, as the verbs they stand for. */
const MANAGEMENT: Record<string, Record<string, PlaygroundVerb>> = {
  container: {
    ls: 'ps',
    list: 'ps',
    ps: 'ps',
    run: 'run',
    exec: 'exec',
    logs: 'logs',
    diff: 'diff',
    commit: 'commit',
    inspect: 'inspect',
    stop: 'stop',
    start: 'start',
    restart: 'restart',
    rm: 'rm',
    remove: 'rm',
  },
  image: {
    ls: 'images',
    list: 'images',
    history: 'history',
    inspect: 'inspect',
    rm: 'rmi',
    remove: 'rmi',
    tag: 'tag',
  },
};

/** Verbs people will try that the playground does not offer, with what to do instead. */
const NOT_HERE: Record<string, string> = {
  pull: 'Nothing can be pulled here: the sandbox has no registry access. `busybox` is ready to run: `run busybox echo hello`.',
  push: 'Nothing can be pushed from here: the sandbox has no registry access. Read `/docker registry`.',
  login: 'There is no registry to log in to from the playground. Read `/docker registry`.',
  build:
    '`build` is not in the playground (a build needs a context from your computer). Make an image with `commit` instead, and read `/docker dockerfile`.',
  create:
    '`create` is not in the playground: `run -d` creates and starts in one go (`run` is `create` + `start`).',
  cp: '`cp` copies between the container and your own computer, and there is none here: use `exec box cat FILE`.',
  attach: 'Slack cannot attach to a container’s terminal: use `logs` to see what it printed.',
  volume: 'Volumes are not in the playground (it mounts nothing). Read `/docker volumes`.',
  network: 'The playground has no networks: its containers have no network at all.',
};

export const SUPPORTED = VERBS.map((v) => v.verb);

/** The usage line of a verb, as `docker VERB --help` would start. */
export function usageOf(verb: PlaygroundVerb): string {
  return VERBS.find((v) => v.verb === verb)?.usage ?? verb;
}

/**
 * Reads a playground line's words (without the leading `docker`) as the docker CLI would: the verb, then
 * its options (`-d`, `--name web`, `--name=web`, `-dq`), then its arguments; for `run` and `exec`, options
 * end at the first argument, as everything after the image or container is the command. Options the verb
 * does not know are refused with REFUSED_FLAGS' reason when they would loosen the isolation, else named as
 * unknown.
 */
export function parseCommand(words: readonly string[]): Parsed {
  let [verbWord = '', ...rest] = words;
  const group = MANAGEMENT[verbWord];
  if (group) {
    const [sub = '', ...more] = rest;
    const mapped = group[sub];
    if (!mapped)
      return {
        ok: false,
        problem: `\`docker ${verbWord} ${sub}\` is not supported here. Try \`${verbWord} ${Object.keys(group)[0]}\`, or \`/docker try\` for everything the playground understands.`,
      };
    verbWord = mapped;
    rest = more;
  }
  const spec = VERBS.find((v) => v.verb === verbWord);
  if (!spec) {
    const instead = NOT_HERE[verbWord];
    return {
      ok: false,
      problem:
        instead ??
        `\`docker ${verbWord}\` is not supported in the playground. It understands: ${SUPPORTED.join(', ')}, and \`reset\`.`,
    };
  }
  const flags: Record<string, string | boolean | string[]> = {};
  const args: string[] = [];
  const take = (option: OptionSpec, value: string | boolean) => {
    if (option.repeat)
      flags[option.key] = [...((flags[option.key] as string[] | undefined) ?? []), String(value)];
    else flags[option.key] = value;
  };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const optionsOver = word === '-' || !word.startsWith('-') || (spec.optionsFirst && args.length > 0);
    if (optionsOver) {
      args.push(word);
      continue;
    }
    if (word === '--') {
      args.push(...rest.slice(i + 1));
      break;
    }
    const [name = '', inline] = word.startsWith('--')
      ? splitOnce(word, '=')
      : [word.slice(0, 2), word.slice(2) || undefined];
    const option = spec.options.find((o) => o.names.includes(name));
    if (!option) return unknownFlag(spec, name);
    if (option.value) {
      const value = inline ?? rest[++i];
      if (value === undefined)
        return { ok: false, problem: `flag needs an argument: ${name}\nUsage: docker ${spec.usage}` };
      take(option, value.startsWith('=') && !word.startsWith('--') ? value.slice(1) : value);
      continue;
    }
    if (word.startsWith('--')) {
      if (inline !== undefined && inline !== 'true' && inline !== 'false')
        return { ok: false, problem: `invalid argument "${inline}" for "${name}": true or false` };
      take(option, inline !== 'false');
      continue;
    }
    // Short booleans may be grouped: -dq is -d -q.
    for (const letter of word.slice(1)) {
      const grouped = spec.options.find((o) => o.names.includes(`-${letter}`));
      if (!grouped) return unknownFlag(spec, `-${letter}`);
      if (grouped.value)
        return {
          ok: false,
          problem: `-${letter} takes a value: give it on its own, as \`-${letter} VALUE\``,
        };
      take(grouped, true);
    }
  }
  if (args.length < spec.min || (spec.max !== undefined && args.length > spec.max)) {
    const wanted =
      spec.max === undefined
        ? `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`
        : spec.min === spec.max
          ? `exactly ${spec.min} argument${spec.min === 1 ? '' : 's'}`
          : `${spec.min} to ${spec.max} arguments`;
    return {
      ok: false,
      problem: `"docker ${spec.verb}" requires ${wanted} here.\nUsage: docker ${spec.usage}`,
    };
  }
  return { ok: true, command: { verb: spec.verb, flags, args } };
}

function unknownFlag(spec: VerbSpec, name: string): Parsed {
  const reason = REFUSED_FLAGS[name];
  if (reason)
    return { ok: false, refused: name, problem: `\`${name}\` is refused in the playground: ${reason}` };
  return {
    ok: false,
    problem: `unknown flag: ${name} (not supported in the playground)\nUsage: docker ${spec.usage}`,
  };
}

function splitOnce(word: string, separator: string): [string, string | undefined] {
  const at = word.indexOf(separator);
  return at < 0 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
}
