import type Database from 'better-sqlite3';
import type { LearnedPhrasing, PhrasingBook, Pick } from '../explain/ports';
import { Store } from './store';

interface LearnedRow {
  id: number;
  question_key: string;
  question: string;
  answer_id: string;
  learned_at: string;
}

const toLearned = (row: LearnedRow): LearnedPhrasing => ({
  id: row.id,
  questionKey: row.question_key,
  question: row.question,
  answerId: row.answer_id,
  learnedAt: new Date(row.learned_at),
});

/** The PhrasingBook on SQLite: picks and learned phrasings (migration 4). */
export class SqlitePhrasingBook implements PhrasingBook {
  private readonly insertPick: Database.Statement;
  private readonly countPicks: Database.Statement;
  private readonly insertLearned: Database.Statement;
  private readonly allLearned: Database.Statement;
  private readonly db: Database.Database;

  constructor(store: Store) {
    const db = Store.handle(store);
    this.db = db;
    this.insertPick = db.prepare(
      `INSERT INTO answer_picks (question_key, answer_id, user_id, question, picked_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (question_key, answer_id, user_id) DO NOTHING`,
    );
    this.countPicks = db.prepare(
      'SELECT count(*) AS n FROM answer_picks WHERE question_key = ? AND answer_id = ?',
    );
    this.insertLearned = db.prepare(
      `INSERT INTO learned_phrasings (question_key, question, answer_id, learned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (question_key, answer_id) DO NOTHING`,
    );
    this.allLearned = db.prepare('SELECT * FROM learned_phrasings ORDER BY id');
  }

  async pick(pick: Pick): Promise<number> {
    this.insertPick.run(pick.questionKey, pick.answerId, pick.userId, pick.question, pick.at.toISOString());
    return (this.countPicks.get(pick.questionKey, pick.answerId) as { n: number }).n;
  }

  async learn(phrasing: Omit<LearnedPhrasing, 'id'>): Promise<LearnedPhrasing | undefined> {
    const result = this.insertLearned.run(
      phrasing.questionKey,
      phrasing.question,
      phrasing.answerId,
      phrasing.learnedAt.toISOString(),
    );
    if (result.changes === 0) return undefined;
    return { ...phrasing, id: Number(result.lastInsertRowid) };
  }

  async learned(): Promise<LearnedPhrasing[]> {
    return (this.allLearned.all() as LearnedRow[]).map(toLearned);
  }

  async remove(id: number): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM learned_phrasings WHERE id = ?').get(id) as
        | LearnedRow
        | undefined;
      if (!row) return false;
      this.db.prepare('DELETE FROM learned_phrasings WHERE id = ?').run(id);
      // Without this, the next pick of the same question would learn it straight back.
      this.db
        .prepare('DELETE FROM answer_picks WHERE question_key = ? AND answer_id = ?')
        .run(row.question_key, row.answer_id);
      return true;
    })();
  }
}
