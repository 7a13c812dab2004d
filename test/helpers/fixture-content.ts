import path from 'node:path';
import { loadContent, type Topic } from '../../src/content/load';
import { TopicIndex } from '../../src/explain/topics';

/** The small, stable content set in test/fixtures/content/valid (three topics, one tip). */
export const FIXTURE_CONTENT_DIR = path.join(__dirname, '..', 'fixtures', 'content', 'valid');
export const fixtureContent = loadContent(FIXTURE_CONTENT_DIR);
export const fixtureIndex = new TopicIndex(fixtureContent.topics);

/** A fixture topic by id; a missing one fails the test. */
export function fixtureTopic(id: string): Topic {
  const found = fixtureIndex.get(id);
  if (!found) throw new Error(`fixture topic ${id} is missing`);
  return found;
}
