import path from 'node:path';
import dotenv from 'dotenv';
import { isStartupError } from '../errors';
import { silentLogger } from '../ops/log';
import { openStores } from '../store/open';

const USAGE = 'usage: npm run phrasings -- list | remove <id>';

/**
 * `npm run phrasings -- list|remove <id>`: the questions the bot learned from people's picks, in the
 * database the app uses (DATABASE_URL, else DATA_DIR). A running app notices a removal within 10 seconds.
 */
export async function phrasingsCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const [verb, id, ...extra] = args;
  if (
    !(verb === 'list' && id === undefined) &&
    !(verb === 'remove' && id !== undefined && extra.length === 0)
  ) {
    out(USAGE);
    return 2;
  }
  // The database the app uses: Postgres when DATABASE_URL is set, else SQLite in DATA_DIR.
  const stores = await openStores({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    owner: 'phrasings-cli',
    logger: silentLogger,
  });
  try {
    const book = stores.phrasings;
    if (verb === 'list') {
      const learned = await book.learnedEverywhere();
      if (learned.length === 0) out('No learned phrasings yet.');
      // Installed in many workspaces (OAuth), each line names the workspace whose people taught it.
      for (const p of learned)
        out(
          `${p.id}\t${p.learnedAt.toISOString()}\t${p.team ? `${p.team}\t` : ''}${p.answerId}\t${JSON.stringify(p.question)}`,
        );
      return 0;
    }
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n <= 0) {
      out(`"${id}" is not a phrasing id (see: npm run phrasings -- list)`);
      return 2;
    }
    if (!(await book.remove(n))) {
      out(`No learned phrasing has id ${n}.`);
      return 1;
    }
    out(`Removed learned phrasing ${n}.`);
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  phrasingsCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`phrasings: ${isStartupError(error) ? error.message : (error as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
