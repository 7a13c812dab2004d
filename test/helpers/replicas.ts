import { type AppProcess, startAppProcess } from './app-process';
import { freshSchema, type TestSchema } from './postgres';
import { SlackStub } from './slack-stub';

/**
 * Replicas of the app behind one Slack stand-in: each a separate process (`node dist/main.js`, HTTP mode) with
 * its own INSTANCE_ID (`replica-<n>`), all on one Postgres schema, as a load balancer would have them.
 */
export async function startReplicas(
  stub: SlackStub,
  schema: TestSchema,
  count: number,
  env: Record<string, string> = {},
): Promise<AppProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) => startReplica(stub, schema, `replica-${n + 1}`, env)),
  );
}

export function startReplica(
  stub: SlackStub,
  schema: TestSchema,
  instanceId: string,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  return startAppProcess(stub, { DATABASE_URL: schema.url, INSTANCE_ID: instanceId, ...env });
}

/** Stops every replica still running the way an orchestrator does (SIGTERM: posts in flight finish). */
export async function stopAll(replicas: readonly (AppProcess | undefined)[]): Promise<void> {
  await Promise.all(replicas.map((replica) => replica?.stop()));
}

/** `kill -9` for every replica still running. */
export async function killAll(replicas: readonly (AppProcess | undefined)[]): Promise<void> {
  await Promise.all(replicas.map((replica) => replica?.kill()));
}

export interface ReplicaSet {
  stub: SlackStub;
  schema: TestSchema;
  replicas: AppProcess[];
}

/**
 * For a describe block: before its tests, a Slack stand-in, a fresh schema and `count` replicas on them;
 * after, all of it gone. Read the fields inside the tests.
 */
export function useReplicas(count: number, env: Record<string, string> = {}): ReplicaSet {
  const set = { replicas: [] } as unknown as ReplicaSet;
  beforeAll(async () => {
    set.stub = await new SlackStub().start();
    set.schema = await freshSchema();
    set.replicas = await startReplicas(set.stub, set.schema, count, env);
  }, 30_000);
  afterAll(async () => {
    await killAll(set.replicas);
    await set.stub?.stop();
    await set.schema?.drop();
  });
  return set;
}
