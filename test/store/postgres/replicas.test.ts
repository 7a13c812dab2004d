import { PgCommandRate, PgDemoLeases, PgSeenEvents } from '../../../src/store/postgres/replicas';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
import { commandRateContract } from '../command-rate.contract';
import { demoLeasesContract } from '../demo-leases.contract';

describeWithPostgres('PgDemoLeases', () => {
  demoLeasesContract(async () => {
    const { db, cleanup } = await openTestDatabase();
    return { open: () => new PgDemoLeases(db), cleanup };
  });
});

describeWithPostgres('PgSeenEvents', () => {
  it('gives each event id to one of several replicas taking it at once, and forgets it after the hour', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      const replicas = [new PgSeenEvents(db), new PgSeenEvents(db), new PgSeenEvents(db)];
      const at = new Date('2026-01-01T10:00:00Z');
      for (const id of ['Ev1', 'Ev2', 'Ev3']) {
        const taken = await Promise.all(replicas.map((r) => r.first(id, at)));
        expect(taken.filter(Boolean)).toHaveLength(1);
      }
      const hourLater = new Date(at.getTime() + 61 * 60_000);
      expect(await replicas[0]?.first('Ev4', hourLater)).toBe(true);
      expect(await replicas[1]?.first('Ev1', hourLater)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});

describeWithPostgres('PgCommandRate', () => {
  commandRateContract(async () => {
    const { db, cleanup } = await openTestDatabase();
    return { rate: new PgCommandRate(db), cleanup };
  });

  it('gives one person the limit once across replicas answering their commands at the same moment', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      const replicas = [new PgCommandRate(db), new PgCommandRate(db), new PgCommandRate(db)];
      // Twelve commands at once, four through each replica, against a limit of five a minute.
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => replicas[i % 3]?.admit('T1:U1', 1_000 + i, 5)),
      );
      expect(answers.filter((wait) => wait === undefined)).toHaveLength(5);
      expect(await replicas[0]?.admit('T1:U2', 2_000, 5)).toBeUndefined();
    } finally {
      await cleanup();
    }
  });
});
