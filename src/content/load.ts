import path from 'node:path';
import { ContentError } from '../errors';
import { loadCollection } from './collection';
import { type TipFront, TipFrontMatter, type TopicFront, TopicFrontMatter } from './schema';

/** `content/` at the top of the project (the same depth from `src/` and from `dist/`). */
export const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

/** Longest section body, in characters of Markdown; keeps every section inside one Slack block. */
export const MAX_SECTION_CHARS = 2500;

export interface Section {
  /** `<topic>#<heading-slug>`, stable for links, feedback and search. */
  id: string;
  topicId: string;
  heading: string;
  body: string;
  /** Questions people ask that this section answers (front matter `asks`). */
  asks: string[];
}

export interface Topic extends TopicFront {
  file: string;
  sections: Section[];
}

export interface Tip extends TipFront {
  file: string;
  body: string;
}

export interface Content {
  topics: Topic[];
  tips: Tip[];
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function parseSections(file: string, topicId: string, body: string): Section[] {
  const sections: Section[] = [];
  let current: { heading: string; lines: string[] } | undefined;
  let inFence = false;
  const close = () => {
    if (!current) return;
    const text = current.lines.join('\n').trim();
    if (!text) throw new ContentError(file, 'body', `section "${current.heading}" is empty`);
    if (text.length > MAX_SECTION_CHARS) {
      throw new ContentError(
        file,
        'body',
        `section "${current.heading}" is longer than ${MAX_SECTION_CHARS} characters`,
      );
    }
    const id = `${topicId}#${slugify(current.heading)}`;
    if (sections.some((s) => s.id === id))
      throw new ContentError(file, 'body', `two sections are headed "${current.heading}"`);
    sections.push({ id, topicId, heading: current.heading, body: text, asks: [] });
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      if (heading[1] !== '##')
        throw new ContentError(file, 'body', `only "## " headings are allowed (found "${line.trim()}")`);
      close();
      current = { heading: (heading[2] ?? '').trim(), lines: [] };
    } else if (current) current.lines.push(line);
    else if (line.trim())
      throw new ContentError(file, 'body', 'text must start with a "## " section heading');
  }
  if (inFence) throw new ContentError(file, 'body', 'a ``` code block is not closed');
  close();
  if (sections.length === 0) throw new ContentError(file, 'body', 'has no "## " sections');
  return sections;
}

/** Loads and validates every topic and tip; the first problem throws a ContentError naming file and field. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR): Content {
  const topics = loadCollection(dir, 'topics', TopicFrontMatter).map(({ file, front, body }): Topic => {
    const sections = parseSections(file, front.id, body);
    for (const [slug, asks] of Object.entries(front.asks)) {
      const section = sections.find((s) => s.id === `${front.id}#${slug}`);
      if (!section) throw new ContentError(file, `asks.${slug}`, 'names no section of this topic');
      section.asks = asks;
    }
    return { ...front, file, sections };
  });
  if (topics.length === 0) throw new ContentError('content/topics', 'files', 'no topic files were found');

  const owner = new Map<string, string>();
  for (const topic of topics) owner.set(topic.id, topic.id);
  for (const topic of topics) {
    for (const alias of topic.aliases) {
      const taken = owner.get(alias);
      if (taken && taken !== topic.id) {
        throw new ContentError(topic.file, 'aliases', `"${alias}" is already used by topic "${taken}"`);
      }
      owner.set(alias, topic.id);
    }
    for (const related of topic.related) {
      if (related === topic.id)
        throw new ContentError(topic.file, 'related', 'a topic cannot be related to itself');
      if (!topics.some((t) => t.id === related))
        throw new ContentError(topic.file, 'related', `no topic "${related}"`);
    }
  }

  const tips = loadCollection(dir, 'tips', TipFrontMatter).map(({ file, front, body: raw }): Tip => {
    if (!topics.some((t) => t.id === front.topic))
      throw new ContentError(file, 'topic', `no topic "${front.topic}"`);
    const body = raw.trim();
    if (body.length < 40 || body.length > 600)
      throw new ContentError(file, 'body', 'must be 40 to 600 characters');
    return { ...front, file, body };
  });

  return { topics, tips };
}
