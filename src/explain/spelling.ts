/** Corrects misspelt words against the words the content uses ("contianer" → "container"). */
export class Spelling {
  private readonly byFirst = new Map<string, string[]>();

  /** `words` in order of preference: earlier words win ties. */
  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      if (word.length < 3) continue;
      const first = word[0] ?? '';
      const list = this.byFirst.get(first) ?? [];
      list.push(word);
      this.byFirst.set(first, list);
    }
  }

  /** The closest known word within the typos we forgive, or undefined. Typos keep the first letter. */
  correct(word: string): string | undefined {
    const allowed = word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
    if (allowed === 0) return undefined;
    let best: string | undefined;
    let bestDistance = allowed + 1;
    for (const candidate of this.byFirst.get(word[0] ?? '') ?? []) {
      if (Math.abs(candidate.length - word.length) > allowed) continue;
      const d = editDistance(word, candidate, bestDistance - 1);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }
}

/** Optimal string alignment distance (a swap of neighbours is one edit); gives up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}
