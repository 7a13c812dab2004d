import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

/** A store's SQL, each text prepared once on first use. */
export function preparedStatements(db: Database.Database): (text: string) => Statement {
  const statements = new Map<string, Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
