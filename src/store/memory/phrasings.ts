import type { LearnedPhrasing, PhrasingBook, Pick } from '../../explain/ports';

/** A question (as its key) and the section picked for it. */
const pickKey = (questionKey: string, answerId: string) => JSON.stringify([questionKey, answerId]);

/**
 * The PhrasingBook in memory, keeping every promise SqlitePhrasingBook keeps (the same contract test runs
 * against both).
 */
export class MemoryPhrasingBook implements PhrasingBook {
  /** By question and section: the people who picked it. */
  private readonly picks = new Map<string, Set<string>>();
  private readonly phrasings = new Map<number, LearnedPhrasing>();
  private lastId = 0;

  async pick(pick: Pick): Promise<number> {
    const key = pickKey(pick.questionKey, pick.answerId);
    const people = this.picks.get(key) ?? new Set<string>();
    this.picks.set(key, people.add(pick.userId));
    return people.size;
  }

  async learn(phrasing: Omit<LearnedPhrasing, 'id'>): Promise<LearnedPhrasing | undefined> {
    const key = pickKey(phrasing.questionKey, phrasing.answerId);
    for (const known of this.phrasings.values())
      if (pickKey(known.questionKey, known.answerId) === key) return undefined;
    // One workspace only (team ''), as the other memory stores.
    const learned = { ...structuredClone(phrasing), id: ++this.lastId, team: '' };
    this.phrasings.set(learned.id, learned);
    return structuredClone(learned);
  }

  async learned(): Promise<LearnedPhrasing[]> {
    return [...this.phrasings.values()].sort((a, b) => a.id - b.id).map((p) => structuredClone(p));
  }

  /** One workspace only: the same as `learned`. */
  learnedEverywhere(): Promise<LearnedPhrasing[]> {
    return this.learned();
  }

  async remove(id: number): Promise<boolean> {
    const found = this.phrasings.get(id);
    if (!found) return false;
    this.phrasings.delete(id);
    this.picks.delete(pickKey(found.questionKey, found.answerId));
    return true;
  }
}
