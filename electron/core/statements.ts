/** Prepared statements kept per connection (no import of ./db: audit.ts, which the migrations use, needs it). */
import type Database from 'better-sqlite3';

type DB = Database.Database;

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * A prepared statement kept per connection for SQL run once per record (create, get, audit): preparing costs
 * more than running, which an import of 100,000 rows feels. Only for .get/.run/.all, never .iterate (a statement
 * being iterated cannot run again until the iteration ends).
 */
export function cached(db: DB, sql: string): Database.Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) {
    if (m.size >= 500) m.clear();
    st = db.prepare(sql);
    m.set(sql, st);
  }
  return st;
}
