import { randomBytes } from 'node:crypto';
import type { PlaygroundConfig } from '../config';
import { DemoImageUnavailable, SandboxRefused, SandboxUnavailable } from '../errors';
import type { EngineCapacity, Release } from '../lab/capacity';
import { type EngineLane, type Engines, oneEngine } from '../lab/engines';
import { shell } from '../lab/format';
import type { SharedCommandSlots } from '../lab/leases';
import { LABEL } from '../lab/policy';
import { SandboxSession } from '../lab/session';
import type { Block, Message } from '../message';
import type { Logger } from '../ops/log';
import type { AppMetrics } from '../ops/metrics';
import type { ImageRef, Sandbox } from '../sandbox/types';
import type { Person } from '../transport';
import { type ParsedCommand, parseCommand } from './grammar';
import { type BaseImage, type CommandContext, CommandError, capped, HANDLERS, Refusal } from './handlers';
import { answerMessage, introMessage, type PlaygroundAnswer, sayMessage } from './messages';
import { Namespace } from './names';
import { CommandRate, type CommandRateLimit } from './rate';
import type { PlaygroundRecord, PlaygroundStore } from './store';
import { fromSlack, shellWords } from './words';

/**
 * The longest anything in a playground lives on the engine, whatever happens to the bot: its objects are
 * labelled to expire then, so the janitor removes them after a crash (Play with Docker keeps a session four
 * hours too). The idle expiry removes an unused playground much sooner.
 */
export const PLAYGROUND_LIFETIME_MS = 4 * 3600_000;

/** How long a command waits for an engine slot before saying the sandbox is busy. */
const SLOT_WAIT_MS = 10_000;
const BUSY =
  '⏳ The sandbox is busy with demos and other playgrounds right now: please try again in a few seconds.';
/** Engine calls around a command's time-limited part (create, logs, cleanup) get this much more. */
const COMMAND_SLACK_MS = 20_000;
/** Answers kept for Share in channel. */
const SHAREABLE = 500;

export interface PlaygroundServiceOptions {
  /**
   * The sandbox engines, each with its slots (shared with demos) and base image (the demo image). A person's
   * playground is made on the least loaded engine that answers and stays there. Without it, the one engine of
   * `sandbox`, `image` and `capacity`.
   */
  engines?: Engines;
  sandbox?: Sandbox;
  /** Makes the base image ready and names it (the demo image). */
  image?: { ensure(): Promise<ImageRef> };
  /** DEMO_IMAGE: the base is offered under its repository's name (`busybox`), its tag and `latest`. */
  demoImage: string;
  capacity?: EngineCapacity;
  store: PlaygroundStore;
  config: PlaygroundConfig;
  /** Labels what this process creates. */
  instance: string;
  logger: Logger;
  /** How often idle playgrounds and orphans are looked for. */
  sweepIntervalMs: number;
  metrics?: AppMetrics;
  /**
   * The per-person command limit, shared with other replicas (PgCommandRate on a shared database); none: it
   * is counted in this process. When the shared one cannot be reached, this process counts alone meanwhile.
   */
  rate?: CommandRateLimit;
  /** Each engine's slots across replicas sharing a database (demo leases); none: this process's slots only. */
  sharedSlots?: SharedCommandSlots;
  /** Wall-clock time in Unix ms. */
  now?: () => number;
}

/**
 * `/docker try`: each person's own small playground on the sandbox engine, driven with real docker commands.
 * A line is split into words without a shell (words.ts), read as the docker CLI reads it (grammar.ts), and run
 * by a handler (handlers.ts) that only ever sees the person's own objects (names.ts). Everything it creates
 * goes through SandboxSession, so the isolation, labels and expiry of lab/policy.ts are applied where things
 * are made. One person's commands run one at a time; every command takes a slot of the engine capacity it
 * shares with demos; an unused playground is removed after PLAYGROUND_IDLE_MINUTES.
 */
export class PlaygroundService {
  private readonly rate: CommandRateLimit;
  /** Counts commands here while the shared limit cannot be reached. */
  private readonly localRate = new CommandRate();
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly closing = new AbortController();
  private readonly answers = new Map<string, PlaygroundAnswer>();
  private readonly base: { repo: string; tags: string[] };
  /** The base image's details, per engine. */
  private readonly baseDetails = new Map<string, BaseImage>();
  private readonly engines: Engines;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(private readonly options: PlaygroundServiceOptions) {
    this.rate = options.rate ?? this.localRate;
    this.logger = options.logger.child('playground');
    this.now = options.now ?? Date.now;
    this.base = baseNames(options.demoImage);
    const { sandbox, image, capacity } = options;
    if (options.engines) this.engines = options.engines;
    else if (sandbox && image && capacity) this.engines = oneEngine({ sandbox, image, capacity });
    else throw new Error('a PlaygroundService needs engines, or a sandbox with its image and capacity');
    this.engines.onBack((lane) => void this.sweepReturned(lane));
  }

  /**
   * The engine a playground lives on: the one it was made on, with several (undefined when that engine is no
   * longer configured); the only one otherwise, whatever it was called when the playground was made.
   */
  private homeOf(record: PlaygroundRecord): EngineLane | undefined {
    return this.several ? this.engines.lane(record.engine) : this.engines.lanes[0];
  }

  /** Whether there are several engines, so a person whose engine is down can start again on another. */
  private get several(): boolean {
    return this.engines.lanes.length > 1;
  }

  /** Looks for idle playgrounds and leftovers now, then every interval. */
  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  /** Stops the sweeps, ends commands under way and waits until they have finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.closing.abort(new Error('the app is shutting down'));
    await Promise.allSettled([...this.queues.values(), this.sweeping]);
  }

  /** Answers one `/docker try …` line for `owner` (`team:user`). */
  async answer(owner: string, text: string): Promise<Message> {
    const line = fromSlack(text);
    const split = shellWords(line);
    if (!split.ok) return this.refuse(`docker ${line}`, split.problem, 'shell');
    const words = split.words[0] === 'docker' ? split.words.slice(1) : split.words;
    const [first = ''] = words;
    if (first === '' || first === 'help' || first === '--help' || first === '-h') return this.intro();
    const reset = first === 'reset' && words.length === 1;
    const shown = `docker ${shell(words)}`;
    const parsed = reset ? undefined : parseCommand(words);
    if (parsed && !parsed.ok)
      return this.refuse(shown, parsed.problem, parsed.refused ? 'refused' : 'unknown');
    const wait = await this.admit(owner);
    if (wait !== undefined) {
      this.count(parsed?.command.verb ?? 'reset', 'rate_limited');
      return sayMessage(
        `⏳ Easy: the playground takes ${this.options.config.commandsPerMinute} commands a minute per person. Try again in ${Math.ceil(wait / 1000)} s.`,
      );
    }
    if (!parsed) return this.reset(owner);
    return this.serially(owner, () => this.run(owner, shown, parsed.command));
  }

  /** The command limit's answer for `owner`; this process's own count when the shared one does not answer. */
  private async admit(owner: string): Promise<number | undefined> {
    const [now, perMinute] = [this.now(), this.options.config.commandsPerMinute];
    try {
      return await this.rate.admit(owner, now, perMinute);
    } catch (error) {
      if (this.rate === this.localRate) throw error;
      this.logger.warn('the shared command limit did not answer; counting in this process', { error });
      return this.localRate.admit(owner, now, perMinute);
    }
  }

  /**
   * `/docker try reset`: removes everything of the person's and forgets their playground. With several
   * engines it removes their things from every engine that answers; when their playground's engine does not,
   * it is forgotten all the same, so their next command starts a fresh one on an engine that answers (what
   * they had there is removed when that engine answers again: sweepReturned).
   */
  reset(owner: string): Promise<Message> {
    return this.serially(owner, async () => {
      const record = await this.options.store.get(owner);
      const home = record ? this.homeOf(record) : undefined;
      const lanes = this.several ? this.engines.lanes.filter((lane) => lane.usable) : this.engines.lanes;
      if (lanes.length === 0) return sayMessage(ENGINE_DOWN('`reset`'));
      const labels = { [LABEL.owner]: owner, [LABEL.demo]: 'playground' };
      let containers = 0;
      let images = 0;
      const problems: string[] = [];
      const reached: EngineLane[] = [];
      for (const lane of lanes) {
        const answer = await this.withSlot(lane, owner, async () => {
          let found: [unknown[], unknown[]];
          try {
            found = await Promise.all([
              lane.sandbox.containers.list(labels),
              lane.sandbox.images.list(labels),
            ]);
          } catch (error) {
            if (!(error instanceof SandboxUnavailable)) throw error;
            lane.saw(false, error);
            return this.several ? undefined : sayMessage(ENGINE_DOWN('`reset`'));
          }
          containers += found[0].length;
          images += found[1].length;
          problems.push(...(await this.clean(owner, lane)));
          reached.push(lane);
          return undefined;
        });
        if (answer) return answer;
      }
      if (reached.length === 0) return sayMessage(ENGINE_DOWN('`reset`'));
      await this.options.store.forget(owner);
      if (this.several && record && !reached.includes(home as EngineLane)) return sayMessage(ENGINE_LEFT);
      if (problems.length)
        return sayMessage(
          'Some of your things could not be removed yet; the janitor will remove them shortly.',
        );
      if (!containers && !images)
        return sayMessage(
          'Your playground is already empty. Start with `/docker try run busybox echo hello`.',
        );
      return sayMessage(
        `🧹 Your playground is empty again: removed ${plural(containers, 'container')} and ${plural(images, 'image')}. \`/docker try\` shows how to start.`,
      );
    });
  }

  /**
   * The App Home's part: the person's containers as `docker ps -a` shows them. Nothing is asked of the engine
   * for someone who has no playground, and nothing is counted against their commands a minute.
   */
  async homeBlocks(person: Person): Promise<Block[]> {
    const owner = `${person.teamId ?? '-'}:${person.userId}`;
    const start = 'Try `/docker try run busybox echo hello`.';
    const record = await this.options.store.get(owner);
    if (!record) return [{ type: 'markdown', text: `**Your playground** is empty. ${start}` }];
    const parsed = parseCommand(['ps', '-a']);
    const lane = this.homeOf(record);
    if (!parsed.ok) return [];
    try {
      if (!lane || (this.several && !lane.usable)) throw new SandboxUnavailable(`engine ${record.engine}`);
      const ctx = await this.context(new Namespace(owner), lane);
      const { output } = capped(await HANDLERS.ps(ctx, parsed.command));
      const rows = output.split('\n').length - 1;
      if (rows <= 0) return [{ type: 'markdown', text: `**Your playground** has no containers. ${start}` }];
      return [
        { type: 'markdown', text: `**Your playground** (\`/docker try ps -a\`):\n\`\`\`\n${output}\n\`\`\`` },
      ];
    } catch (error) {
      this.logger.warn('could not list a playground for the App Home', { reason: (error as Error).message });
      return [{ type: 'context', text: 'Your playground cannot be listed right now.' }];
    }
  }

  /** Rebuilds a private answer for Share in channel, saying who shared it. */
  shared(id: string, sharedBy: string): Message | undefined {
    const answer = this.answers.get(id);
    return answer && answerMessage(answer, { sharedBy });
  }

  /**
   * Removes playgrounds unused for PLAYGROUND_IDLE_MINUTES: their objects first, then the record, so a crash
   * between the two leaves a record the next sweep finishes. Objects of owners this store does not know (another
   * deployment on the same engine, a lost database) are left to the janitor's expiry labels. A sweep under way
   * is shared. Never throws.
   */
  sweep(): Promise<unknown> {
    this.sweeping ??= this.sweepOnce()
      .catch((error: unknown) => {
        if (error instanceof SandboxUnavailable)
          this.logger.debug('sweep: the engine is unavailable', { error });
        else this.logger.warn('playground sweep failed', { error });
      })
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const { store, config } = this.options;
    const cutoff = new Date(this.now() - config.idleMs);
    let expired = 0;
    for (const record of await store.idleSince(cutoff)) {
      const lane = this.homeOf(record);
      // An engine that does not answer keeps its idle playgrounds until it does (one of several engines).
      if (lane && this.several && !lane.usable) continue;
      await this.serially(record.owner, async () => {
        const still = await store.get(record.owner);
        if (!still || still.lastActiveAt >= cutoff) return; // used meanwhile
        // An engine no longer configured: nothing of it can be reached, the record goes.
        if (lane) await this.clean(record.owner, lane);
        if (await store.forget(record.owner, cutoff)) expired++;
      });
    }
    if (this.rate !== this.localRate) await this.localRate.prune(this.now());
    await this.rate
      .prune(this.now())
      .catch((error: unknown) => this.logger.warn('could not forget old playground commands', { error }));
    if (expired) this.logger.info('removed idle playgrounds', { expired });
  }

  /**
   * When one of several engines answers again: removes the playgrounds people left there, whose playground
   * is now on another engine or was reset meanwhile (their record names another engine, or there is none).
   * Never throws.
   */
  private async sweepReturned(lane: EngineLane): Promise<void> {
    if (!this.several) return;
    try {
      const labels = { [LABEL.demo]: 'playground' };
      const [containers, images] = await Promise.all([
        lane.sandbox.containers.list(labels),
        lane.sandbox.images.list(labels),
      ]);
      const owners = new Set(
        [...containers, ...images].map((item) => item.labels[LABEL.owner]).filter((o): o is string => !!o),
      );
      let removed = 0;
      for (const owner of owners)
        await this.serially(owner, async () => {
          const record = await this.options.store.get(owner);
          if (record && this.homeOf(record) === lane) return; // still theirs
          await this.clean(owner, lane);
          removed++;
        });
      if (removed)
        this.logger.info('removed playgrounds left on an engine that is back', {
          engine: lane.address,
          removed,
        });
    } catch (error) {
      this.logger.warn('could not sweep an engine that is back', {
        engine: lane.address,
        reason: (error as Error).message,
      });
    }
  }

  /**
   * Removes everything of the person's on an engine (cleanup needs no image, so none is made ready); what
   * could not go.
   */
  private clean(owner: string, lane: EngineLane): Promise<string[]> {
    const image = this.baseDetails.get(lane.address)?.image ?? { ref: '', id: '' };
    return this.session(new Namespace(owner), image, lane).cleanup(this.logger);
  }

  private async run(owner: string, shown: string, command: ParsedCommand): Promise<Message> {
    const { store } = this.options;
    const record = await store.get(owner);
    // A playground stays on its engine; a new one goes to the least loaded engine that answers.
    const lane = record ? this.homeOf(record) : this.engines.pick('playground');
    if (!lane || (this.several && !lane.usable)) {
      this.count(command.verb, 'unavailable');
      return sayMessage(record ? ENGINE_AWAY(`\`${shown}\``) : ENGINE_DOWN(`\`${shown}\``));
    }
    await store.touch(owner, new Date(this.now()), lane.address);
    const ns = new Namespace(owner);
    try {
      return await this.withSlot(lane, owner, async () => {
        const ctx = await this.context(ns, lane);
        const outcome = capped(await HANDLERS[command.verb](ctx, command));
        this.count(command.verb, 'ok');
        return this.reply({ command: shown, ...outcome });
      });
    } catch (error) {
      if (error instanceof CommandError) {
        this.count(command.verb, 'error');
        return this.reply({ command: shown, output: ns.unmask(error.message), notes: [] });
      }
      if (error instanceof Refusal) {
        this.count(command.verb, 'refused');
        return this.reply({ command: shown, output: '', problem: ns.unmask(error.message), notes: [] });
      }
      if (error instanceof SandboxRefused) {
        this.count(command.verb, 'error');
        return this.reply({
          command: shown,
          output: `Error response from daemon: ${ns.unmask(error.reason)}`,
          notes: [],
        });
      }
      this.count(command.verb, 'unavailable');
      if (this.closing.signal.aborted)
        return sayMessage('Stopped: the bot is restarting. Please try again in a minute.');
      if (error instanceof SandboxUnavailable || error instanceof DemoImageUnavailable) {
        if (error instanceof SandboxUnavailable) lane.saw(false, error);
        this.logger.warn('playground command could not run', {
          verb: command.verb,
          engine: lane.address,
          reason: error.message,
        });
        return sayMessage((this.several ? ENGINE_AWAY : ENGINE_DOWN)(`\`${shown}\``));
      }
      throw error;
    }
  }

  /**
   * Runs engine work in one of the engine's slots shared with demos, or says the sandbox is busy. With
   * replicas on one database, the slot is also one of the engine's across every replica (sharedSlots).
   */
  private async withSlot<T>(
    lane: EngineLane,
    owner: string,
    work: () => Promise<T | Message>,
  ): Promise<T | Message> {
    const waiting = AbortSignal.any([this.closing.signal, AbortSignal.timeout(SLOT_WAIT_MS)]);
    let release: Release;
    let shared: (() => Promise<void>) | undefined;
    try {
      release = await lane.capacity.take(waiting);
    } catch {
      return sayMessage(BUSY);
    }
    try {
      shared = await this.options.sharedSlots?.take(
        lane.address,
        owner,
        lane.capacity.playgroundSlots,
        waiting,
      );
    } catch {
      release();
      return sayMessage(BUSY);
    }
    try {
      return await work();
    } finally {
      release();
      await shared?.();
    }
  }

  private async context(ns: Namespace, lane: EngineLane): Promise<CommandContext> {
    const { config } = this.options;
    const { sandbox } = lane;
    const image = await lane.image.ensure();
    const signal = AbortSignal.any([
      this.closing.signal,
      AbortSignal.timeout(config.timeLimitMs + COMMAND_SLACK_MS),
    ]);
    return {
      ns,
      session: this.session(ns, image, lane, signal),
      sandbox,
      base: await this.baseImage(lane, image, signal),
      limits: config,
      signal,
      now: this.now(),
    };
  }

  /** The person's session: their namespace's names and labels, expiring PLAYGROUND_LIFETIME_MS from now. */
  private session(ns: Namespace, image: ImageRef, lane: EngineLane, signal?: AbortSignal): SandboxSession {
    const lifetimeMs = Math.max(PLAYGROUND_LIFETIME_MS, this.options.config.idleMs);
    return new SandboxSession(lane.sandbox, {
      image,
      identity: {
        sessionId: ns.sessionId,
        purpose: 'playground',
        instance: this.options.instance,
        owner: ns.owner,
        expiresAt: this.now() + lifetimeMs,
      },
      lifetimeMs,
      signal,
    });
  }

  private async baseImage(lane: EngineLane, image: ImageRef, signal: AbortSignal): Promise<BaseImage> {
    let details = this.baseDetails.get(lane.address);
    if (details?.image.id !== image.id) {
      const info = await lane.sandbox.images.inspect(image.ref, signal);
      details = {
        image,
        ...this.base,
        size: info?.size ?? 0,
        created: info ? Date.parse(info.created) / 1000 : 0,
      };
      this.baseDetails.set(lane.address, details);
    }
    return details;
  }

  /** One person's commands one at a time, in order; a sweep of their playground waits its turn too. */
  private serially<T>(owner: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(owner) ?? Promise.resolve();
    const next = before.then(work);
    const settled = next.catch(() => undefined);
    this.queues.set(owner, settled);
    void settled.then(() => {
      if (this.queues.get(owner) === settled) this.queues.delete(owner);
    });
    return next;
  }

  private intro(): Message {
    const { config } = this.options;
    return introMessage({
      maxContainers: config.maxContainers,
      maxImages: config.maxImages,
      commandsPerMinute: config.commandsPerMinute,
      idleMinutes: config.idleMs / 60_000,
      timeLimitS: config.timeLimitMs / 1000,
      baseName: this.base.repo,
    });
  }

  private refuse(command: string, problem: string, outcome: string): Message {
    this.count(command.split(' ')[1] ?? '', outcome);
    return this.reply({ command, output: '', problem, notes: [] });
  }

  private reply(answer: PlaygroundAnswer): Message {
    const id = randomBytes(6).toString('hex');
    this.answers.set(id, answer);
    if (this.answers.size > SHAREABLE) this.answers.delete(this.answers.keys().next().value ?? '');
    return answerMessage(answer, { shareId: id });
  }

  private count(verb: string, outcome: string): void {
    this.options.metrics?.playgroundCommands.inc({
      verb: /^[a-z]{1,10}$/.test(verb) ? verb : 'other',
      outcome,
    });
  }
}

/** `busybox:1.36.1` → offered as `busybox`, with tags `latest` and `1.36.1`. */
export function baseNames(demoImage: string): { repo: string; tags: string[] } {
  const withoutDigest = demoImage.split('@')[0] ?? demoImage;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const path = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : 'latest';
  return { repo: path.split('/').pop() ?? path, tags: [...new Set(['latest', tag])] };
}

const ENGINE_DOWN = (what: string) =>
  `The playground’s Docker engine is not answering right now, so ${what} did not run. Explanations still work: try \`/docker container\`. Please try again in a minute.`;

/** With several engines: the person's playground is on one that does not answer. */
const ENGINE_AWAY = (what: string) =>
  `Your playground’s Docker engine is unavailable right now, so ${what} did not run. \`/docker try reset\` starts a fresh playground on an engine that answers (what you had is removed when that engine is back); or try again in a minute.`;

const ENGINE_LEFT =
  'Your playground’s Docker engine is unavailable, so what you had there stays until it is back (then it is removed). Your playground is fresh: the next `/docker try` command starts it on an engine that answers.';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
