import { type AppProcess, startAppProcess } from './app-process';
import type { TestSchema } from './postgres';
import type { SlackStub } from './slack-stub';

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

/** `kill -9` for every replica still running. */
export async function killAll(replicas: readonly (AppProcess | undefined)[]): Promise<void> {
  await Promise.all(replicas.map((replica) => replica?.kill()));
}
