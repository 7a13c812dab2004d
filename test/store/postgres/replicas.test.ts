import { PgDemoLeases, PgSeenEvents } from '../../../src/store/postgres/replicas';
import { describeWithPostgres, openTestDatabase } from '../../helpers/postgres';
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
