import type { DemoLeases } from '../demos/leases';
import type { AnswerLog, ListenChannels, PhrasingBook } from '../explain/ports';
import type { Logger } from '../ops/log';
import type { HealthCheck } from '../ops/server';
import type { CommandRateLimit } from '../playground/rate';
import type { PlaygroundStore } from '../playground/store';
import type { QuizStore } from '../quiz/store';
import type { TipStore } from '../tips/store';
import type { TourStore } from '../tour/store';
import type { DeliveryLedger } from '../transport';
import { type InstallationTable, PgInstallations, SqliteInstallations } from './installations';
import { SqlitePhrasingBook } from './phrasings';
import { SqlitePlaygroundStore } from './playground';
import { PgDatabase } from './postgres/database';
import { PgQuizStore, PgTourStore } from './postgres/learning';
import { PgPlaygroundStore } from './postgres/playground';
import { PgAnswerLog, PgListenChannels, PgPhrasingBook } from './postgres/questions';
import { PgCommandRate, PgDemoLeases, PgSeenEvents } from './postgres/replicas';
import { PgTipStore } from './postgres/tips';
import { SqliteAnswerLog, SqliteListenChannels } from './questions';
import { SqliteQuizStore } from './quiz';
import { Store } from './store';
import { SqliteTipStore } from './tips';
import { SqliteTourStore } from './tour';

/** Every store the app keeps, on one database. */
export interface Stores {
  kind: 'sqlite' | 'postgres';
  tips: TipStore;
  answers: AnswerLog;
  listening: ListenChannels;
  phrasings: PhrasingBook;
  /** Who has a /docker try playground, and when they last used it. */
  playground: PlaygroundStore;
  /** The learning path: each person's place in the tour, quiz rounds, answers and channel quizzes. */
  tour: TourStore;
  quiz: QuizStore;
  /** Only on a database replicas share: Slack event ids taken once across replicas. */
  deliveries?: DeliveryLedger;
  /** Only on a database replicas share: demo leases (one per person, capacity per engine). */
  demoLeases?: DemoLeases;
  /** Only on a database replicas share: the playground's commands per person per minute, counted once. */
  commandRate?: CommandRateLimit;
  /** Where the app is installed (OAuth, many workspaces): sealed installations. */
  installations: InstallationTable;
  /** Deletes one workspace's installation and its rows in every table, in one transaction; returns how many. */
  forgetTeam(team: string): Promise<number>;
  /** The database's part of /healthz. */
  health: HealthCheck;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** DATABASE_URL: Postgres, shared by replicas; unset: SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** INSTANCE_ID: whose tip claims these are. */
  owner: string;
  logger: Logger;
  /** The current workspace (src/tenancy.ts), bound to every statement's `@team`; '' by default. */
  team?: () => string;
}

/**
 * Opens the one database the app keeps its state in and builds every store on it: Postgres when DATABASE_URL
 * is set (several replicas may share it), else SQLite in DATA_DIR (one process). Migrations are applied on
 * the way; a database that cannot be opened or reached throws a StoreError saying what to fix.
 */
export async function openStores(options: StoreOptions): Promise<Stores> {
  if (options.databaseUrl) {
    const logger = options.logger.child('database');
    const db = await PgDatabase.open(options.databaseUrl, {
      onIdleError: (error) => logger.warn('a database connection broke while idle', { error }),
      team: options.team,
    });
    logger.info('using Postgres', { target: db.target });
    return {
      kind: 'postgres',
      tips: new PgTipStore(db, { owner: options.owner }),
      answers: new PgAnswerLog(db),
      listening: new PgListenChannels(db),
      phrasings: new PgPhrasingBook(db),
      playground: new PgPlaygroundStore(db),
      tour: new PgTourStore(db),
      quiz: new PgQuizStore(db),
      deliveries: new PgSeenEvents(db),
      demoLeases: new PgDemoLeases(db),
      commandRate: new PgCommandRate(db),
      installations: new PgInstallations(db),
      forgetTeam: (team) => db.forgetTeam(team),
      health: () => db.health(),
      close: () => db.close(),
    };
  }
  const store = Store.open(options.dataDir, undefined, options.team);
  return {
    kind: 'sqlite',
    tips: new SqliteTipStore(store, { owner: options.owner }),
    answers: new SqliteAnswerLog(store),
    listening: new SqliteListenChannels(store),
    phrasings: new SqlitePhrasingBook(store),
    playground: new SqlitePlaygroundStore(store),
    tour: new SqliteTourStore(store),
    quiz: new SqliteQuizStore(store),
    installations: new SqliteInstallations(store),
    forgetTeam: async (team) => store.forgetTeam(team),
    health: () => ({ database: { kind: 'sqlite', file: store.file, status: 'ok' } }),
    close: async () => store.close(),
  };
}
