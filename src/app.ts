import { ActionRegistry } from './commands/actions';
import { askFallback, askSubcommand } from './commands/ask';
import { demoSubcommand } from './commands/demo';
import { listenSubcommand } from './commands/listen';
import { CommandRouter } from './commands/router';
import { tipSubcommand } from './commands/tip';
import { tipsSubcommand } from './commands/tips';
import { trySubcommand } from './commands/try';
import { type Config, loadConfig } from './config';
import { runConsole } from './console/console';
import { DEFAULT_CONTENT_DIR, loadContent } from './content/load';
import { demoActions } from './demos/actions';
import { SharedDemoSlots } from './demos/leases';
import { loadNarratives } from './demos/narratives';
import { DemoService } from './demos/service';
import { answerActions } from './explain/actions';
import { QuestionAnswerer } from './explain/ask';
import { AnswerIndex } from './explain/search';
import { TopicIndex } from './explain/topics';
import { SharedCommandSlots } from './lab/leases';
import { loadLearning, setUpLearning } from './learning';
import { createLogger, type Logger } from './ops/log';
import { type AppMetrics, appMetrics } from './ops/metrics';
import { PrometheusMetrics } from './ops/prometheus';
import { type OpsServer, opsEndpoints, startOpsServer } from './ops/server';
import { stopInOrder } from './ops/shutdown';
import { PLAYGROUND_SHARE_KIND } from './playground/messages';
import { PlaygroundService } from './playground/service';
import { QUIZ_STATS_SHARE_KIND } from './quiz/messages';
import { DockerSandbox } from './sandbox/docker-sandbox';
import { engineOptions } from './sandbox/engine-options';
import { ShareRegistry, shareAction } from './share';
import { startSlack } from './slack/app';
import type { SlackDeps } from './slack/deps';
import { sealedInstallations } from './slack/installations';
import { type BotToken, slackSurfaces } from './slack/surfaces';
import { slackTipPoster } from './slack/tip-poster';
import { countingFetch } from './slack/web-api-metrics';
import { openStores } from './store/open';
import { manyWorkspaces, singleWorkspace } from './tenancy';
import { tipActions } from './tips/actions';
import { TIP_SHARE_KIND } from './tips/message';
import { setUpTips } from './tips/setup';

export interface RunningApp {
  config: Config;
  /** The HTTP port, in HTTP mode. */
  port?: number;
  /** The operations server's port, when METRICS_PORT is set. */
  opsPort?: number;
  logger: Logger;
  /** Stops everything, transports first, and closes the store; calling it again waits for the same stop. */
  /** Settles when the app has nothing more to do (the console's input ended); never, for Slack. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  contentDir?: string;
  logger?: Logger;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Where parts record metrics (the default records nothing). */
  metrics?: AppMetrics;
}

/**
 * The composition root: the only place that knows every part. Reads the configuration, loads the content,
 * builds the domains and starts the chosen transport.
 */
export async function startApp(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const { slack: credentials } = config;
  const logger =
    options.logger ??
    createLogger(config.logLevel, process.stderr, {
      format: config.logFormat,
      secrets: [
        credentials.botToken,
        credentials.appToken,
        credentials.signingSecret,
        config.metricsToken,
        credentials.oauth?.clientSecret,
        credentials.oauth?.stateSecret,
        credentials.oauth?.encryptionKey.toString('hex'),
        credentials.oauth?.encryptionKey.toString('base64'),
      ],
    });
  // One workspace (a bot token in the environment) or many (OAuth): which one a request is for.
  const tenancy = credentials.oauth ? manyWorkspaces() : singleWorkspace;
  const prometheus = new PrometheusMetrics();
  const metrics = options.metrics ?? appMetrics(prometheus);
  const contentDir = options.contentDir ?? DEFAULT_CONTENT_DIR;
  const content = loadContent(contentDir);
  const topics = new TopicIndex(content.topics);
  const stores = await openStores({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    owner: config.instanceId,
    logger,
    team: () => tenancy.team(),
  });
  // Many workspaces: installations sealed in the database; each workspace's bot token comes from its own.
  const installations =
    credentials.oauth &&
    sealedInstallations(stores.installations, credentials.oauth.encryptionKey, logger.child('slack'));
  const botToken: BotToken = installations
    ? () => installations.botToken(tenancy.team())
    : (config.slack.botToken ?? '');
  // Every sandbox engine (DOCKER_HOSTS, or the one of DOCKER_HOST), each with DEMO_CONCURRENCY slots shared by
  // demos and playground commands, demos first.
  const engines = config.sandbox.engines.map((engine) => {
    const sandbox = new DockerSandbox(engineOptions(engine));
    return { sandbox, address: sandbox.key, describe: sandbox.address, problem: sandbox.problem };
  });
  const [firstEngine] = engines;
  // With replicas on one database, demos are admitted through leases there too: one per person, and at most
  // DEMO_CONCURRENCY on each engine, across every replica.
  const gate =
    stores.demoLeases &&
    new SharedDemoSlots({
      leases: stores.demoLeases,
      engine: firstEngine?.address ?? '',
      holder: config.instanceId,
      capacity: config.demos.concurrency,
      logger: logger.child('demos'),
    });
  // Built inside one try: content checked here (the learning path's) may stop start-up, and then the
  // database opened above is closed again.
  let demos: DemoService;
  let learned: ReturnType<typeof loadLearning>;
  let playground: PlaygroundService;
  try {
    demos = new DemoService({
      engines,
      narratives: loadNarratives(contentDir),
      topics: content.topics,
      config: {
        ...config.demos,
        demoImage: config.sandbox.demoImage,
        busyboxPath: config.sandbox.busyboxPath,
      },
      logger,
      metrics,
      gate,
    });
    learned = loadLearning(
      contentDir,
      content.topics,
      demos.catalogue.entries.map((e) => ({ id: e.demo.id, title: e.narrative.title, try: e.narrative.try })),
    );
    playground = new PlaygroundService({
      engines: demos.engines,
      demoImage: config.sandbox.demoImage,
      store: stores.playground,
      config: config.playground,
      instance: demos.instance,
      logger,
      sweepIntervalMs: config.demos.janitorIntervalMs,
      metrics,
      // With replicas on one database, a person's commands per minute are counted there, once for all.
      rate: stores.commandRate,
      // …and each command takes one of its engine's slots across replicas, as demos do.
      sharedSlots:
        stores.demoLeases &&
        new SharedCommandSlots({
          leases: stores.demoLeases,
          holder: config.instanceId,
          ttlMs: config.playground.timeLimitMs + 15_000,
          logger: logger.child('playground'),
        }),
    });
  } catch (error) {
    await stores.close();
    throw error;
  }
  let shuttingDown = false;
  const endpoints = opsEndpoints({
    transport: config.transport,
    health: [demos.health, stores.health, () => (shuttingDown ? { status: 'stopping' } : {})],
    extra: { '/metrics': prometheus.endpoint(config.metricsToken) },
  });
  let ops: OpsServer | undefined;
  /**
   * The parts to stop, in order: the tip scheduler (between posts); demos (new ones are refused with "restarting",
   * running ones finish within their time limit, or the shutdown bound less 5 s, and clean up) while Slack
   * still answers; then the transports, the playground; the store last.
   */
  const stopping: [string, () => Promise<void> | void][] = [
    ['demos', () => demos.stop(Math.max(0, config.shutdownTimeoutMs - 5000))],
    ['operations server', () => ops?.stop()],
    ['playground', () => playground.stop()],
    ['store', () => stores.close()],
  ];
  const stopAll = once(() => {
    shuttingDown = true;
    return stopInOrder(stopping, logger);
  });

  const tips = setUpTips({
    config: config.tips,
    tips: content.tips,
    store: stores.tips,
    logger,
    scheduled: config.transport !== 'console',
    metrics,
    inTeam: (team, work) => tenancy.run(team, work),
  });

  const { answers, listening } = stores;
  await answers.forgetUnvotedBefore(new Date(Date.now() - config.questionRetentionDays * 86_400_000));
  const indexStarted = performance.now();
  const answerIndex = new AnswerIndex(content);
  logger.debug('answer index built', {
    entries: answerIndex.size,
    ms: Math.round(performance.now() - indexStarted),
  });

  // Buttons under a topic's explanation and under answers from it: Run the demo, where a topic has one.
  const topicButtons = demos.topicButtons;
  const answerer = new QuestionAnswerer({
    index: answerIndex,
    content,
    log: answers,
    phrasings: stores.phrasings,
    topicButtons,
    metrics,
    // Learned phrasings are each workspace's own, read under the asking workspace.
    team: tenancy.mode === 'many' ? () => tenancy.team() : undefined,
  });
  // The learning path: tour, quiz and App Home; in Slack the tour runs in each person's DM with the bot.
  const learning = setUpLearning({
    content: learned,
    tourStore: stores.tour,
    quizStore: stores.quiz,
    tipChannels: () => tips.desk.channels(),
    surfaces:
      config.transport === 'console'
        ? undefined
        : slackSurfaces({
            token: botToken,
            team: () => tenancy.team(),
            apiUrl: config.slack.apiUrl,
            logger: logger.child('slack'),
            fetch: countingFetch(metrics),
          }),
    logger,
    playground,
  });
  const router = new CommandRouter({
    topics,
    topicButtons,
    subcommands: [
      askSubcommand(answerer),
      listenSubcommand(listening),
      tipSubcommand(tips.desk),
      tipsSubcommand(tips.desk),
      demoSubcommand(demos),
      trySubcommand(playground),
      ...learning.subcommands,
    ],
    fallback: askFallback(answerer, topics),
    metrics,
  });
  const shares = new ShareRegistry();
  shares.register('topic', (id, sharedBy) => {
    const topic = topics.get(id);
    return topic && router.topicMessage(topic, sharedBy);
  });
  shares.register('answer', (ref, sharedBy) => answerer.shared(Number(ref), sharedBy));
  shares.register(TIP_SHARE_KIND, (id, sharedBy) => tips.desk.shared(id, sharedBy));
  shares.register(PLAYGROUND_SHARE_KIND, (id, sharedBy) => playground.shared(id, sharedBy));
  shares.register(QUIZ_STATS_SHARE_KIND, (_id, sharedBy) => learning.quiz.stats(sharedBy));
  // Every button the answers above carry, with its handler: one registry, which the transports read.
  const actions = new ActionRegistry([
    shareAction(shares),
    ...answerActions(answerer),
    ...tipActions({
      next: (userId) => tips.desk.nextFor(userId),
      explain: (topicId) => {
        const topic = topics.get(topicId);
        return topic && router.topicMessage(topic);
      },
    }),
    ...demoActions(demos.run),
    ...learning.actions,
  ]);
  demos.start({ warmUp: config.transport !== 'console' });
  playground.start();
  if (config.metricsPort !== undefined) {
    ops = await startOpsServer({ port: config.metricsPort, endpoints, logger: logger.child('ops') }).catch(
      async (error: unknown) => {
        await stopAll();
        throw error;
      },
    );
  }
  const running = { config, logger, opsPort: ops?.port, stop: stopAll };

  if (config.transport === 'console') {
    const done = runConsole({
      router,
      logger,
      input: options.stdin ?? process.stdin,
      output: options.stdout ?? process.stdout,
    });
    return { ...running, done };
  }

  const slackDeps: SlackDeps = {
    router,
    actions,
    answerer,
    listening,
    deliveries: stores.deliveries,
    logger,
    metrics,
    opsEndpoints: endpoints,
    home: learning.home,
    tenancy,
    installations,
    forgetTeam: installations && ((team) => stores.forgetTeam(team)),
  };
  const slack = await startSlack(config, slackDeps).catch(async (error: unknown) => {
    await stopAll();
    throw error;
  });
  stopping.splice(1, 0, ['slack', () => slack.stop()]);
  let scheduler: Awaited<ReturnType<typeof tips.startScheduler>>;
  try {
    scheduler = await tips.startScheduler(
      slackTipPoster({
        token: botToken,
        apiUrl: config.slack.apiUrl,
        logger: logger.child('tips'),
        fetch: countingFetch(metrics),
      }),
      learning.dailyQuiz,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  // Between posts, never mid-post: the scheduler waits (bounded) for deliveries in flight.
  stopping.unshift(['tip scheduler', () => scheduler.stop()]);
  return { ...running, port: slack.port, done: new Promise<void>(() => undefined) };
}

/** The first call runs `work`; later calls get the same promise. */
function once(work: () => Promise<void>): () => Promise<void> {
  let started: Promise<void> | undefined;
  return () => {
    started ??= work();
    return started;
  };
}
