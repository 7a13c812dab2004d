import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../src/store/store';
import { describeWithPostgres, freshSchema } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-dir';
import { workspacesContract } from './workspaces.contract';

describe('many workspaces on SQLite', () => {
  workspacesContract(async () => {
    const data = tempDir('dx-workspaces-');
    return {
      target: { dataDir: data.dir },
      async count(table, column, value) {
        const db = new Database(path.join(data.dir, DB_FILE), { readonly: true });
        try {
          return (
            db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(value) as { n: number }
          ).n;
        } finally {
          db.close();
        }
      },
      cleanup: async () => data.cleanup(),
    };
  });
});

describeWithPostgres('many workspaces on Postgres', () => {
  workspacesContract(async () => {
    const schema = await freshSchema();
    return {
      target: { dataDir: '/nonexistent', databaseUrl: schema.url },
      async count(table, column, value) {
        const [row] = await schema.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`,
          [value],
        );
        return Number(row?.n);
      },
      cleanup: () => schema.drop(),
    };
  });
});
