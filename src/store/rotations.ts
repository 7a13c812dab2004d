import type Database from 'better-sqlite3';
import type { RotationState } from '../tips/rotation';

interface RotationRow {
  cycle: number;
  remaining: string;
  shown: string;
  last: string | null;
}

/**
 * Saved rotations, one row per audience: the tips' (tip_rotations, migration 3) and the quiz questions'
 * (quiz_rotations, migration 7) have the same shape and differ in the name of the column of the last item.
 * Callers run `read` and `write` inside their own transaction.
 */
export class RotationTable {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(
    db: Database.Database,
    table: 'tip_rotations' | 'quiz_rotations',
    lastColumn: 'last_tip' | 'last_question',
  ) {
    this.select = db.prepare(
      `SELECT cycle, remaining, shown, ${lastColumn} AS last FROM ${table} WHERE audience = ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO ${table} (audience, cycle, remaining, shown, ${lastColumn}, updated_at)
         VALUES (@audience, @cycle, @remaining, @shown, @last, @at)
         ON CONFLICT (audience) DO UPDATE SET cycle = excluded.cycle, remaining = excluded.remaining,
           shown = excluded.shown, ${lastColumn} = excluded.${lastColumn}, updated_at = excluded.updated_at`,
    );
  }

  read(audience: string): RotationState | undefined {
    const row = this.select.get(audience) as RotationRow | undefined;
    if (!row) return undefined;
    return {
      cycle: row.cycle,
      remaining: JSON.parse(row.remaining) as string[],
      shown: JSON.parse(row.shown) as string[],
      last: row.last ?? undefined,
    };
  }

  write(audience: string, state: RotationState, at: Date): void {
    this.upsert.run({
      audience,
      cycle: state.cycle,
      remaining: JSON.stringify(state.remaining),
      shown: JSON.stringify(state.shown),
      last: state.last ?? null,
      at: at.toISOString(),
    });
  }
}
