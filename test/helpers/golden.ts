import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', 'fixtures', 'golden');

/**
 * Compares `actual` with test/fixtures/golden/<name>. `UPDATE_GOLDEN=1 npx jest` rewrites the files;
 * review the diff before committing. A missing file fails under CI and is written otherwise.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  const exists = fs.existsSync(file);
  if (process.env.UPDATE_GOLDEN === '1' || (!exists && !process.env.CI)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!exists) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx jest and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
