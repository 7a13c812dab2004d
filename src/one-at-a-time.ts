/**
 * Runs work for one key at a time, in the order it was asked for; different keys run side by side. The tour
 * uses it per person (two quick presses must not both read the same progress), the channel quiz per quiz (each
 * edit of the tally reads the count when its turn comes, so the last edit shows the last count).
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
