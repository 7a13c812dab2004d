import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

/** A store's SQL, each text prepared once on first use. */
export function preparedStatements(db: Database.Database): (text: string) => Statement {
  const statements = new Map<string, Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}

/**
 * The SQLite handle the stores use: every statement whose text says `@team` gets the current workspace bound
 * (unless the caller names one), so no store can forget it. PgDatabase does the same for Postgres.
 */
export function bindingTeam(db: Database.Database, team: () => string): Database.Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          return /@team\b/.test(sql) ? teamStatement(statement, team) : statement;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const RUNS = new Set<PropertyKey>(['get', 'all', 'run', 'iterate']);

function teamStatement(statement: Statement, team: () => string): Statement {
  return new Proxy(statement, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!RUNS.has(property)) return value.bind(target);
      return (params?: Record<string, unknown>) =>
        value.call(target, params && Object.hasOwn(params, 'team') ? params : { team: team(), ...params });
    },
  });
}
