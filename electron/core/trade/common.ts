/**
 * What every trade record module shares: number series (SO-2026-0001), the audit trail entry written in the
 * same transaction as the change, the last exchange rate per currency, and the trade settings.
 */
import type { TradeSettings } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { appendAudit } from '../audit';
import { AppError } from '../errors';

export type Series = keyof TradeSettings['prefixes'];

export const DEFAULT_PREFIXES: TradeSettings['prefixes'] = {
  sales: 'SO',
  purchase: 'PO',
  payment: 'PAY',
  shipment: 'SH',
  import: 'IM',
  claim: 'CL',
};

export function getSettings(db: DB): TradeSettings {
  const row = db.prepare("SELECT value FROM setting WHERE key = 'trade'").get() as { value: string } | undefined;
  const stored = row ? (JSON.parse(row.value) as Partial<TradeSettings>) : {};
  return { prefixes: { ...DEFAULT_PREFIXES, ...(stored.prefixes ?? {}) } };
}

export function updateSettings(db: DB, patch: { prefixes: Partial<TradeSettings['prefixes']> }, user = 'owner'): TradeSettings {
  return db.transaction(() => {
    const before = getSettings(db);
    const next: TradeSettings = { prefixes: { ...before.prefixes, ...patch.prefixes } };
    for (const [k, v] of Object.entries(next.prefixes)) next.prefixes[k as Series] = v.toUpperCase();
    db.prepare("INSERT INTO setting (key, value) VALUES ('trade', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify(next),
    );
    audit(db, user, 'setting', 0, 'update', { before, after: next });
    return next;
  })();
}

/** The next number of a series for the year of `date` (YYYY-MM-DD): PREFIX-YYYY-NNNN. Call inside a transaction. */
export function nextNumber(db: DB, series: Series, date: string): string {
  const year = Number(date.slice(0, 4));
  const prefix = getSettings(db).prefixes[series];
  const row = db
    .prepare(
      `INSERT INTO number_series (series, year, last) VALUES (?, ?, 1)
       ON CONFLICT (series, year) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .get(series, year) as { last: number };
  return `${prefix}-${year}-${String(row.last).padStart(4, '0')}`;
}

/**
 * One audit entry, in the caller's transaction, linked into the hash chain (electron/core/audit.ts).
 * `changes` is JSON: fields with before/after, or the record.
 */
export function audit(db: DB, user: string, entity: string, entityId: number, action: string, changes: unknown): void {
  if (!db.inTransaction) throw new AppError('internal', `audit(${entity} ${entityId} ${action}) called outside the change's transaction`);
  appendAudit(db, { at: nowIso(), user, entity, entityId, action, changes: JSON.stringify(changes) });
}

/** Fields that differ between two flat records, as { field: [before, after] }. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  }
  return out;
}

export function rememberRate(db: DB, currency: string, rateE6: number): void {
  db.prepare(
    `INSERT INTO last_rate (currency, rate_e6, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (currency) DO UPDATE SET rate_e6 = excluded.rate_e6, updated_at = excluded.updated_at`,
  ).run(currency, rateE6, nowIso());
}

export function lastRate(db: DB, currency: string): number | null {
  const r = db.prepare('SELECT rate_e6 FROM last_rate WHERE currency = ?').get(currency) as { rate_e6: number } | undefined;
  return r?.rate_e6 ?? null;
}

export function baseCurrency(db: DB): string {
  const r = db.prepare('SELECT base_currency FROM company WHERE id = 1').get() as { base_currency: string } | undefined;
  if (!r) throw new AppError('refused', 'Set up the company first (name and base currency).');
  return r.base_currency;
}

/** The display name of a party: Chinese where there is one, else English. */
export const PARTY_NAME_SQL = (alias: string) => `CASE WHEN ${alias}.name_zh <> '' THEN ${alias}.name_zh ELSE ${alias}.name_en END`;

/** Check that a party exists, is not archived, and has one of the roles; `path` names the field. */
export function requireParty(db: DB, id: number, roles: string[], path: string): { id: number; name: string } {
  const p = db.prepare(`SELECT id, roles, archived, ${PARTY_NAME_SQL('party')} AS name FROM party WHERE id = ?`).get(id) as
    | { id: number; roles: string; archived: number; name: string }
    | undefined;
  if (!p) throw new AppError('validation', `${path}: party ${id} does not exist`, [{ path, message: `party ${id} does not exist` }]);
  if (p.archived) throw new AppError('validation', `${path}: ${p.name} is archived`, [{ path, message: `${p.name} is archived` }]);
  if (roles.length > 0 && !roles.some((r) => p.roles.includes(`,${r},`))) {
    const message = `${p.name} is not a ${roles.join(' or ')}`;
    throw new AppError('validation', `${path}: ${message}`, [{ path, message }]);
  }
  return { id: p.id, name: p.name };
}

/** Today's date on this PC (the trader's local day), YYYY-MM-DD. */
export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
