import type { Statement } from 'better-sqlite3';
import type { TourProgress, TourStore } from '../tour/store';
import { type TourProgressRow, toTourProgress, tourParams } from './rows';
import { TOUR_SQL } from './sql';
import { preparedStatements } from './statements';
import { Store } from './store';

/** The TourStore on SQLite (migration 7): one row per person, with the statements PgTourStore runs too. */
export class SqliteTourStore implements TourStore {
  private readonly sql: (text: string) => Statement;

  constructor(store: Store) {
    this.sql = preparedStatements(Store.handle(store));
  }

  async progress(userId: string): Promise<TourProgress | undefined> {
    const row = this.sql(TOUR_SQL.progress).get({ userId }) as TourProgressRow | undefined;
    return row && toTourProgress(row);
  }

  async save(progress: TourProgress): Promise<void> {
    this.sql(TOUR_SQL.save).run(tourParams(progress));
  }

  async counts(): Promise<{ started: number; finished: number }> {
    return this.sql(TOUR_SQL.counts).get() as { started: number; finished: number };
  }
}
