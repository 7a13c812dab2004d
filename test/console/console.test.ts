import { loadContent } from '../../src/content/load';
import { runMain } from '../helpers/child';

const { topics } = loadContent();
const title = (id: string) => topics.find((t) => t.id === id)?.title ?? `missing topic ${id}`;

describe('the local console (node dist/main.js with piped stdin, no Slack credentials)', () => {
  it('answers every line and exits at the end of input', async () => {
    const result = await runMain('/docker image\ndocker diff\n/docker contaner\n\n/docker help\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(title('image'));
    expect(result.stdout).toContain(title('diff'));
    expect(result.stdout).toContain('Did you mean `/docker container`');
    for (const topic of topics) expect(result.stdout).toContain(`/docker ${topic.id}`);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toBe('');
  });

  it('renders the comparison as a text table', async () => {
    const result = await runMain('/docker diff\n');
    expect(result.stdout).toMatch(/Purpose\s+\|/);
  });

  it('explains that only /docker exists here', async () => {
    const result = await runMain('/kubectl get pods\n');
    expect(result.stdout).toContain('Only /docker is available here');
    expect(result.code).toBe(0);
  });

  it('stops at exit', async () => {
    const result = await runMain('/docker image\nexit\n/docker diff\n');
    expect(result.stdout).toContain(title('image'));
    expect(result.stdout).not.toContain(title('diff'));
  });
});

describe('start-up errors', () => {
  it.each([
    [{ PORT: 'abc' }, /^docker-explainer: PORT must be a whole number from 0 to 65535 \(got "abc"\)\n$/],
    [
      { SLACK_BOT_TOKEN: 'xoxp-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789' },
      /^docker-explainer: SLACK_BOT_TOKEN must be a bot token/,
    ],
    [{ LOG_LEVEL: 'verbose' }, /^docker-explainer: LOG_LEVEL /],
  ])('%j stops the app with one line naming the variable', async (env, line) => {
    const result = await runMain('', env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(line);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});
