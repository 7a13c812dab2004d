import { LABEL } from '../../src/lab/policy';
import type { AppProcess } from '../helpers/app-process';
import { demoCalls, finishedDemo, readable } from '../helpers/demo-messages';
import { containersLabelled, describeWithDocker } from '../helpers/docker-engine';
import { describeWithPostgres } from '../helpers/postgres';
import { useReplicas } from '../helpers/replicas';
import { TEAM_ID } from '../helpers/slack-stub';

const CAPACITY = 2;

async function instanceOf(replica: AppProcess): Promise<string> {
  const health = (await (await fetch(`${replica.url}/healthz`)).json()) as { sandbox: { instance: string } };
  return health.sandbox.instance;
}

/**
 * Three replicas sharing one engine and one Postgres: DEMO_CONCURRENCY is the engine's capacity across all of
 * them, and a person has one demo at a time wherever their commands land.
 */
describeWithDocker('demos on three replicas', () => {
  describeWithPostgres('with leases in Postgres', () => {
    const set = useReplicas(3, { DEMO_CONCURRENCY: String(CAPACITY) });
    let instances: Set<string>;
    beforeAll(async () => {
      instances = new Set(await Promise.all(set.replicas.map(instanceOf)));
    });

    it('run within the engine capacity across replicas, queueing the rest, and all finish', async () => {
      const { stub, schema, replicas } = set;
      let watching = true;
      let mostRuns = 0;
      let mostLeases = 0;
      const watch = (async () => {
        while (watching) {
          const ours = (await containersLabelled({ [LABEL.managed]: 'true' })).filter((c) =>
            instances.has(c.Labels[LABEL.instance] ?? ''),
          );
          mostRuns = Math.max(mostRuns, new Set(ours.map((c) => c.Labels[LABEL.run])).size);
          const [leases] = await schema.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM demo_leases WHERE running = 1',
          );
          mostLeases = Math.max(mostLeases, leases?.n ?? 0);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const users = ['U0DEMOA', 'U0DEMOB', 'U0DEMOC', 'U0DEMOD', 'U0DEMOE', 'U0DEMOF'];
      try {
        const sent = await Promise.all(
          users.map((user, i) => (replicas[i % 3] as AppProcess).command('demo diff', user, `demo-${user}`)),
        );
        expect(sent).toEqual(users.map(() => 200));
        const finals = await Promise.all(users.map((user) => finishedDemo(stub, user, 90_000)));
        expect(finals.map((f) => String(f.body.text))).toEqual(
          users.map(() => expect.stringMatching(/done in/)),
        );
      } finally {
        watching = false;
        await watch;
      }
      expect(mostLeases).toBe(CAPACITY);
      expect(mostRuns).toBeLessThanOrEqual(CAPACITY);
      expect(mostRuns).toBeGreaterThan(0);
      expect(await schema.query('SELECT * FROM demo_leases')).toEqual([]);
    }, 120_000);

    it("share each engine's slots with playground commands across replicas, one always left for a demo", async () => {
      const { stub, schema, replicas } = set;
      let watching = true;
      let mostCommands = 0;
      const watch = (async () => {
        while (watching) {
          const [leases] = await schema.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM demo_leases WHERE running = 1 AND person LIKE 'try:%'",
          );
          mostCommands = Math.max(mostCommands, leases?.n ?? 0);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      // Three people's foreground commands through three replicas at once; each replica has a slot of its own
      // for them, but the engine has CAPACITY slots across all, and commands never take the last one.
      const users = ['U0TRYA', 'U0TRYB', 'U0TRYC'];
      try {
        const sent = await Promise.all(
          users.map((user, i) =>
            (replicas[i] as AppProcess).command(
              `try run busybox sh -c 'sleep 1; echo slept'`,
              user,
              `try-${user}`,
            ),
          ),
        );
        expect(sent).toEqual(users.map(() => 200));
        const answers = await Promise.all(
          users.map((user) =>
            stub.waitFor((calls) => calls.find((c) => c.responseId === `try-${user}`), 30_000),
          ),
        );
        for (const answer of answers) expect(readable(answer)).toContain('slept');
      } finally {
        watching = false;
        await watch;
      }
      expect(mostCommands).toBe(CAPACITY - 1);
      expect(await schema.query('SELECT * FROM demo_leases')).toEqual([]);
      // Their playgrounds go, so nothing is left on the engine for the tests after.
      await Promise.all(
        users.map((user, i) => (replicas[i] as AppProcess).command('try reset', user, `reset-${user}`)),
      );
      for (const user of users)
        await stub.waitFor((calls) => calls.find((c) => c.responseId === `reset-${user}`), 30_000);
      for (const user of users)
        expect(await containersLabelled({ [LABEL.owner]: `${TEAM_ID}:${user}` })).toEqual([]);
    }, 90_000);

    it('give a person one demo at a time, whichever replica their second command reaches', async () => {
      const { stub, replicas } = set;
      const [first, second] = replicas as [AppProcess, AppProcess];
      await first.command('demo diff', 'U0SAME', 'same-1');
      await stub.waitFor(() => demoCalls(stub, 'U0SAME').length > 0, 10_000);
      await second.command('demo layers', 'U0SAME', 'same-2');
      const busy = await stub.waitFor((calls) => calls.find((c) => c.responseId === 'same-2'), 10_000);
      expect(readable(busy)).toMatch(/You already have a demo running: one at a time/);
      expect(String((await finishedDemo(stub, 'U0SAME', 60_000)).body.text)).toMatch(
        /^Live demo diff: done in/,
      );
    }, 90_000);
  });
});
