import type { TourProgress, TourStore } from '../../tour/store';

/**
 * The TourStore in memory: for unit tests and anything that runs the tour without a database. It keeps every
 * promise SqliteTourStore keeps (test/store/learning.contract.ts runs against both).
 */
export class MemoryTourStore implements TourStore {
  private readonly byUser = new Map<string, TourProgress>();

  async progress(userId: string): Promise<TourProgress | undefined> {
    const found = this.byUser.get(userId);
    return found && structuredClone(found);
  }

  async save(progress: TourProgress): Promise<void> {
    this.byUser.set(progress.userId, structuredClone(progress));
  }

  async counts(): Promise<{ started: number; finished: number }> {
    const all = [...this.byUser.values()];
    return { started: all.length, finished: all.filter((p) => p.finishedAt).length };
  }
}
