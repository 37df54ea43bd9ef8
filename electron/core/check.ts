import type { AuditVerifyResult } from '../../shared/api';
import { verifyAuditChain } from './audit';
import type { DB } from './db';

export interface CheckReport {
  ok: boolean;
  schemaVersion: number;
  company: string | null;
  counts: Record<string, number>;
  /** 'ok', or the problems PRAGMA integrity_check found */
  integrity: string[];
  foreignKeyProblems: number;
  /** the audit trail's hash chain */
  auditChain: AuditVerifyResult;
}

/** The checks `trade-records check` prints: integrity, foreign keys, the audit chain, record counts. */
export function checkCompanyFile(db: DB): CheckReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
  const company = db.prepare("SELECT CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END AS n FROM company").get() as
    | { n: string }
    | undefined;
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const counts = {
    parties: count('party'),
    'parties (archived)': (db.prepare('SELECT count(*) AS n FROM party WHERE archived = 1').get() as { n: number }).n,
    products: count('product'),
    'sales orders': (db.prepare("SELECT count(*) AS n FROM trade_order WHERE kind = 'sales'").get() as { n: number }).n,
    'purchase orders': (db.prepare("SELECT count(*) AS n FROM trade_order WHERE kind = 'purchase'").get() as { n: number }).n,
    'order lines': count('order_line'),
    payments: count('payment'),
    shipments: count('shipment'),
    imports: count('import_record'),
    claims: count('claim'),
    attachments: count('attachment'),
  };
  const auditChain = verifyAuditChain(db);
  return {
    ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeyProblems === 0 && auditChain.ok,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    company: company?.n ?? null,
    counts,
    integrity,
    foreignKeyProblems,
    auditChain,
  };
}
