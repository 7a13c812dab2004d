import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../src/config';

const ROOT = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Every variable the app reads is explained for operators, and shown in the example a first run copies. */
describe('configuration documentation', () => {
  it('covers the variables the app reads (the schema lists them)', () => {
    expect(CONFIG_VARIABLES).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'DOCKER_HOSTS', 'TIP_QUIZ_DAYS']),
    );
  });

  it.each(CONFIG_VARIABLES)(
    '%s is documented in the configuration table (docs/configuration.md) and in .env.example',
    (variable) => {
      expect(read('docs/configuration.md')).toContain(`| \`${variable}\` |`);
      expect(read('.env.example')).toMatch(new RegExp(`^${variable}=`, 'm'));
    },
  );
});
