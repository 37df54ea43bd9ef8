/** Column builders shared by the grids: text, decimal strings, code lists, yes/no. */
import type { ColDef, ColDefField, ValueFormatterParams } from 'ag-grid-community';
import type { CodeTableName } from '../../../shared/codes';
import type { UiLanguage } from '../../../shared/i18n';
import { CodeCellEditor, type CodeCellEditorParams } from '../components/CodeCellEditor';
import { codeLabel, codeOptions, type Option } from './codes';
import { formatDate, formatDecimal } from './format';
import { normalizeDecimalInput, sortNumber } from './numbers';

type Field<T> = Extract<keyof T, string>;
const f = <T>(field: Field<T>) => field as unknown as ColDefField<T>;

export function textCol<T>(field: Field<T>, headerName: string, width: number, editable = true): ColDef<T> {
  return { colId: field, field: f<T>(field), headerName, width, editable, cellDataType: 'text', filter: 'agTextColumnFilter' };
}

/**
 * A calendar date ("2026-11-29"), shown the UI language's way (29.11.2026 in Russian; ISO in Chinese and
 * English), sorted and filtered by the ISO text, exported to Excel as a date.
 */
export function dateCol<T>(field: Field<T>, headerName: string, width: number): ColDef<T> {
  return {
    ...textCol<T>(field, headerName, width, false),
    valueFormatter: (p: ValueFormatterParams<T>) => (typeof p.value === 'string' ? formatDate(p.value) : ''),
    context: { excel: { kind: 'date' } },
  };
}

/**
 * A decimal string ("0.0125", "12.5"): shown with the UI language's separators ("1,234.5", "1 234,5"),
 * edited as the plain text and read back in the language's separators, sorted and filtered as a number,
 * aligned to the end.
 */
export function decimalCol<T>(field: Field<T>, headerName: string, width: number, editable = true): ColDef<T> {
  return {
    colId: field,
    field: f<T>(field),
    headerName,
    width,
    editable,
    cellDataType: 'text',
    type: 'rightAligned',
    valueFormatter: (p: ValueFormatterParams<T>) => (typeof p.value === 'string' ? formatDecimal(p.value) : String(p.value ?? '')),
    valueParser: (p) => normalizeDecimalInput(String(p.newValue ?? '')),
    comparator: (a: unknown, b: unknown) => (sortNumber(a) ?? -Infinity) - (sortNumber(b) ?? -Infinity),
    filter: 'agNumberColumnFilter',
    filterValueGetter: (p) => sortNumber(p.data ? (p.data as Record<string, unknown>)[field] : null),
  };
}

/** A code column (customs tables, brand type): shown with its name, edited with a searchable list. */
export function optionCol<T>(field: Field<T>, headerName: string, width: number, options: Option[], label: (v: string) => string, editable = true): ColDef<T> {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? label(v) : '');
  return {
    colId: field,
    field: f<T>(field),
    headerName,
    width,
    editable,
    cellDataType: 'text',
    valueFormatter: (p: ValueFormatterParams<T>) => text(p.value),
    filter: 'agTextColumnFilter',
    filterValueGetter: (p) => text(p.data ? (p.data as Record<string, unknown>)[field] : ''),
    cellEditor: CodeCellEditor,
    cellEditorPopup: true,
    cellEditorParams: { options } satisfies CodeCellEditorParams,
  };
}

/** A customs code: shown as "035 千克" or "CHN China", picked from the whole table. */
export function codeCol<T>(field: Field<T>, headerName: string, width: number, table: CodeTableName, lang: UiLanguage, editable = true): ColDef<T> {
  return optionCol<T>(field, headerName, width, codeOptions(table), (v) => codeLabel(table, v, lang), editable);
}

export function boolCol<T>(field: Field<T>, headerName: string, width: number, editable = true): ColDef<T> {
  return { colId: field, field: f<T>(field), headerName, width, editable, cellDataType: 'boolean' };
}
