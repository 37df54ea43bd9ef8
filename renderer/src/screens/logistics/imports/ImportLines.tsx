/**
 * The lines of an import: the goods (a product or a description), quantity, price and the duty and VAT
 * rates as entered, then the core's customs value, duty, VAT and landed cost in the base currency (shown
 * once saved, read-only). Enter edits a cell, Enter again moves down; Ctrl+Delete removes a line.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ImportLine } from '../../../../../shared/trade';
import { DataGrid } from '../../../components/DataGrid';
import type { Option } from '../../../lib/codes';
import { decimalCol, optionCol, textCol } from '../../../lib/columns';
import { formatDecimal } from '../../../lib/format';
import type { ImportLineDraft, LineInputField } from './draft';

export type ImportLineRow = ImportLineDraft & { lineNo: number; errors: Partial<Record<string, string>> };

interface Props {
  rows: ImportLineRow[];
  readOnly: boolean;
  currency: string;
  baseCurrency: string;
  products: Option[];
  onEdit: (row: ImportLineRow, field: LineInputField) => void;
  onSelect: (row: ImportLineRow | null) => void;
  onRemoveSelected: () => void;
}

const INPUTS: LineInputField[] = ['productId', 'description', 'hsCode', 'quantity', 'unitPrice', 'dutyRate', 'vatRate'];
type Computed = Exclude<keyof ImportLine, 'id' | 'productId' | 'orderLineId' | 'itemNo' | 'description' | 'hsCode' | 'quantity' | 'unitPrice' | 'dutyRate' | 'vatRate'>;

export function ImportLines({ rows, readOnly, currency, baseCurrency, products, onEdit, onSelect, onRemoveSelected }: Props) {
  const { t } = useTranslation();

  const columnDefs = useMemo<ColDef<ImportLineRow>[]>(() => {
    const L = (f: string) => t(`imports.lines.${f}`);
    const editable = !readOnly;
    const errorRules = (f: string) => ({
      cellClassRules: { 'cell-error': (p: { data?: ImportLineRow }) => Boolean(p.data?.errors[f]) },
      tooltipValueGetter: (p: { data?: ImportLineRow }) => p.data?.errors[f] ?? undefined,
    });
    const input = (col: ColDef<ImportLineRow>, f: LineInputField, right: boolean): ColDef<ImportLineRow> => ({
      ...col,
      ...errorRules(f),
      cellClass: [...(right ? ['ag-right-aligned-cell'] : []), ...(editable ? ['cell-editable'] : [])],
    });
    const computed = (f: Computed, width: number, cur: string): ColDef<ImportLineRow> => ({
      colId: f,
      headerName: L(f),
      headerTooltip: t('imports.lines.withCurrency', { name: L(f), currency: cur }),
      width,
      type: 'rightAligned',
      cellClass: ['ag-right-aligned-cell', 'computed'],
      valueGetter: (p) => (p.data?.computed ? p.data.computed[f] : ''),
      valueFormatter: (p) => (p.value === '' ? '—' : formatDecimal(String(p.value ?? ''))),
      sortable: false,
    });
    const productLabel = (v: string) => products.find((o) => o.value === v)?.label ?? v;
    const cols: ColDef<ImportLineRow>[] = [
      {
        colId: 'lineNo',
        headerName: t('shipments.lines.lineNo'),
        width: 64,
        valueGetter: (p) => (p.data ? (Object.keys(p.data.errors).length > 0 ? `! ${p.data.lineNo}` : String(p.data.lineNo)) : ''),
        cellClassRules: { 'cell-error-mark': (p) => Boolean(p.data && Object.keys(p.data.errors).length > 0) },
        sortable: false,
      },
      input(optionCol<ImportLineRow>('productId', L('productId'), 190, products, productLabel, editable), 'productId', false),
      input(textCol<ImportLineRow>('description', L('description'), 170, editable), 'description', false),
      input({ ...textCol<ImportLineRow>('hsCode', L('hsCode'), 115, editable), cellEditorParams: { maxLength: 13 } }, 'hsCode', false),
      input(decimalCol<ImportLineRow>('quantity', L('quantity'), 90, editable), 'quantity', true),
      input({ ...decimalCol<ImportLineRow>('unitPrice', L('unitPrice'), 100, editable), headerTooltip: t('imports.lines.withCurrency', { name: L('unitPrice'), currency }) }, 'unitPrice', true),
      computed('amount', 100, currency),
      input(decimalCol<ImportLineRow>('dutyRate', L('dutyRate'), 96, editable), 'dutyRate', true),
      input(decimalCol<ImportLineRow>('vatRate', L('vatRate'), 110, editable), 'vatRate', true),
      computed('customsValue', 110, baseCurrency),
      computed('duty', 90, baseCurrency),
      computed('vat', 110, baseCurrency),
      computed('landedCost', 110, baseCurrency),
      computed('landedUnitCost', 130, baseCurrency),
    ];
    // lines of one document: sorting yes, column filters no (they only crowd the headers)
    return cols.map((c) => ({ ...c, filter: false }));
  }, [t, readOnly, currency, baseCurrency, products]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Delete' && (e.ctrlKey || e.metaKey) && !readOnly && !(e.target as HTMLElement).closest('.ag-cell-inline-editing')) {
      e.preventDefault();
      onRemoveSelected();
    }
  }

  return (
    <div className="logi-lines-grid" onKeyDown={onKeyDown}>
      <p className="logi-note currency-note">{t('imports.hints.currencies', { currency, base: baseCurrency })}</p>
      <DataGrid<ImportLineRow>
        stateKey="grid.importLines"
        rows={rows}
        loading={false}
        columnDefs={columnDefs}
        onSelect={onSelect}
        onCellEdit={(row, field) => INPUTS.includes(field as LineInputField) && onEdit(row, field as LineInputField)}
        hint={readOnly ? t('imports.hints.readOnlyGrid') : undefined}
      />
    </div>
  );
}
