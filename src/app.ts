import { CommandRouter } from './commands/router';
import { ShareRegistry } from './commands/share';
import { type Config, loadConfig } from './config';
import { runConsole } from './console/console';
import { DEFAULT_CONTENT_DIR, loadContent } from './content/load';
import { loadNarratives } from './demos/narratives';
import { DemoService } from './demos/service';
import { TopicIndex } from './explain/topics';
import { createLogger, type Logger } from './log';
import { DockerSandbox } from './sandbox/docker-sandbox';
import { engineOptions } from './sandbox/engine-options';
import { startSlack } from './slack/app';
import { Store } from './store/store';

export interface RunningApp {
  config: Config;
  /** The HTTP port, in HTTP mode. */
  port?: number;
  /** Settles when the app has nothing more to do (the console's input ended); never, for Slack. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  contentDir?: string;
  logger?: Logger;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * The composition root: the only place that knows every part. Reads the configuration, loads the content,
 * builds the domains and starts the chosen transport.
 */
export async function startApp(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const contentDir = options.contentDir ?? DEFAULT_CONTENT_DIR;
  const content = loadContent(contentDir);
  const topics = new TopicIndex(content.topics);
  const sandbox = new DockerSandbox(engineOptions(config.sandbox));
  const demos = new DemoService({
    sandbox,
    narratives: loadNarratives(contentDir),
    topics: content.topics,
    config: { ...config.demos, demoImage: config.sandbox.demoImage, busyboxPath: config.sandbox.busyboxPath },
    logger,
    engineAddress: sandbox.address,
  });
  const store = Store.open(config.dataDir);
  const closeAll = async () => {
    await demos.stop();
    store.close();
  };

  const router = new CommandRouter({
    topics,
    subcommands: [demos.subcommand],
    topicButtons: demos.topicButtons,
  });
  const shares = new ShareRegistry();
  shares.register('topic', (id, sharedBy) => {
    const topic = topics.get(id);
    return topic && router.topicMessage(topic, sharedBy);
  });
  demos.start({ warmUp: config.transport !== 'console' });

  if (config.transport === 'console') {
    const done = runConsole({
      router,
      logger,
      input: options.stdin ?? process.stdin,
      output: options.stdout ?? process.stdout,
    });
    return { config, done, stop: closeAll };
  }

  const slack = await startSlack(config, {
    router,
    shares,
    logger,
    health: demos.health,
    runDemo: demos.run,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  return {
    config,
    port: slack.port,
    done: new Promise<void>(() => undefined),
    stop: async () => {
      await slack.stop();
      await closeAll();
    },
  };
}
