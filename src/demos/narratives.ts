import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { DEFAULT_CONTENT_DIR } from '../content/load';
import { ContentError } from '../errors';

/** The words around a demo: `content/demos/<id>.md`, front matter plus `## Intro` and `## Outro`. */
export interface Narrative {
  id: string;
  title: string;
  summary: string;
  /** The topic that explains what the demo shows. */
  topic: string;
  intro: string;
  outro: string;
  file: string;
}

const FrontMatter = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  title: z.string().min(1).max(80, 'must be at most 80 characters'),
  summary: z.string().min(1).max(200, 'must be at most 200 characters'),
  topic: z.string().min(1),
});

const SECTIONS = ['Intro', 'Outro'] as const;
const MAX_SECTION = 600;

/** Loads and validates every demo narrative; the first problem throws a ContentError naming file and field. */
export function loadNarratives(contentDir: string = DEFAULT_CONTENT_DIR): Narrative[] {
  const dir = path.join(contentDir, 'demos');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseNarrative(`content/demos/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')));
}

function parseNarrative(file: string, text: string): Narrative {
  let parsed: matter.GrayMatterFile<string>;
  try {
    if (!text.startsWith('---')) throw new Error('the file must start with ---');
    parsed = matter(text);
  } catch (error) {
    throw new ContentError(
      file,
      'front matter',
      `is missing or not valid YAML (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const front = FrontMatter.safeParse(parsed.data);
  if (!front.success) {
    const issue = front.error.issues[0];
    const field =
      issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.') || 'front matter';
    throw new ContentError(
      file,
      field,
      issue?.code === 'unrecognized_keys' ? 'unknown field(s)' : (issue?.message ?? 'invalid'),
    );
  }
  if (path.basename(file, '.md') !== front.data.id)
    throw new ContentError(file, 'id', `"${front.data.id}" must match the file name`);

  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of parsed.content.split(/\r?\n/)) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      const name = (heading[1] ?? '').trim();
      if (!(SECTIONS as readonly string[]).includes(name) || sections.has(name))
        throw new ContentError(
          file,
          'body',
          `expected one "## Intro" and one "## Outro" (found "## ${name}")`,
        );
      current = [];
      sections.set(name, current);
    } else if (current) current.push(line);
    else if (line.trim()) throw new ContentError(file, 'body', 'text must start with "## Intro"');
  }
  const section = (name: (typeof SECTIONS)[number]) => {
    const body = sections.get(name)?.join('\n').trim();
    if (!body) throw new ContentError(file, 'body', `"## ${name}" is missing or empty`);
    if (body.length > MAX_SECTION)
      throw new ContentError(file, 'body', `"## ${name}" is longer than ${MAX_SECTION} characters`);
    // Paragraphs may be wrapped in the file; Slack should wrap them itself.
    return body
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' '))
      .join('\n\n');
  };
  return { ...front.data, intro: section('Intro'), outro: section('Outro'), file };
}
