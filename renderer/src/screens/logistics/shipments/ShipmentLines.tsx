/**
 * The lines of a shipment: where each comes from (order, item, stall) and what is loaded (cartons,
 * quantity, weights, volume), editable until the goods leave. A line the core refused is marked red, with
 * the message under the grid naming the line and the field.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { DataGrid } from '../../../components/DataGrid';
import { useAppState } from '../../../context';
import { codeName } from '../../../lib/codes';
import { decimalCol, textCol } from '../../../lib/columns';
import type { EditableField, LineDraft } from './draft';
import { localName, usePartyNames } from '../../../lib/names';
import { formatDecimal } from '../../../lib/format';

export type LineRow = LineDraft & { lineNo: number; errors: Partial<Record<string, string>> };

interface Props {
  rows: LineRow[];
  locked: boolean;
  onEdit: (row: LineRow, field: EditableField) => void;
  onSelect: (row: LineRow | null) => void;
  onRemoveSelected: () => void;
}

const EDITABLE: EditableField[] = ['cartons', 'quantity', 'grossKg', 'netKg', 'cbm'];

export function ShipmentLines({ rows, locked, onEdit, onSelect, onRemoveSelected }: Props) {
  const { t } = useTranslation();
  const { language: lang } = useAppState();
  const names = usePartyNames();

  const columnDefs = useMemo<ColDef<LineRow>[]>(() => {
    const L = (f: string) => t(`shipments.lines.${f}`);
    const errorRules = (f: string) => ({
      cellClassRules: { 'cell-error': (p: { data?: LineRow }) => Boolean(p.data?.errors[f]) },
      tooltipValueGetter: (p: { data?: LineRow }) => p.data?.errors[f] ?? undefined,
    });
    const edit = (f: EditableField, width: number): ColDef<LineRow> => ({
      ...decimalCol<LineRow>(f, L(f), width, !locked),
      ...errorRules(f),
      cellClass: locked ? 'ag-right-aligned-cell' : ['ag-right-aligned-cell', 'cell-editable'],
    });
    const cols: ColDef<LineRow>[] = [
      {
        colId: 'lineNo',
        headerName: L('lineNo'),
        width: 64,
        valueGetter: (p) => (p.data ? (Object.keys(p.data.errors).length > 0 ? `! ${p.data.lineNo}` : String(p.data.lineNo)) : ''),
        cellClassRules: { 'cell-error-mark': (p) => Boolean(p.data && Object.keys(p.data.errors).length > 0) },
        sortable: false,
      },
      { ...textCol<LineRow>('orderNo', L('orderNo'), 130, false), ...errorRules('orderLineId') },
      textCol<LineRow>('itemNo', L('itemNo'), 100, false),
      { colId: 'name', headerName: L('name'), width: 150, valueGetter: (p) => (p.data ? localName(p.data, lang) : '') },
      { ...textCol<LineRow>('stallName', L('stallName'), 140, false), valueGetter: (p) => (p.data ? names(p.data.stallId, p.data.stallName) : '') },
      edit('cartons', 80),
      edit('quantity', 100),
      { colId: 'unit', headerName: L('unit'), width: 80, valueGetter: (p) => (p.data ? codeName('units', p.data.unit, lang) || p.data.unit : '') },
      decimalCol<LineRow>('unitPrice', L('unitPrice'), 100, false),
      { ...decimalCol<LineRow>('amount', L('amount'), 110, false), cellClass: ['ag-right-aligned-cell', 'computed'], valueFormatter: (p) => (p.value === '' ? '—' : formatDecimal(String(p.value ?? ''))) },
      textCol<LineRow>('currency', L('currency'), 100, false),
      edit('grossKg', 100),
      edit('netKg', 100),
      edit('cbm', 90),
    ];
    // lines of one document: sorting yes, column filters no (they only crowd the headers)
    return cols.map((c) => ({ ...c, filter: false }));
  }, [t, lang, locked, names]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // Ctrl+Delete removes the line the cursor is on
    if (e.key === 'Delete' && (e.ctrlKey || e.metaKey) && !locked && !(e.target as HTMLElement).closest('.ag-cell-inline-editing')) {
      e.preventDefault();
      onRemoveSelected();
    }
  }

  return (
    <div className="logi-lines-grid" onKeyDown={onKeyDown}>
      <DataGrid<LineRow>
        stateKey="grid.shipmentLines"
        rows={rows}
        loading={false}
        columnDefs={columnDefs}
        onSelect={onSelect}
        onCellEdit={(row, field) => EDITABLE.includes(field as EditableField) && onEdit(row, field as EditableField)}
        hint={locked ? t('shipments.hints.linesReadOnly') : undefined}
      />
    </div>
  );
}
