import { createHash } from 'node:crypto';

/**
 * One person's namespace on the shared engine. Everything they create has an engine name of their own
 * (`dx-pg-<ns>-web`, `dxpg-<ns>/myimg:1`) and their owner label, so `web` or `myimg:1` can be used by
 * everyone without clashing. `<ns>` is a hash of the owner (`team:user`), so names say nothing about who.
 */
export class Namespace {
  /** The SandboxSession id of this person's playground: labels `run` and prefixes container names. */
  readonly sessionId: string;
  private readonly containerPrefix: string;
  private readonly imagePrefix: string;

  constructor(readonly owner: string) {
    const ns = createHash('sha256').update(owner).digest('hex').slice(0, 12);
    this.sessionId = `pg-${ns}`;
    this.containerPrefix = `dx-${this.sessionId}-`;
    this.imagePrefix = `dxpg-${ns}/`;
  }

  /** The engine's name of the person's container `name` (SandboxSession adds the same prefix). */
  containerName(name: string): string {
    return `${this.containerPrefix}${name}`;
  }

  /** The name the person knows, from the engine's name; undefined when it is not in this namespace. */
  shownContainer(engineName: string): string | undefined {
    const name = engineName.replace(/^\//, '');
    return name.startsWith(this.containerPrefix) ? name.slice(this.containerPrefix.length) : undefined;
  }

  /** The engine's repository for the person's repository `repo`. */
  imageRepo(repo: string): string {
    return `${this.imagePrefix}${repo}`;
  }

  /** `repo:tag` as the person knows it, from an engine tag; undefined when it is not in this namespace. */
  shownImage(engineTag: string): { repo: string; tag: string } | undefined {
    if (!engineTag.startsWith(this.imagePrefix)) return undefined;
    const rest = engineTag.slice(this.imagePrefix.length);
    const colon = rest.lastIndexOf(':');
    return colon < 0
      ? { repo: rest, tag: 'latest' }
      : { repo: rest.slice(0, colon), tag: rest.slice(colon + 1) };
  }

  /** The engine's words with this namespace's prefixes taken out, so a person reads their own names. */
  unmask(text: string): string {
    return text.split(this.containerPrefix).join('').split(this.imagePrefix).join('');
  }
}

const ADJECTIVES = [
  'brave',
  'calm',
  'clever',
  'eager',
  'gentle',
  'happy',
  'jolly',
  'keen',
  'lucid',
  'nifty',
  'quirky',
  'sharp',
  'sleepy',
  'tender',
  'vibrant',
  'zen',
];
const SCIENTISTS = [
  'babbage',
  'curie',
  'darwin',
  'einstein',
  'franklin',
  'hopper',
  'lovelace',
  'noether',
  'pascal',
  'ritchie',
  'shannon',
  'thompson',
  'turing',
  'wozniak',
];

/** A name like the engine gives a container run without `--name` (`eager_turing`). */
export function generatedName(random: () => number = Math.random): string {
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] ?? list[0];
  return `${pick(ADJECTIVES)}_${pick(SCIENTISTS)}`;
}
