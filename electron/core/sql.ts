import type { Statement } from 'better-sqlite3';

/** A LIKE pattern that matches `text` anywhere, with % _ and \ escaped (use with ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The rows of a SELECT one at a time, as `.iterate()` gives them (one row in memory at a time), only faster for
 * long reads such as the ledgers: the statement runs in raw mode (arrays) and each row becomes an object keyed by
 * the column names in JavaScript, by a function made once per statement. (better-sqlite3 builds every row object
 * through the V8 API, which was about a third of a long read's time.)
 */
export function* iterateRows<T>(stmt: Statement, params: Record<string, unknown>): Generator<T> {
  const names = stmt.columns().map((c) => c.name);
  // the function's body is made only of the statement's column names, each JSON-quoted
  const toRow = new Function('r', `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}};`) as (r: unknown[]) => T;
  for (const r of stmt.raw(true).iterate(params) as IterableIterator<unknown[]>) yield toRow(r);
}
