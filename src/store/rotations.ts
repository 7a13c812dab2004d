import type Database from 'better-sqlite3';
import type { RotationState } from '../tips/rotation';
import { type RotationRow, rotationParams, toRotation } from './rows';
import type { RotationStatements } from './sql';

/**
 * Saved rotations, one row per audience, on SQLite: the tips' (tip_rotations, migration 3) and the quiz
 * questions' (quiz_rotations, migration 7), with the statements of ROTATION_SQL that Postgres runs too.
 * Callers run `read` and `write` inside their own transaction.
 */
export class RotationTable {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(db: Database.Database, statements: RotationStatements) {
    this.select = db.prepare(statements.read);
    this.upsert = db.prepare(statements.write);
  }

  read(audience: string): RotationState | undefined {
    const row = this.select.get({ audience }) as RotationRow | undefined;
    return row && toRotation(row);
  }

  write(audience: string, state: RotationState, at: Date): void {
    this.upsert.run(rotationParams(audience, state, at));
  }
}
