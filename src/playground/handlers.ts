import { SandboxRefused } from '../errors';
import { printed, shortId } from '../lab/format';
import { LABEL, NOBODY } from '../lab/policy';
import type { ContainerRef, SandboxSession } from '../lab/session';
import type { ImageRef, Sandbox } from '../sandbox/types';
import {
  capOutput,
  containerSummary,
  containerView,
  formatTemplate,
  historyRows,
  type ImageRow,
  imageSummary,
  imagesTable,
  imageView,
  type PsRow,
  psTable,
} from './format';
import type { ParsedCommand, PlaygroundVerb } from './grammar';
import { generatedName, type Namespace } from './names';
import { COMMIT_CHANGES, CONTAINER_NAME, imageName, playgroundUser } from './policy';

/** The image every playground starts from, offered as `busybox` and its pinned tag. */
export interface BaseImage {
  image: ImageRef;
  repo: string;
  tags: readonly string[];
  size: number;
  created: number;
}

export interface PlaygroundLimits {
  maxContainers: number;
  maxImages: number;
  /** How long a foreground `run` or an `exec` may take. */
  timeLimitMs: number;
}

/** What one command may use: the person's namespace and session, the engine, the base image, a clock. */
export interface CommandContext {
  ns: Namespace;
  session: SandboxSession;
  sandbox: Sandbox;
  base: BaseImage;
  limits: PlaygroundLimits;
  signal: AbortSignal;
  /** Wall-clock time in Unix ms. */
  now: number;
}

/** What a command printed, and the line that ties it to a topic. */
export interface CommandResult {
  output: string;
  /** Lines under the output: what was cut, a time limit reached, a refusal's reason. */
  notes: string[];
  hook?: string;
}

/** An answer the CLI would print as an error (`Error: No such container: web`): stops the command. */
export class CommandError extends Error {}

/** The playground's own words for why it will not do something (a quota, a refused option): stops the command. */
export class Refusal extends Error {}

type Handler = (ctx: CommandContext, command: ParsedCommand) => Promise<CommandResult>;

/** A container of the person's, with the name they gave it. */
interface Mine extends ContainerRef {
  shown: string;
  row: PsRow;
  running: boolean;
}

/** An image the person may use: the base, or one of theirs (`ref` is the engine's name or the ID). */
interface UsableImage {
  image: ImageRef;
  base: boolean;
  /** What the person typed, as the CLI would show it. */
  shown: string;
}

const result = (output: string, hook?: string, notes: string[] = []): CommandResult => ({
  output,
  hook,
  notes,
});
const text = (flag: unknown) => (typeof flag === 'string' ? flag : undefined);
const list = (flag: unknown) => (Array.isArray(flag) ? (flag as string[]) : []);

const HOOKS = {
  run: 'Each `run` makes a new container, with its own writable layer, from the same read-only image: `/docker container`',
  detached:
    'The container runs in the background: `ps` lists it, `exec` runs another process in it, `logs` shows what it printed. `/docker lifecycle`',
  ps: 'A stopped container is still there, files and all, until you remove it (`ps -a` shows it): `/docker lifecycle`',
  exec: '`exec` starts another process inside the same running container, sharing its files: `/docker container`',
  logs: '`logs` is what the main process wrote to stdout and stderr; the engine keeps it with the container: `/docker container`',
  diff: '`docker diff` lists only this container’s writable layer (A added, C changed, D deleted): `/docker layers`',
  commit:
    '`commit` froze the container’s writable layer into a new read-only layer, on top of its image’s: `/docker commit`',
  images:
    'An image is a read-only template; each name (REPOSITORY:TAG) points at an IMAGE ID: `/docker image`',
  history: 'Each row is a layer; an image you committed has your change as its top layer: `/docker layers`',
  inspect: '`inspect` shows what the engine applied, limits included: `/docker container`',
  stop: '`stop` sends SIGTERM, then SIGKILL when the grace period ends; the container and its files stay: `/docker lifecycle`',
  start: '`start` runs the same container again, with the files it had when it stopped: `/docker lifecycle`',
  rm: 'Removing a container deletes its writable layer; the image is untouched: `/docker cleanup`',
  rmi: 'An image goes once its last name is removed and no container uses it: `/docker cleanup`',
  tag: 'A tag is another name for the same image ID, not a copy: `/docker tags`',
} as const;

/** The person's containers, newest first, with their own names; nothing outside their namespace. */
async function myContainers(ctx: CommandContext): Promise<Mine[]> {
  const listed = await ctx.sandbox.containers.list(
    { [LABEL.owner]: ctx.ns.owner, [LABEL.demo]: 'playground' },
    ctx.signal,
  );
  const mine: Mine[] = [];
  for (const c of listed) {
    const shown = ctx.ns.shownContainer(c.name);
    if (shown === undefined) continue;
    mine.push({
      id: c.id,
      name: c.name,
      shown,
      running: c.status === 'running',
      row: {
        id: c.id,
        image: shownImageName(ctx, c.image, c.imageId),
        command: c.command,
        created: c.created,
        status: c.statusText,
        name: shown,
      },
    });
  }
  return mine.sort((a, b) => b.row.created - a.row.created);
}

/** The person's images: one entry per image ID, with their names for it. */
async function myImages(ctx: CommandContext) {
  const listed = await ctx.sandbox.images.list(
    { [LABEL.owner]: ctx.ns.owner, [LABEL.demo]: 'playground' },
    ctx.signal,
  );
  return listed.map((image) => ({
    ...image,
    names: image.tags.flatMap((tag) => {
      const shown = ctx.ns.shownImage(tag);
      return shown ? [shown] : [];
    }),
  }));
}

/** An image name from the engine as the person knows it (`busybox`, `myimg:1`), else its short ID. */
function shownImageName(ctx: CommandContext, engineRef: string, id: string): string {
  if (engineRef === ctx.base.image.ref || id === ctx.base.image.id) return ctx.base.repo;
  const shown = ctx.ns.shownImage(engineRef);
  if (shown) return shown.tag === 'latest' ? shown.repo : `${shown.repo}:${shown.tag}`;
  return shortId(id);
}

/** Finds a container by name, full ID or ID prefix, as the CLI does, among the person's only. */
async function findContainer(ctx: CommandContext, ref: string): Promise<Mine | undefined> {
  const mine = await myContainers(ctx);
  const exact = mine.find((c) => c.id === ref || c.shown === ref);
  if (exact) return exact;
  if (!/^[0-9a-f]{1,64}$/.test(ref)) return undefined;
  const prefixed = mine.filter((c) => c.id.startsWith(ref));
  if (prefixed.length > 1) throw new CommandError(`Error: multiple IDs found with provided prefix: ${ref}`);
  return prefixed[0];
}

async function needContainer(ctx: CommandContext, ref: string): Promise<Mine> {
  const found = await findContainer(ctx, ref);
  if (!found) throw new CommandError(`Error: No such container: ${ref}`);
  return found;
}

/** `busybox`, `busybox:<tag>`, a name of the person's own, or an ID (prefix) of one of those. */
async function findImage(ctx: CommandContext, ref: string): Promise<UsableImage | undefined> {
  const { base } = ctx;
  const named = imageName(ref);
  if (named?.repo === base.repo && base.tags.includes(named.tag))
    return { image: base.image, base: true, shown: ref };
  const images = await myImages(ctx);
  if (named) {
    const mine = images.find((i) => i.names.some((n) => n.repo === named.repo && n.tag === named.tag));
    if (mine)
      return {
        image: { ref: `${ctx.ns.imageRepo(named.repo)}:${named.tag}`, id: mine.id },
        base: false,
        shown: ref,
      };
  }
  const hex = /^(?:sha256:)?([0-9a-f]{1,64})$/.exec(ref)?.[1];
  if (!hex) return undefined;
  if (base.image.id.replace(/^sha256:/, '').startsWith(hex))
    return { image: base.image, base: true, shown: ref };
  const byId = images.filter((i) => i.id.replace(/^sha256:/, '').startsWith(hex));
  if (byId.length > 1) throw new CommandError(`Error: multiple IDs found with provided prefix: ${ref}`);
  const found = byId[0];
  return found && { image: { ref: found.id, id: found.id }, base: false, shown: ref };
}

async function needImage(ctx: CommandContext, ref: string): Promise<UsableImage> {
  const found = await findImage(ctx, ref);
  if (!found) throw new CommandError(`Error: No such image: ${ref}`);
  return found;
}

/** `--user`, `-e` and `-w` as a process gets them, checked. */
function processOptions(command: ParsedCommand) {
  const userFlag = text(command.flags.user);
  let user: string | undefined;
  if (userFlag !== undefined) {
    const checked = playgroundUser(userFlag);
    if ('problem' in checked) throw new Refusal(checked.problem);
    user = checked.user;
  }
  const env = list(command.flags.env);
  const bare = env.find((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair));
  if (bare !== undefined)
    throw new Refusal(
      `\`-e ${bare}\`: give a value, as in \`-e ${bare.split('=')[0] || 'NAME'}=value\` (without one, docker would copy the variable from your own computer, and there is none here).`,
    );
  const workingDir = text(command.flags.workdir);
  if (workingDir !== undefined && !workingDir.startsWith('/'))
    throw new CommandError(
      `Error response from daemon: the working directory '${workingDir}' is invalid, it needs to be an absolute path`,
    );
  return { user, env: env.length ? env : undefined, workingDir };
}

/** The time limit as an abort signal, together with the command's own. */
function withLimit(ctx: CommandContext): { signal: AbortSignal; limit: AbortSignal } {
  const limit = AbortSignal.timeout(ctx.limits.timeLimitMs);
  return { signal: AbortSignal.any([ctx.signal, limit]), limit };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

const run: Handler = async (ctx, command) => {
  const [imageRef = '', ...cmd] = command.args;
  const image = await findImage(ctx, imageRef);
  if (!image) {
    const named = imageName(imageRef);
    const full = named ? `${named.repo}:${named.tag}` : imageRef;
    throw new Refusal(
      `Unable to find image '${full}' in your playground, and nothing can be pulled here. Run \`${ctx.base.repo}\` or an image you committed (\`images\` lists them).`,
    );
  }
  const process = processOptions(command);
  const mine = await myContainers(ctx);
  if (mine.length >= ctx.limits.maxContainers)
    throw new Refusal(
      `You have ${mine.length} containers, the most a playground keeps: remove one first (\`rm -f ${mine[0]?.shown ?? 'NAME'}\`).`,
    );
  let name = text(command.flags.name);
  if (name !== undefined) {
    if (!CONTAINER_NAME.test(name))
      throw new CommandError(
        `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed (at most 40 characters here)`,
      );
    const taken = mine.find((c) => c.shown === name);
    if (taken)
      throw new CommandError(
        `docker: Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
  } else {
    const used = new Set(mine.map((c) => c.shown));
    do name = generatedName();
    while (used.has(name));
  }
  const container = await ctx.session.createProcess(name, image.image, {
    cmd: cmd.length ? cmd : undefined,
    ...process,
  });
  const removeIfAsked = async () => {
    if (command.flags.rm) await ctx.session.remove(container);
  };
  try {
    await ctx.session.start(container);
  } catch (error) {
    await removeIfAsked();
    if (error instanceof SandboxRefused)
      throw new CommandError(`docker: Error response from daemon: ${error.reason}.`);
    throw error;
  }
  if (command.flags.detach) return result(container.id, HOOKS.detached);

  const notes: string[] = [];
  const { signal, limit } = withLimit(ctx);
  let exitCode: number;
  try {
    exitCode = await ctx.sandbox.containers.wait(container.id, signal);
  } catch (error) {
    if (!limit.aborted) throw error;
    await ctx.sandbox.containers.stop(container.id, 0, ctx.signal);
    exitCode = await ctx.sandbox.containers.wait(container.id, ctx.signal);
    notes.push(
      `⏱ Stopped after ${seconds(ctx.limits.timeLimitMs)}: foreground commands have a time limit here. For something long-running, use \`run -d\`.`,
    );
  }
  const logs = await ctx.sandbox.containers.logs(container.id, ctx.signal);
  await removeIfAsked();
  return result(printed({ ...logs, exitCode }), HOOKS.run, notes);
};

const ps: Handler = async (ctx, command) => {
  const mine = await myContainers(ctx);
  const shown = command.flags.all ? mine : mine.filter((c) => c.running);
  const hidden = mine.length - shown.length;
  return result(
    psTable(
      shown.map((c) => c.row),
      ctx.now,
      Boolean(command.flags.quiet),
    ),
    command.flags.all ? HOOKS.ps : undefined,
    hidden
      ? [`${hidden} stopped container${hidden === 1 ? '' : 's'} not shown: \`ps -a\` lists every one.`]
      : [],
  );
};

const exec: Handler = async (ctx, command) => {
  const [ref = '', ...cmd] = command.args;
  const process = processOptions(command);
  const container = await needContainer(ctx, ref);
  if (!container.running)
    throw new CommandError(`Error response from daemon: Container ${container.id} is not running`);
  // The engine has no call to end an exec'd process, and waiting alone would leave it running. So the command
  // starts as a shell that notes its PID and execs the command in its place (same PID, same argv), and at the
  // time limit a second exec kills that PID. The note lives in /dev/shm, a tmpfs mount: never in the
  // container's writable layer, so `diff` and `commit` do not see it.
  // One file per user: /dev/shm is sticky, so one user cannot replace another's.
  const pidFile = `/dev/shm/.docker-explainer-exec-${(process.user ?? NOBODY).split(':')[0]}.pid`;
  const wrapped = ['sh', '-c', `echo $$ > ${pidFile} && exec "$@"`, 'sh', ...cmd];
  const running = ctx.session.exec(container, wrapped, process);
  running.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'limit'>((resolve) => {
    timer = setTimeout(() => resolve('limit'), ctx.limits.timeLimitMs);
  });
  const first = await Promise.race([running, limit]).finally(() => clearTimeout(timer));
  const notes: string[] = [];
  if (first === 'limit') {
    await ctx.session.exec(container, ['sh', '-c', `kill -9 "$(cat ${pidFile})"`], process);
    notes.push(
      `⏱ Stopped after ${seconds(ctx.limits.timeLimitMs)}: \`exec\` commands have a time limit here.`,
    );
  }
  const done = await running;
  return result(printed(done), HOOKS.exec, notes);
};

const logs: Handler = async (ctx, command) => {
  const container = await needContainer(ctx, command.args[0] ?? '');
  const tail = text(command.flags.tail);
  if (tail !== undefined && !/^\d+$/.test(tail) && tail !== 'all')
    throw new CommandError(`invalid value "${tail}" for --tail: a number of lines, or all`);
  const output = await ctx.sandbox.containers.logs(container.id, ctx.signal);
  const lines = (output.combined ?? `${output.stdout}${output.stderr}`).replace(/\n$/, '').split('\n');
  const kept =
    tail === undefined || tail === 'all' ? lines : lines.slice(Math.max(0, lines.length - Number(tail)));
  return result(Number(tail) === 0 ? '' : kept.join('\n'), HOOKS.logs);
};

const diff: Handler = async (ctx, command) => {
  const container = await needContainer(ctx, command.args[0] ?? '');
  const changes = await ctx.session.diff(container);
  return result(changes.map((c) => `${c.kind} ${c.path}`).join('\n'), HOOKS.diff);
};

const commit: Handler = async (ctx, command) => {
  const [ref = '', target] = command.args;
  const container = await needContainer(ctx, ref);
  const named = target === undefined ? undefined : imageName(target);
  if (target !== undefined && !named)
    throw new CommandError(
      `Error parsing reference: "${target}" is not a valid repository/tag: use lowercase letters, digits, . _ - and /, and an optional :tag`,
    );
  if (named?.repo === ctx.base.repo)
    throw new Refusal(`\`${ctx.base.repo}\` is the playground's shared base image: give yours another name.`);
  const images = await myImages(ctx);
  if (images.length >= ctx.limits.maxImages)
    throw new Refusal(
      `You have ${images.length} images, the most a playground keeps: remove one first (\`rmi NAME\`).`,
    );
  const changes = list(command.flags.change);
  for (const change of changes) {
    const instruction = change.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    if (!(COMMIT_CHANGES as readonly string[]).includes(instruction) || /[\r\n]/.test(change))
      throw new Refusal(
        `\`-c ${change}\`: the playground applies ${COMMIT_CHANGES.join(', ')} (the defaults a container starts with); other instructions are not supported.`,
      );
  }
  const id = await ctx.session.commitTo(container, {
    repo: named ? ctx.ns.imageRepo(named.repo) : '',
    tag: named ? named.tag : '',
    comment: text(command.flags.message) ?? '',
    changes,
  });
  return result(id, HOOKS.commit);
};

const images: Handler = async (ctx, command) => {
  const mine = await myImages(ctx);
  const rows: ImageRow[] = [
    ...mine.flatMap((image) =>
      image.names.length
        ? image.names.map((n) => ({ ...n, id: image.id, created: image.created, size: image.size }))
        : [{ repo: '<none>', tag: '<none>', id: image.id, created: image.created, size: image.size }],
    ),
    ...ctx.base.tags.map((tag) => ({
      repo: ctx.base.repo,
      tag,
      id: ctx.base.image.id,
      created: ctx.base.created,
      size: ctx.base.size,
    })),
  ].sort((a, b) => b.created - a.created);
  const filter = command.args[0];
  const wanted = filter === undefined ? undefined : imageName(filter);
  const shown = filter
    ? rows.filter(
        (r) => r.repo === (wanted?.repo ?? filter) && (!filter.includes(':') || r.tag === wanted?.tag),
      )
    : rows;
  return result(imagesTable(shown, ctx.now, Boolean(command.flags.quiet)), HOOKS.images);
};

const history: Handler = async (ctx, command) => {
  const image = await needImage(ctx, command.args[0] ?? '');
  const rows = await ctx.session.history(image.image);
  return result(historyRows(rows, ctx.now), HOOKS.history);
};

const inspect: Handler = async (ctx, command) => {
  const ref = command.args[0] ?? '';
  const template = text(command.flags.format);
  const container = await findContainer(ctx, ref);
  if (container) {
    const info = await ctx.session.inspect(container);
    const view = containerView(info, {
      name: container.shown,
      image: shownImageName(ctx, info.image, info.imageId),
    });
    return shown(template, view, () => containerSummary(view, info.isolation));
  }
  const image = await findImage(ctx, ref);
  if (!image) throw new CommandError(`Error: No such object: ${ref}`);
  const info = await ctx.sandbox.images.inspect(image.image.ref, ctx.signal);
  if (!info) throw new CommandError(`Error: No such object: ${ref}`);
  const tags = image.base
    ? ctx.base.tags.map((tag) => `${ctx.base.repo}:${tag}`)
    : info.tags.flatMap((tag) => {
        const shownTag = ctx.ns.shownImage(tag);
        return shownTag ? [`${shownTag.repo}:${shownTag.tag}`] : [];
      });
  const view = imageView(info, tags);
  return shown(template, view, () => imageSummary(view));
};

function shown(template: string | undefined, view: object, summary: () => string): CommandResult {
  if (template === undefined) return result(summary(), HOOKS.inspect);
  const formatted = formatTemplate(template, view);
  if ('problem' in formatted) throw new Refusal(formatted.problem);
  return result(formatted.text);
}

/** Runs `act` on each container named, printing each name as the CLI does, and errors for the others. */
function eachContainer(
  act: (ctx: CommandContext, container: Mine, command: ParsedCommand) => Promise<void>,
  hook: string,
): Handler {
  return async (ctx, command) => {
    const lines: string[] = [];
    for (const ref of command.args) {
      const container = await findContainer(ctx, ref);
      if (!container) {
        lines.push(`Error response from daemon: No such container: ${ref}`);
        continue;
      }
      try {
        await act(ctx, container, command);
        lines.push(ref);
      } catch (error) {
        if (error instanceof CommandError) lines.push(error.message);
        else if (error instanceof SandboxRefused) lines.push(`Error response from daemon: ${error.reason}`);
        else throw error;
      }
    }
    return result(lines.join('\n'), hook);
  };
}

function grace(command: ParsedCommand): number {
  const given = text(command.flags.time);
  if (given === undefined) return 10;
  if (!/^\d{1,3}$/.test(given))
    throw new CommandError(`invalid argument "${given}" for "-t, --time": a number of seconds`);
  return Math.min(Number(given), 10);
}

const stop = eachContainer(async (ctx, container, command) => {
  await ctx.sandbox.containers.stop(container.id, grace(command), ctx.signal);
}, HOOKS.stop);

const start = eachContainer(async (ctx, container) => {
  await ctx.session.start(container);
}, HOOKS.start);

const restart = eachContainer(async (ctx, container, command) => {
  await ctx.sandbox.containers.stop(container.id, grace(command), ctx.signal);
  await ctx.session.start(container);
}, HOOKS.start);

const rm = eachContainer(async (ctx, container, command) => {
  if (container.running && !command.flags.force)
    throw new CommandError(
      `Error response from daemon: You cannot remove a running container ${container.id}. Stop the container before attempting removal or force remove`,
    );
  await ctx.session.remove(container);
}, HOOKS.rm);

const rmi: Handler = async (ctx, command) => {
  const lines: string[] = [];
  for (const ref of command.args) {
    try {
      const image = await needImage(ctx, ref);
      if (image.base)
        throw new Refusal(
          `\`${ctx.base.repo}\` is the playground's shared base image, so it stays: you can remove the images you committed or tagged.`,
        );
      const removed = await ctx.sandbox.images.rmi(image.image.ref, ctx.signal);
      lines.push(
        ...removed.untagged.map((tag) => `Untagged: ${ctx.ns.unmask(tag)}`),
        ...removed.deleted.map((id) => `Deleted: ${id}`),
      );
    } catch (error) {
      if (error instanceof CommandError) lines.push(error.message);
      else if (error instanceof SandboxRefused)
        lines.push(`Error response from daemon: ${ctx.ns.unmask(error.reason)}`);
      else throw error;
    }
  }
  return result(lines.join('\n'), HOOKS.rmi);
};

const tag: Handler = async (ctx, command) => {
  const [source = '', target = ''] = command.args;
  const image = await needImage(ctx, source);
  if (image.base)
    throw new Refusal(
      `\`${ctx.base.repo}\` is shared by everyone, so only the playground names it. Tag an image of your own: \`commit\` a container first.`,
    );
  const named = imageName(target);
  if (!named)
    throw new CommandError(
      `Error parsing reference: "${target}" is not a valid repository/tag: use lowercase letters, digits, . _ - and /, and an optional :tag`,
    );
  if (named.repo === ctx.base.repo)
    throw new Refusal(`\`${ctx.base.repo}\` is the playground's shared base image: give yours another name.`);
  const names = (await myImages(ctx)).reduce((n, i) => n + i.names.length, 0);
  if (names >= ctx.limits.maxImages * 3)
    throw new Refusal(
      `You have ${names} image names, the most a playground keeps: remove one first (\`rmi NAME\`).`,
    );
  await ctx.sandbox.images.tag(image.image.id, ctx.ns.imageRepo(named.repo), named.tag, ctx.signal);
  return result('', HOOKS.tag);
};

export const HANDLERS: Readonly<Record<PlaygroundVerb, Handler>> = {
  run,
  ps,
  exec,
  logs,
  diff,
  commit,
  images,
  history,
  inspect,
  stop,
  start,
  restart,
  rm,
  rmi,
  tag,
};

/** Output cut to the playground's limit, with the note of what was cut. */
export function capped(outcome: CommandResult): CommandResult {
  const { text: output, cut } = capOutput(outcome.output);
  return { ...outcome, output, notes: cut ? [...outcome.notes, cut] : outcome.notes };
}
