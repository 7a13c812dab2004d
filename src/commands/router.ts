import type { Topic } from '../content/load';
import { ContentError } from '../errors';
import { topicAnswer, unknownTopicAnswer } from '../explain/answers';
import { normalize } from '../explain/normalize';
import type { TopicIndex } from '../explain/topics';
import type { Button, Message } from '../message';
import type { AppMetrics } from '../ops/metrics';
import type { CommandRequest, Output, Subcommand } from '../transport';
import { helpMessage, helpSubcommand } from './help';

/** Longest command text we look at; the rest is ignored (Slack allows a few thousand characters). */
export const MAX_COMMAND_CHARS = 500;

/** Handles text that is neither a subcommand nor a topic (by default: "did you mean"). */
export type Fallback = (text: string, request: CommandRequest, output: Output) => Promise<void>;

export interface RouterOptions {
  topics: TopicIndex;
  /** Subcommands other than help, in the order help lists them. */
  subcommands?: readonly Subcommand[];
  /** Buttons to attach to a topic's answer (e.g. Run the demo). */
  topicButtons?: (topic: Topic) => Button[];
  fallback?: Fallback;
  /** Counts commands by verb (`dx_commands_total`). */
  metrics?: Pick<AppMetrics, 'commands'>;
}

/** The allow-list of `/docker` verbs: a subcommand by its first word, else a topic, else the fallback. */
export class CommandRouter {
  readonly subcommands: readonly Subcommand[];
  private readonly fallback: Fallback;
  /** Topic answers are the same every time, so each is built once. */
  private readonly answers = new Map<string, Message>();
  private helpAnswer?: Message;

  constructor(private readonly options: RouterOptions) {
    this.subcommands = [helpSubcommand(() => this.help()), ...(options.subcommands ?? [])];
    const verbs = new Set(this.subcommands.flatMap((sub) => [sub.name, ...(sub.aliases ?? [])]));
    for (const topic of options.topics.topics) {
      const taken = [topic.id, ...topic.aliases].find((name) => verbs.has(name));
      if (taken)
        throw new ContentError(topic.file, 'aliases', `"${taken}" is a command name and cannot name a topic`);
    }
    this.fallback =
      options.fallback ??
      (async (text, _request, output) => {
        await output.send(unknownTopicAnswer(text, options.topics));
      });
  }

  /** Help is fixed once the router is built, so it is built (and rendered) once. */
  help(): Message {
    this.helpAnswer ??= helpMessage(this.options.topics.topics, this.subcommands);
    return this.helpAnswer;
  }

  topicMessage(topic: Topic, sharedBy?: string): Message {
    const build = () => topicAnswer(topic, { sharedBy, buttons: this.options.topicButtons?.(topic) ?? [] });
    if (sharedBy) return build();
    let answer = this.answers.get(topic.id);
    if (!answer) {
      answer = build();
      this.answers.set(topic.id, answer);
    }
    return answer;
  }

  async dispatch(request: CommandRequest, output: Output): Promise<void> {
    const text = Array.from(request.text).slice(0, MAX_COMMAND_CHARS).join('');
    const plain = normalize(text);
    const count = (verb: string) => this.options.metrics?.commands.inc({ verb });
    if (plain === '') {
      count('help');
      await output.send(this.help());
      return;
    }
    const [first = '', ...rest] = plain.split(' ');
    const sub = this.subcommands.find((s) => s.name === first || s.aliases?.includes(first));
    if (sub) {
      count(sub.name);
      await sub.run(rest.join(' '), { ...request, text }, output);
      return;
    }
    const topic = this.options.topics.resolve(text);
    if (topic) {
      count('topic');
      await output.send(this.topicMessage(topic));
      return;
    }
    count('other');
    await this.fallback(text, { ...request, text }, output);
  }
}
