import { nowIso, type DB } from './db';

/** Per-user UI state (grid column layouts, language choice) kept in the company file as JSON. */
export function getUiState(db: DB, user: string, key: string): unknown {
  const r = db.prepare('SELECT value FROM ui_state WHERE user_name = ? AND key = ?').get(user, key) as
    | { value: string }
    | undefined;
  return r ? (JSON.parse(r.value) as unknown) : null;
}

export function setUiState(db: DB, user: string, key: string, value: unknown): { key: string } {
  db.prepare(
    `INSERT INTO ui_state (user_name, key, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_name, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(user, key, JSON.stringify(value), nowIso());
  return { key };
}
