import { loadCollection } from '../content/collection';
import { DEFAULT_CONTENT_DIR } from '../content/load';
import { NarrativeFrontMatter } from '../content/schema';
import { ContentError } from '../errors';

/** The words around a demo: `content/demos/<id>.md`, front matter plus `## Intro` and `## Outro`. */
export interface Narrative {
  id: string;
  title: string;
  summary: string;
  /** The topic that explains what the demo shows. */
  topic: string;
  /** Playground commands to do it yourself, shown as the summary's last line. */
  try: string;
  intro: string;
  outro: string;
  file: string;
}

const SECTIONS = ['Intro', 'Outro'] as const;
const MAX_SECTION = 600;

/** Loads and validates every demo narrative; the first problem throws a ContentError naming file and field. */
export function loadNarratives(contentDir: string = DEFAULT_CONTENT_DIR): Narrative[] {
  return loadCollection(contentDir, 'demos', NarrativeFrontMatter).map(({ file, front, body }) => ({
    ...front,
    ...parseSections(file, body),
    file,
  }));
}

/** `## Intro` and `## Outro`, once each, nothing else; paragraphs unwrapped. */
function parseSections(file: string, body: string): { intro: string; outro: string } {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
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
  return { intro: section('Intro'), outro: section('Outro') };
}
