import { startApp } from '../src/app';
import { createLogger } from '../src/ops/log';
import { contentErrorWith } from './helpers/content-copy';
import { tempDir } from './helpers/temp-dir';

/** The learning path's content is checked before the app starts, like topics and demos. */
describe('start-up with a broken tour step or quiz question', () => {
  it.each([
    [
      'tour/lifecycle.md',
      (t: string) => t.replace('demo: lifecycle', 'demo: lifecycles'),
      'content/tour/lifecycle.md: demo:',
    ],
    [
      'quiz/pause-freezes.md',
      (t: string) => t.replace(/^answer: \d$/m, 'answer: 9'),
      'content/quiz/pause-freezes.md: answer:',
    ],
  ])('%s stops it with one line naming the file and the field', async (file, edit, start) => {
    const data = tempDir('dx-learning-start-');
    try {
      const logger = createLogger('error', { write: () => undefined });
      const message = await contentErrorWith(file, edit, (dir) =>
        startApp({ DATA_DIR: data.dir }, { contentDir: dir, logger }),
      );
      expect(message.startsWith(start)).toBe(true);
    } finally {
      data.cleanup();
    }
  });
});
