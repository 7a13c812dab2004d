import type { RotationState } from '../../tips/rotation';
import { type RotationRow, rotationParams, toRotation } from '../rows';
import type { RotationStatements } from '../sql';
import type { PgQueries } from './database';

/**
 * A saved rotation on Postgres (tip_rotations or quiz_rotations), read and written with the statements
 * RotationTable runs on SQLite. Callers hold the audience's advisory lock (`rotationLock`) in a transaction.
 */
export async function readRotation(
  db: PgQueries,
  statements: RotationStatements,
  audience: string,
): Promise<RotationState | undefined> {
  const row = await db.get<RotationRow>(statements.read, { audience });
  return row && toRotation(row);
}

export async function writeRotation(
  db: PgQueries,
  statements: RotationStatements,
  audience: string,
  state: RotationState,
  at: Date,
): Promise<void> {
  await db.run(statements.write, rotationParams(audience, state, at));
}
