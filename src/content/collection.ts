import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { z } from 'zod';
import { ContentError } from '../errors';

/** One Markdown file of a collection: its validated front matter and its body, unparsed. */
export interface ContentFile<F> {
  /** `content/<collection>/<id>.md`, as errors and logs name it. */
  file: string;
  front: F;
  body: string;
}

/**
 * Loads one collection of `content/` (topics, tips, demos, and later tour steps and quiz questions): every
 * `<id>.md` in `<contentDir>/<collection>`, in name order, whose front matter must start the file, be YAML,
 * pass `schema` (unknown fields refused) and carry an `id` equal to the file name. The first problem throws a
 * ContentError naming the file and the field. A missing folder is an empty collection; what the body must
 * hold is the caller's to check.
 */
export function loadCollection<S extends z.ZodType<{ id: string }>>(
  contentDir: string,
  collection: string,
  schema: S,
): ContentFile<z.infer<S>>[] {
  const dir = path.join(contentDir, collection);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const file = `content/${collection}/${name}`;
      const { data, body } = readFrontMatter(file, fs.readFileSync(path.join(dir, name), 'utf8'));
      const front = validate(schema, file, data);
      if (path.basename(name, '.md') !== front.id)
        throw new ContentError(file, 'id', `"${front.id}" must match the file name`);
      return { file, front, body };
    });
}

function readFrontMatter(file: string, text: string): { data: Record<string, unknown>; body: string } {
  if (!text.startsWith('---'))
    throw new ContentError(file, 'front matter', 'is missing (the file must start with ---)');
  try {
    const parsed = matter(text);
    return { data: parsed.data, body: parsed.content };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ContentError(file, 'front matter', `is not valid YAML (${reason})`);
  }
}

function validate<T extends z.ZodType>(schema: T, file: string, data: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys')
    throw new ContentError(file, issue.keys.join(', '), `unknown field(s) ${issue.keys.join(', ')}`);
  const field = issue?.path.length ? issue.path.join('.') : 'front matter';
  throw new ContentError(file, field, issue?.message ?? 'invalid');
}
