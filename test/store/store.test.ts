import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../../src/errors';
import { MIGRATIONS } from '../../src/store/migrations';
import { DB_FILE, Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';

describe('Store', () => {
  it('creates the database in WAL mode with every migration applied', () => {
    const { dir, cleanup } = tempDir();
    const store = Store.open(path.join(dir, 'nested', 'data'));
    expect(Store.handle(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.schemaVersion).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    store.close();
    cleanup();
  });

  it('keeps data across close and reopen, applying each migration once', () => {
    const { dir, cleanup } = tempDir();
    const first = Store.open(dir);
    Store.handle(first).prepare("INSERT INTO app_meta (key, value) VALUES ('k', 'v')").run();
    first.close();
    const extra = [...MIGRATIONS, { version: 99, name: 'test', sql: 'CREATE TABLE t99 (x INTEGER) STRICT;' }];
    const second = Store.open(dir, extra);
    expect(Store.handle(second).prepare("SELECT value FROM app_meta WHERE key = 'k'").get()).toEqual({
      value: 'v',
    });
    expect(second.schemaVersion).toBe(99);
    second.close();
    const third = Store.open(dir, extra);
    expect(Store.handle(third).prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: extra.length,
    });
    third.close();
    cleanup();
  });

  it('rolls back a failing migration and says so', () => {
    const { dir, cleanup } = tempDir();
    const broken = [
      ...MIGRATIONS,
      { version: 50, name: 'broken', sql: 'CREATE TABLE ok50 (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => Store.open(dir, broken)).toThrow(StoreError);
    const store = Store.open(dir);
    expect(
      Store.handle(store).prepare("SELECT name FROM sqlite_master WHERE name = 'ok50'").get(),
    ).toBeUndefined();
    store.close();
    cleanup();
  });

  it('refuses a file that is not a SQLite database, naming the file', () => {
    const { dir, cleanup } = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE), 'this is not a database at all, just text '.repeat(200));
    expect(() => Store.open(dir)).toThrow(
      /docker-explainer\.sqlite could not be opened: .*not a database.*move it aside/,
    );
    cleanup();
  });

  it('refuses a database from a newer version of the app', () => {
    const { dir, cleanup } = tempDir();
    Store.open(dir, [...MIGRATIONS, { version: 1000, name: 'future', sql: 'SELECT 1;' }]).close();
    expect(() => Store.open(dir)).toThrow(/newer version/);
    cleanup();
  });

  it('refuses a DATA_DIR that cannot be written', () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expect(() => Store.open(path.join(file, 'data'))).toThrow(/^DATA_DIR .* is not a writable folder/);
    cleanup();
  });
});
