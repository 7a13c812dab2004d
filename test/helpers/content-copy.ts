import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONTENT_DIR } from '../../src/content/load';
import { ContentError } from '../../src/errors';
import { tempDir } from './temp-dir';

/**
 * Runs `use` on a temporary copy of the real content/ folder in which `file` is changed by `edit` (removed,
 * when it returns null), and removes the copy afterwards.
 */
export async function withContentCopy<T>(
  file: string,
  edit: (text: string) => string | null,
  use: (dir: string) => T | Promise<T>,
): Promise<T> {
  const copy = tempDir('dx-content-copy-');
  try {
    fs.cpSync(DEFAULT_CONTENT_DIR, copy.dir, { recursive: true });
    const target = path.join(copy.dir, file);
    const next = edit(fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '');
    if (next === null) fs.rmSync(target);
    else fs.writeFileSync(target, next);
    return await use(copy.dir);
  } finally {
    copy.cleanup();
  }
}

/** The ContentError that loading (or starting) with one file of content/ changed stops with; one line. */
export async function contentErrorWith(
  file: string,
  edit: (text: string) => string,
  load: (dir: string) => unknown,
): Promise<string> {
  return withContentCopy(file, edit, async (dir) => {
    try {
      await load(dir);
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      expect(error.message).not.toContain('\n');
      return error.message;
    }
    throw new Error('expected a ContentError');
  });
}
