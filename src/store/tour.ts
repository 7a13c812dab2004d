import type Database from 'better-sqlite3';
import type { TourCheck, TourProgress, TourStore } from '../tour/store';
import { Store } from './store';

interface ProgressRow {
  user_id: string;
  step_id: string;
  checks: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

const toProgress = (row: ProgressRow): TourProgress => ({
  userId: row.user_id,
  stepId: row.step_id,
  checks: JSON.parse(row.checks) as Record<string, TourCheck>,
  startedAt: new Date(row.started_at),
  updatedAt: new Date(row.updated_at),
  finishedAt: row.finished_at ? new Date(row.finished_at) : undefined,
  message:
    row.message_channel && row.message_ts ? { channel: row.message_channel, ts: row.message_ts } : undefined,
});

/** The TourStore on SQLite (migration 7): one row per person. */
export class SqliteTourStore implements TourStore {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly count: Database.Statement;

  constructor(store: Store) {
    const db = Store.handle(store);
    this.select = db.prepare('SELECT * FROM tour_progress WHERE user_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO tour_progress
         (user_id, step_id, checks, started_at, updated_at, finished_at, message_channel, message_ts)
         VALUES (@userId, @stepId, @checks, @startedAt, @updatedAt, @finishedAt, @channel, @ts)
         ON CONFLICT (user_id) DO UPDATE SET step_id = excluded.step_id, checks = excluded.checks,
           started_at = excluded.started_at, updated_at = excluded.updated_at,
           finished_at = excluded.finished_at, message_channel = excluded.message_channel,
           message_ts = excluded.message_ts`,
    );
    this.count = db.prepare('SELECT COUNT(*) AS started, COUNT(finished_at) AS finished FROM tour_progress');
  }

  async progress(userId: string): Promise<TourProgress | undefined> {
    const row = this.select.get(userId) as ProgressRow | undefined;
    return row && toProgress(row);
  }

  async save(progress: TourProgress): Promise<void> {
    this.upsert.run({
      userId: progress.userId,
      stepId: progress.stepId,
      checks: JSON.stringify(progress.checks),
      startedAt: progress.startedAt.toISOString(),
      updatedAt: progress.updatedAt.toISOString(),
      finishedAt: progress.finishedAt?.toISOString() ?? null,
      channel: progress.message?.channel ?? null,
      ts: progress.message?.ts ?? null,
    });
  }

  async counts(): Promise<{ started: number; finished: number }> {
    return this.count.get() as { started: number; finished: number };
  }
}
