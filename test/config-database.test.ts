import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';
import { freePort } from './helpers/app-process';
import { runMain } from './helpers/child';
import { expectOneLineNaming } from './helpers/config-error';
import { thrown } from './helpers/thrown';

const errorFor = (url: string) => thrown(ConfigError, () => loadConfig({ DATABASE_URL: url }));

describe('DATABASE_URL', () => {
  it('is unset by default: SQLite in DATA_DIR', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
  });

  it('takes a postgres:// or postgresql:// URL', () => {
    const url = 'postgres://bot:pw@db.internal:5432/explainer?sslmode=require';
    expect(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/explainer' }).databaseUrl).toBe(
      'postgresql://db/explainer',
    );
  });

  it('refuses anything else in one line naming it, never repeating the URL (it may hold a password)', () => {
    for (const [url, problem] of [
      ['not a url with s3cret', /must be a Postgres URL .*not a URL/],
      ['mysql://u:s3cret@db/x', /starts with mysql:\/\/; leave it empty for SQLite/],
      ['postgres:///x?password=s3cret', /names no host/],
    ] as const) {
      const error = errorFor(url);
      expectOneLineNaming(error, 'DATABASE_URL', problem);
      expect(error.message).not.toContain('s3cret');
    }
  });

  it('stops `npm start` with one clear line when the database cannot be reached', async () => {
    const port = await freePort();
    const result = await runMain('', { DATABASE_URL: `postgres://bot:s3cret@127.0.0.1:${port}/explainer` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^docker-explainer: could not reach the database at DATABASE_URL \\(127\\.0\\.0\\.1:${port}/explainer\\): [^\\n]*ECONNREFUSED[^\\n]*\\n$`,
      ),
    );
    expect(result.stderr).not.toContain('s3cret');
  });
});
