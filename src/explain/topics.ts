import { distance } from 'fastest-levenshtein';
import type { Topic } from '../content/load';
import { normalize, words } from './normalize';

/** Finds topics by id or alias, forgiving case, width, punctuation and filler words. */
export class TopicIndex {
  private readonly byName = new Map<string, Topic>();

  constructor(readonly topics: readonly Topic[]) {
    for (const topic of topics) {
      this.byName.set(topic.id, topic);
      for (const alias of topic.aliases) this.byName.set(alias, topic);
    }
  }

  get(id: string): Topic | undefined {
    return this.topics.find((t) => t.id === id);
  }

  /** The topic a user meant, if the text names one exactly (after normalisation). */
  resolve(text: string): Topic | undefined {
    const plain = normalize(text);
    const direct = this.byName.get(plain);
    if (direct) return direct;
    const ws = words(text).filter((w) => !FILLER.has(w));
    return this.byName.get(ws.join(' ')) ?? this.byName.get(ws.join('-'));
  }

  /** Closest topics by edit distance over ids and aliases (the whole text, or any one word), best first. */
  suggest(text: string, limit = 3): Topic[] {
    const ws = words(text)
      .filter((w) => !FILLER.has(w))
      .map((w) => w.slice(0, 40));
    const candidates = [...new Set([ws.join(' '), ...ws.filter((w) => w.length >= 3)])]
      .filter(Boolean)
      .slice(0, 20);
    const scored = new Map<Topic, number>();
    for (const query of candidates) {
      for (const [name, topic] of this.byName) {
        const d = distance(query, name);
        if (
          d <= allowedTypos(Math.max(query.length, name.length)) &&
          d < (scored.get(topic) ?? Number.POSITIVE_INFINITY)
        ) {
          scored.set(topic, d);
        }
      }
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].id.localeCompare(b[0].id))
      .slice(0, limit)
      .map(([topic]) => topic);
  }
}

/** Edits we forgive: one in short words, two in words up to eight letters, three beyond. */
export const allowedTypos = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

const FILLER = new Set(['a', 'an', 'the', 'docker', 'about', 'what', 'is', 'are', 'explain', 'me', 'please']);
