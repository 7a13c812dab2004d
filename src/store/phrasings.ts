import type Database from 'better-sqlite3';
import type { LearnedPhrasing, PhrasingBook, Pick } from '../explain/ports';
import { type LearnedRow, learnParams, pickParams, toLearned } from './rows';
import { PHRASING_SQL } from './sql';
import { Store } from './store';

/** The PhrasingBook on SQLite: picks and learned phrasings (migration 5). */
export class SqlitePhrasingBook implements PhrasingBook {
  private readonly insertPick: Database.Statement;
  private readonly countPicks: Database.Statement;
  private readonly insertLearned: Database.Statement;
  private readonly allLearned: Database.Statement;
  private readonly db: Database.Database;

  constructor(store: Store) {
    const db = Store.handle(store);
    this.db = db;
    this.insertPick = db.prepare(PHRASING_SQL.pick);
    this.countPicks = db.prepare(PHRASING_SQL.countPicks);
    this.insertLearned = db.prepare(PHRASING_SQL.learn);
    this.allLearned = db.prepare(PHRASING_SQL.learned);
  }

  async pick(pick: Pick): Promise<number> {
    this.insertPick.run(pickParams(pick));
    return (this.countPicks.get(pickParams(pick)) as { n: number }).n;
  }

  async learn(phrasing: Omit<LearnedPhrasing, 'id'>): Promise<LearnedPhrasing | undefined> {
    const row = this.insertLearned.get(learnParams(phrasing)) as { id: number; team_id: string } | undefined;
    return row && { ...phrasing, id: row.id, team: row.team_id };
  }

  async learned(): Promise<LearnedPhrasing[]> {
    return (this.allLearned.all() as LearnedRow[]).map(toLearned);
  }

  async learnedEverywhere(): Promise<LearnedPhrasing[]> {
    return (this.db.prepare(PHRASING_SQL.learnedEverywhere).all() as LearnedRow[]).map(toLearned);
  }

  async remove(id: number): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.db.prepare(PHRASING_SQL.remove).get({ id }) as LearnedRow | undefined;
      if (row)
        this.db
          .prepare(PHRASING_SQL.forgetPicks)
          .run({ team: row.team_id, questionKey: row.question_key, answerId: row.answer_id });
      return Boolean(row);
    })();
  }
}
