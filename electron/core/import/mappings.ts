/** Saved column mappings (table import_mapping, migration 6): header text in the file → field, by name. */
import type { ApiParsedArg } from '../../../shared/api';
import type { ImportKind, ImportMapping } from '../../../shared/import';
import { nowIso, type DB } from '../db';
import { AppError } from '../errors';

interface Row {
  name: string;
  kind: ImportKind;
  columns: string;
  updated_at: string;
}
const toMapping = (r: Row): ImportMapping => ({ name: r.name, kind: r.kind, columns: JSON.parse(r.columns) as ImportMapping['columns'], updatedAt: r.updated_at });

export function listMappings(db: DB, kind?: ImportKind): ImportMapping[] {
  const rows = (kind ? db.prepare('SELECT * FROM import_mapping WHERE kind = ? ORDER BY name').all(kind) : db.prepare('SELECT * FROM import_mapping ORDER BY name').all()) as Row[];
  return rows.map(toMapping);
}

export function getMapping(db: DB, name: string, kind: ImportKind): ImportMapping {
  const r = db.prepare('SELECT * FROM import_mapping WHERE name = ?').get(name) as Row | undefined;
  if (!r) throw new AppError('not_found', `There is no saved mapping named "${name}"`, [{ path: 'mappingName', message: 'no such mapping' }]);
  if (r.kind !== kind) throw new AppError('validation', `The mapping "${name}" is for ${r.kind}, not ${kind}`, [{ path: 'mappingName', message: `a mapping for ${r.kind}` }]);
  return toMapping(r);
}

export function saveMapping(db: DB, arg: ApiParsedArg<'import.mappings.save'>): ImportMapping {
  const columns = arg.columns.filter((c) => c.field !== '' && c.header.trim() !== '');
  if (columns.length === 0) throw new AppError('validation', 'map at least one column before saving', [{ path: 'columns', message: 'no column is mapped' }]);
  db.prepare(
    `INSERT INTO import_mapping (name, kind, columns, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, columns = excluded.columns, updated_at = excluded.updated_at`,
  ).run(arg.name, arg.kind, JSON.stringify(columns), nowIso());
  return getMapping(db, arg.name, arg.kind);
}

export function deleteMapping(db: DB, name: string): { name: string } {
  const info = db.prepare('DELETE FROM import_mapping WHERE name = ?').run(name);
  if (info.changes === 0) throw new AppError('not_found', `There is no saved mapping named "${name}"`);
  return { name };
}
