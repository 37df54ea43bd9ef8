import { DOC_LANGUAGES, type ApiParsedArg, type DocLanguage, type Party, type PartyRole } from '../../shared/api';
import { countReferences, nowIso, type DB } from './db';
import { cached } from './statements';
import { AppError, invalid, notFound } from './errors';
import { likePattern } from './sql';
import { audit, diff } from './trade/common';
import { issueKey } from '../../shared/issues';

interface PartyRow {
  id: number;
  roles: string;
  name_zh: string;
  name_en: string;
  country: string;
  phone: string;
  wechat: string;
  whatsapp: string;
  email: string;
  address: string;
  booth: string;
  stall_reg_no: string;
  id_doc_no: string;
  nationality: string;
  doc_language: string;
  notes: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

/** API field name -> column name, for the plain text fields. */
const COLUMNS = {
  nameZh: 'name_zh',
  nameEn: 'name_en',
  country: 'country',
  phone: 'phone',
  wechat: 'wechat',
  whatsapp: 'whatsapp',
  email: 'email',
  address: 'address',
  booth: 'booth',
  stallRegNo: 'stall_reg_no',
  idDocNo: 'id_doc_no',
  nationality: 'nationality',
  docLanguage: 'doc_language',
  notes: 'notes',
} as const satisfies Record<string, keyof PartyRow>;

const isDocLanguage = (v: string): v is DocLanguage => (DOC_LANGUAGES as readonly string[]).includes(v);

const encodeRoles = (roles: readonly PartyRole[]) => `,${[...new Set(roles)].sort().join(',')},`;
const decodeRoles = (s: string) => s.split(',').filter(Boolean) as PartyRole[];

function toParty(r: PartyRow): Party {
  return {
    id: r.id,
    roles: decodeRoles(r.roles),
    nameZh: r.name_zh,
    nameEn: r.name_en,
    country: r.country,
    phone: r.phone,
    wechat: r.wechat,
    whatsapp: r.whatsapp,
    email: r.email,
    address: r.address,
    booth: r.booth,
    stallRegNo: r.stall_reg_no,
    idDocNo: r.id_doc_no,
    nationality: r.nationality,
    docLanguage: isDocLanguage(r.doc_language) ? r.doc_language : 'en',
    notes: r.notes,
    archived: r.archived === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A party's fields as the audit trail records them (API names; no id or timestamps). */
function auditView(p: Party): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = p;
  return fields;
}

export function getParty(db: DB, id: number): Party {
  const r = cached(db, 'SELECT * FROM party WHERE id = ?').get(id) as PartyRow | undefined;
  if (!r) throw notFound('Party', id);
  return toParty(r);
}

export function listParties(db: DB, q: ApiParsedArg<'parties.list'>): Party[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!q.includeArchived) where.push('archived = 0');
  if (q.role) {
    where.push('roles LIKE ?');
    params.push(`%,${q.role},%`);
  }
  if (q.search) {
    const p = likePattern(q.search);
    where.push(
      `(name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\' OR booth LIKE ? ESCAPE '\\'
        OR stall_reg_no LIKE ? ESCAPE '\\' OR wechat LIKE ? ESCAPE '\\' OR whatsapp LIKE ? ESCAPE '\\')`,
    );
    params.push(p, p, p, p, p, p, p);
  }
  const sql = `SELECT * FROM party ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
               ORDER BY archived, CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END COLLATE NOCASE, id`;
  return (db.prepare(sql).all(...params) as PartyRow[]).map(toParty);
}

export function createParty(db: DB, p: ApiParsedArg<'parties.create'>, user = 'owner'): Party {
  return db.transaction(() => {
    const now = nowIso();
    const fields = Object.entries(COLUMNS).filter(([k]) => (p as Record<string, unknown>)[k] !== undefined);
    const cols = ['roles', ...fields.map(([, c]) => c), 'created_at', 'updated_at'];
    const values = [encodeRoles(p.roles ?? []), ...fields.map(([k]) => (p as Record<string, unknown>)[k]), now, now];
    const info = cached(db, `INSERT INTO party (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
    const created = getParty(db, Number(info.lastInsertRowid));
    audit(db, user, 'party', created.id, 'create', auditView(created));
    return created;
  })();
}

export function updateParty(db: DB, id: number, patch: ApiParsedArg<'parties.update'>['patch'], user = 'owner'): Party {
  return db.transaction(() => {
    const current = getParty(db, id);
    const next = { ...current, ...patch };
    if (next.nameZh === '' && next.nameEn === '') throw invalid('patch.nameZh', 'a name in Chinese or English is required', issueKey('errors.nameRequired'));
    if (next.roles.length === 0) throw invalid('patch.roles', 'choose at least one role', issueKey('errors.rolesRequired'));
    const sets = Object.entries(COLUMNS).map(([, c]) => `${c} = ?`);
    cached(db, `UPDATE party SET roles = ?, ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
      encodeRoles(next.roles),
      ...Object.keys(COLUMNS).map((k) => next[k as keyof typeof COLUMNS]),
      nowIso(),
      id,
    );
    const updated = getParty(db, id);
    const changes = diff(auditView(current), auditView(updated));
    if (Object.keys(changes).length > 0) audit(db, user, 'party', id, 'update', changes);
    return updated;
  })();
}

export function archiveParty(db: DB, id: number, archived: boolean, user = 'owner'): Party {
  return db.transaction(() => {
    const before = getParty(db, id);
    db.prepare('UPDATE party SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, nowIso(), id);
    if (before.archived !== archived) audit(db, user, 'party', id, archived ? 'archive' : 'unarchive', { archived: [before.archived, archived] });
    return getParty(db, id);
  })();
}

/** Hard delete, refused when any record refers to the party: it must be archived instead. */
export function deleteParty(db: DB, id: number, user = 'owner'): { id: number } {
  return db.transaction(() => {
    const before = getParty(db, id);
    const refs = countReferences(db, 'party', id);
    if (refs.length > 0) {
      const used = refs.map((r) => `${r.count} ${r.table}`).join(', ');
      throw new AppError('conflict', `Party ${id} is used by ${used}; archive it instead of deleting it.`);
    }
    db.prepare('DELETE FROM party WHERE id = ?').run(id);
    audit(db, user, 'party', id, 'delete', auditView(before));
    return { id };
  })();
}
