import { distance } from 'fastest-levenshtein';
import type { Topic } from '../content/load';
import { ContentError } from '../errors';
import { allowedTypos } from '../explain/topics';
import { commitDemo } from './catalogue/commit';
import { diffDemo } from './catalogue/diff';
import { layersDemo } from './catalogue/layers';
import { lifecycleDemo } from './catalogue/lifecycle';
import { manyDemo } from './catalogue/many';
import type { Narrative } from './narratives';
import type { Demo } from './types';

/** Every demo there is, in the order `/docker demo` lists them. Only these ever run. */
export const DEMOS: readonly Demo[] = [diffDemo, layersDemo, manyDemo, lifecycleDemo, commitDemo];

export interface CatalogueEntry {
  demo: Demo;
  narrative: Narrative;
}

/** The demos joined with their narratives; each must have the other, or start-up stops naming the file. */
export class DemoCatalogue {
  readonly entries: readonly CatalogueEntry[];

  constructor(demos: readonly Demo[], narratives: readonly Narrative[]) {
    for (const narrative of narratives) {
      if (!demos.some((d) => d.id === narrative.id))
        throw new ContentError(narrative.file, 'id', `there is no demo "${narrative.id}" in the catalogue`);
    }
    this.entries = demos.map((demo) => {
      const narrative = narratives.find((n) => n.id === demo.id);
      if (!narrative)
        throw new ContentError(
          `content/demos/${demo.id}.md`,
          'file',
          `is missing: demo "${demo.id}" needs its narrative`,
        );
      return { demo, narrative };
    });
  }

  get(id: string): CatalogueEntry | undefined {
    return this.entries.find((entry) => entry.demo.id === id);
  }

  /** The closest demo ids to what someone typed, best first. */
  suggest(typed: string, limit = 2): CatalogueEntry[] {
    const word = typed.slice(0, 40);
    return this.entries
      .map((entry) => ({ entry, d: distance(word, entry.demo.id) }))
      .filter(
        ({ entry, d }) =>
          d <= allowedTypos(Math.max(word.length, entry.demo.id.length)) || entry.demo.id.startsWith(word),
      )
      .sort((a, b) => a.d - b.d)
      .slice(0, limit)
      .map(({ entry }) => entry);
  }

  /**
   * Checks the links between topics and demos at start-up: a topic's `demo:` must name a demo, and a
   * narrative's `topic:` must name a topic.
   */
  checkTopics(topics: readonly Topic[]): void {
    for (const topic of topics) {
      if (topic.demo && !this.get(topic.demo))
        throw new ContentError(
          topic.file,
          'demo',
          `there is no demo "${topic.demo}" (demos: ${this.ids().join(', ')})`,
        );
    }
    for (const { narrative } of this.entries) {
      if (!topics.some((t) => t.id === narrative.topic))
        throw new ContentError(narrative.file, 'topic', `there is no topic "${narrative.topic}"`);
    }
  }

  ids(): string[] {
    return this.entries.map((entry) => entry.demo.id);
  }
}
