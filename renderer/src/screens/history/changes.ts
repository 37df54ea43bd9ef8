/**
 * The audit entry's changes as a line a person reads: an update as "field: old → new; …", a created or
 * deleted record as a short summary (its number or name), anything else as compact JSON.
 */
import type { TFunction } from 'i18next';

/** Fields that name a record, in the order a summary prefers them. */
const NAMING_FIELDS = ['no', 'number', 'itemNo', 'nameZh', 'nameEn', 'name', 'containerNo', 'date', 'currency', 'amount', 'fileName', 'kind', 'quantity'];

function isPairMap(v: unknown): v is Record<string, [unknown, unknown]> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every((x) => Array.isArray(x) && x.length === 2);
}

function isUndo(v: unknown): v is { undoOf: number; undoneAction: string; reverted?: unknown } & Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { undoOf?: unknown }).undoOf === 'number' && typeof (v as { undoneAction?: unknown }).undoneAction === 'string';
}

export function valueText(t: TFunction, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('history.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** A field's label in the UI language when the catalog has one, else the field's own name. */
export function fieldLabel(t: TFunction, field: string): string {
  const label = t(`history.fields.${field}`, { defaultValue: '' });
  return label || field;
}

export function changesText(t: TFunction, changes: unknown): string {
  if (changes === null || changes === undefined) return '';
  if (isUndo(changes)) {
    // an undo entry (electron/core/undo.ts): "Undo of #12 (Changed): phone: 222 → 111"
    const { undoOf, undoneAction, reverted, ...fields } = changes;
    const head = `${t('safety.undo.ofEntry', { id: undoOf })} (${t(`history.actions.${undoneAction}`, { defaultValue: undoneAction })})`;
    const rest = reverted !== undefined ? changesText(t, reverted) : changesText(t, fields);
    return rest ? `${head}: ${rest}` : head;
  }
  if (typeof changes === 'string') return changes;
  if (isPairMap(changes)) {
    return Object.entries(changes)
      .map(([field, [before, after]]) => `${fieldLabel(t, field)}: ${valueText(t, before)} → ${valueText(t, after)}`)
      .join('; ');
  }
  if (typeof changes === 'object' && !Array.isArray(changes)) {
    const rec = changes as Record<string, unknown>;
    const parts = NAMING_FIELDS.filter((f) => rec[f] !== undefined && rec[f] !== null && rec[f] !== '' && typeof rec[f] !== 'object').map((f) => String(rec[f]));
    if (parts.length > 0) return parts.slice(0, 4).join(' · ');
    const n = Object.keys(rec).length;
    return n === 0 ? '' : t('history.fieldCount', { count: n });
  }
  return JSON.stringify(changes);
}

/** An ISO timestamp as the trader's local "YYYY-MM-DD HH:mm:ss". */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
