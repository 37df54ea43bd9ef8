import type { ApiParsedArg, Company } from '../../shared/api';
import { nowIso, type DB } from './db';
import { AppError } from './errors';
import { audit, diff } from './trade/common';
import { issueKey } from '../../shared/issues';

interface CompanyRow {
  name_zh: string;
  name_en: string;
  address: string;
  base_currency: string;
  language: string;
  mp_reg_no: string;
  customs_code: string;
  created_at: string;
  updated_at: string;
}

function toCompany(r: CompanyRow): Company {
  return {
    nameZh: r.name_zh,
    nameEn: r.name_en,
    address: r.address,
    baseCurrency: r.base_currency,
    language: r.language as Company['language'],
    mpRegNo: r.mp_reg_no,
    customsCode: r.customs_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The company's fields as the audit trail records them (no timestamps); the record's id is 1. */
function auditView(c: Company): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...fields } = c;
  return fields;
}

export function getCompany(db: DB): Company | null {
  const r = db.prepare('SELECT * FROM company WHERE id = 1').get() as CompanyRow | undefined;
  return r ? toCompany(r) : null;
}

export function setupCompany(db: DB, c: ApiParsedArg<'company.setup'>, user = 'owner'): Company {
  return db.transaction(() => {
    if (getCompany(db)) throw new AppError('conflict', 'The company is already set up; change it in Settings.');
    const now = nowIso();
    db.prepare(
      `INSERT INTO company (id, name_zh, name_en, address, base_currency, language, mp_reg_no, customs_code, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.nameZh, c.nameEn, c.address, c.baseCurrency, c.language, c.mpRegNo, c.customsCode, now, now);
    const created = getCompany(db)!;
    audit(db, user, 'company', 1, 'create', auditView(created));
    return created;
  })();
}

export function updateCompany(db: DB, patch: ApiParsedArg<'company.update'>, user = 'owner'): Company {
  return db.transaction(() => {
    const current = getCompany(db);
    if (!current) throw new AppError('not_found', 'The company is not set up yet.');
    const next = { ...current, ...patch };
    if (next.baseCurrency !== current.baseCurrency) {
      const used = db
        .prepare(
          `SELECT (SELECT count(*) FROM trade_order) + (SELECT count(*) FROM payment) + (SELECT count(*) FROM import_record) AS n`,
        )
        .get() as { n: number };
      if (used.n > 0) {
        const message = `the base currency cannot change once orders, payments or imports are recorded (their base amounts are in ${current.baseCurrency})`;
        throw new AppError('validation', `baseCurrency: ${message}`, [{ path: 'baseCurrency', message, ...issueKey('errors.baseCurrencyLocked', { currency: current.baseCurrency }) }]);
      }
    }
    if (next.nameZh === '' && next.nameEn === '') {
      throw new AppError('validation', 'nameZh: a company name in Chinese or English is required', [
        { path: 'nameZh', message: 'a company name in Chinese or English is required', ...issueKey('errors.companyNameRequired') },
      ]);
    }
    db.prepare(
      `UPDATE company SET name_zh = ?, name_en = ?, address = ?, base_currency = ?, language = ?, mp_reg_no = ?,
         customs_code = ?, updated_at = ? WHERE id = 1`,
    ).run(next.nameZh, next.nameEn, next.address, next.baseCurrency, next.language, next.mpRegNo, next.customsCode, nowIso());
    const updated = getCompany(db)!;
    const changes = diff(auditView(current), auditView(updated));
    if (Object.keys(changes).length > 0) audit(db, user, 'company', 1, 'update', changes);
    return updated;
  })();
}
