/**
 * The lines of an order, typed like a spreadsheet: type into a cell to fill it, Enter takes the value and
 * moves to the next cell to fill (after a picked product: to the cartons), at the end of a row to the first
 * cell of the next; a new empty line is always waiting at the end. F2 or a double-click edits a cell, Esc
 * cancels, Ctrl+Delete removes the line (Ctrl+Z or the Undo bar brings it back).
 *
 * The grid owns the row objects while the user types (AG Grid's value setters change them in place); after
 * each change the screen gets a copy of all lines for the totals and the save.
 */
import { useCallback, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellClassParams,
  type CellValueChangedEvent,
  type ColDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type IRowNode,
  type SuppressKeyboardEventParams,
  type ValueSetterParams,
} from 'ag-grid-community';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { Party, Product } from '../../../../shared/api';
import type { OrderKind } from '../../../../shared/trade';
import { filterOptions } from '../../components/ComboBox';
import { useAppState } from '../../context';
import { codeLabel, codeOptions } from '../../lib/codes';
import { decimalCol, textCol } from '../../lib/columns';
import { partyName, productName } from '../../lib/names';
import { applyProduct, emptyLine, followCartons, isEmptyLine, previewAmount, type LineDraft } from './lineModel';
import { PickerCellEditor, type PickerParams } from './PickerCellEditor';
import { filterByLabel, filterProducts, type ProductOption, type ProductPick } from './pickers';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1d4ed8',
  foregroundColor: '#111827',
  headerBackgroundColor: '#eef1f5',
  oddRowBackgroundColor: '#fafbfc',
  borderColor: '#d5dae1',
  rowBorder: { color: '#e5e8ec' },
  columnBorder: { color: '#e5e8ec' },
  wrapperBorderRadius: 4,
  spacing: 5,
  browserColorScheme: 'light',
});

export interface LineGridHandle {
  /** all lines in grid order (the grid's own objects: copy before keeping them) */
  lines(): LineDraft[];
  /** put the keyboard on a cell, e.g. the one an error names */
  focusCell(rowKey: number, colId: string): void;
  /** put back a removed line at its old place */
  restore(line: LineDraft, index: number): void;
  /** end a cell edit in progress, so its value is in the lines */
  commit(): void;
}

interface LineGridProps {
  kind: OrderKind;
  currency: string;
  decimals: number;
  /** the rows to show; a new array replaces them (matched by key) */
  rows: LineDraft[];
  products: Product[];
  stalls: Party[];
  editable: boolean;
  /** show shipped/received and remaining quantities */
  showProgress: boolean;
  /** `${rowKey}.${colId}` → message */
  errors: Record<string, string>;
  onChange: (lines: LineDraft[], changed?: { rowKey: number; colId: string }) => void;
  onRemoved: (line: LineDraft, index: number) => void;
  onUndo: () => void;
  handleRef: Ref<LineGridHandle>;
}

export function LineGrid(props: LineGridProps) {
  const { kind, currency, decimals, rows, products, stalls, editable, showProgress, errors, onChange, onRemoved, onUndo, handleRef } = props;
  const { t, i18n } = useTranslation();
  const { language: lang } = useAppState();
  const apiRef = useRef<GridApi<LineDraft> | null>(null);
  const justPicked = useRef(false);
  // The lines as the grid has them; a grid made anew (another language) starts from these, not from `rows`.
  const current = useRef<LineDraft[]>(rows);
  const rowsSeen = useRef(rows);
  if (rowsSeen.current !== rows) {
    rowsSeen.current = rows;
    current.current = rows;
  }
  const gridRows = useMemo(() => [...current.current], [rows, i18n.language]);

  // Values the column callbacks read at call time (so the columns are not rebuilt while typing).
  const live = useRef({ products, stalls, currency, decimals, errors, editable, onChange, onRemoved, onUndo, kind });
  live.current = { products, stalls, currency, decimals, errors, editable, onChange, onRemoved, onUndo, kind };
  const productById = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const productByIdRef = useRef(productById);
  productByIdRef.current = productById;

  const productOptions = useMemo<ProductOption[]>(
    () =>
      products
        .filter((p) => !p.archived)
        .map((p) => ({
          value: String(p.id),
          itemNo: p.itemNo,
          label: [productName(p, lang), lang === 'zh' ? p.nameEn : p.nameZh, p.spec ? `· ${p.spec}` : ''].filter(Boolean).join(' '),
        })),
    [products, lang],
  );
  const productOptionsRef = useRef(productOptions);
  productOptionsRef.current = productOptions;
  const stallOptions = useMemo(
    () => stalls.filter((s) => !s.archived).map((s) => ({ value: String(s.id), label: [partyName(s, lang), s.booth].filter(Boolean).join(' · ') })),
    [stalls, lang],
  );
  const stallOptionsRef = useRef(stallOptions);
  stallOptionsRef.current = stallOptions;

  const stallName = useCallback((id: number) => {
    const s = live.current.stalls.find((x) => x.id === id);
    return s ? partyName(s, lang) : '';
  }, [lang]);

  // ----- reading and changing rows

  const allLines = useCallback((): LineDraft[] => {
    const out: LineDraft[] = [];
    apiRef.current?.forEachNode((n) => n.data && out.push(n.data));
    return out;
  }, []);

  const emit = useCallback(
    (changed?: { rowKey: number; colId: string }) => {
      apiRef.current?.refreshCells({ columns: ['lineNo'] });
      current.current = allLines();
      live.current.onChange(current.current.map((l) => ({ ...l })), changed);
    },
    [allLines],
  );

  /** A new empty line at the end whenever the last one has something in it. */
  const ensureTrailingEmpty = useCallback(() => {
    const api = apiRef.current;
    if (!api || !live.current.editable) return;
    const n = api.getDisplayedRowCount();
    const last = n > 0 ? api.getDisplayedRowAtIndex(n - 1)?.data : undefined;
    if (!last || !isEmptyLine(last)) api.applyTransaction({ add: [emptyLine()] });
  }, []);

  // ----- keyboard

  const editableColumns = useCallback((node: IRowNode<LineDraft>): Column[] => {
    const api = apiRef.current;
    return api ? api.getAllDisplayedColumns().filter((c) => c.isCellEditable(node)) : [];
  }, []);

  const focus = useCallback((rowIndex: number, col: Column | string) => {
    const api = apiRef.current;
    if (!api) return;
    api.ensureIndexVisible(rowIndex);
    api.ensureColumnVisible(col);
    api.setFocusedCell(rowIndex, col);
  }, []);

  /** Enter: from this cell to the next one to fill. */
  const moveNext = useCallback(
    (rowIndex: number, colId: string) => {
      const api = apiRef.current;
      if (!api) return;
      ensureTrailingEmpty();
      const node = api.getDisplayedRowAtIndex(rowIndex);
      if (!node) return;
      const picked = justPicked.current;
      justPicked.current = false;
      if (picked && colId === 'productId') {
        const cartons = api.getColumn('cartons');
        if (cartons && cartons.isCellEditable(node)) return focus(rowIndex, cartons);
      }
      // the next cell to fill after this one (read-only cells such as the amount are passed over)
      const all = api.getAllDisplayedColumns();
      const at = all.findIndex((c) => c.getColId() === colId);
      const next = all.slice(at + 1).find((c) => c.isCellEditable(node));
      if (next) return focus(rowIndex, next);
      const below = api.getDisplayedRowAtIndex(rowIndex + 1);
      const first = below ? editableColumns(below)[0] : undefined;
      if (below && first) focus(rowIndex + 1, first);
    },
    [editableColumns, ensureTrailingEmpty, focus],
  );

  const removeRow = useCallback(
    (node: IRowNode<LineDraft>, colId: string) => {
      const api = apiRef.current;
      if (!api || !node.data || node.rowIndex === null) return;
      const index = node.rowIndex;
      const line = node.data;
      if (isEmptyLine(line) && index === api.getDisplayedRowCount() - 1) return; // the waiting empty line stays
      api.stopEditing(true);
      api.applyTransaction({ remove: [line] });
      ensureTrailingEmpty();
      live.current.onRemoved(line, index);
      emit();
      focus(Math.min(index, api.getDisplayedRowCount() - 1), colId);
    },
    [emit, ensureTrailingEmpty, focus],
  );

  const suppressKeyboardEvent = useCallback(
    (p: SuppressKeyboardEventParams<LineDraft>) => {
      const e = p.event;
      if (e.isComposing) return e.key === 'Enter'; // the input method's Enter is not ours
      const api = apiRef.current;
      if (!api || !live.current.editable) return false;
      const colId = p.column.getColId();
      if (e.key === 'Enter' && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
        const rowIndex = p.node.rowIndex;
        if (rowIndex === null) return false;
        if (p.editing) api.stopEditing();
        moveNext(rowIndex, colId);
        return true;
      }
      if (e.key === 'Delete' && (e.ctrlKey || e.metaKey)) {
        removeRow(p.node, colId);
        return true;
      }
      if (!p.editing && (e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z')) {
        live.current.onUndo();
        return true;
      }
      return false;
    },
    [moveNext, removeRow],
  );

  // ----- columns

  const columnDefs = useMemo<ColDef<LineDraft>[]>(() => {
    const L = (k: string) => t(`orders.lines.${k}`);
    const hasError = (colId: string) => (p: CellClassParams<LineDraft>) => p.data !== undefined && live.current.errors[`${p.data.key}.${colId}`] !== undefined;
    const errorTip = (colId: string) => (p: { data?: LineDraft; valueFormatted?: string | null; value?: unknown }) =>
      (p.data && live.current.errors[`${p.data.key}.${colId}`]) || undefined;
    const withError = (c: ColDef<LineDraft>): ColDef<LineDraft> => {
      const colId = c.colId ?? String(c.field);
      return {
        ...c,
        editable: live.current.editable && c.editable !== false,
        cellClassRules: { ...(c.cellClassRules ?? {}), 'cell-error': hasError(colId) },
        tooltipValueGetter: errorTip(colId),
      };
    };
    /** a value setter that marks the line edited and lets quantities / weights follow the cartons */
    const setter =
      (apply: (l: LineDraft, v: string) => void) =>
      (p: ValueSetterParams<LineDraft>): boolean => {
        const v = typeof p.newValue === 'string' ? p.newValue.trim() : p.newValue == null ? '' : String(p.newValue);
        apply(p.data, v);
        p.data.edited = true;
        return true;
      };
    const product = (l: LineDraft) => (l.productId === null ? undefined : productByIdRef.current.get(l.productId));
    const follow = (field: 'cartons' | 'pcsPerCarton') => setter((l, v) => {
      l[field] = v;
      followCartons(l, product(l));
    });
    const weight = (field: 'grossKg' | 'netKg' | 'cbm', auto: 'gwAuto' | 'nwAuto' | 'cbmAuto') =>
      setter((l, v) => {
        l[field] = v;
        l[auto] = v === '';
        if (v === '') followCartons(l, product(l));
      });
    const num = (field: keyof LineDraft & string, width: number) => ({ ...decimalCol<LineDraft>(field, L(field), width), filter: false });

    const cols: ColDef<LineDraft>[] = [
      {
        colId: 'lineNo',
        headerName: '#',
        width: 48,
        pinned: 'left',
        editable: false,
        valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
        cellClass: 'line-no',
        suppressNavigable: false,
      },
    ];
    if (kind === 'sales') {
      cols.push({
        colId: 'warning',
        headerName: '⚠',
        headerTooltip: L('stockWarning'),
        width: 40,
        editable: false,
        cellRenderer: (p: CustomCellRendererProps<LineDraft>) =>
          p.data?.stockWarning ? (
            <span className="stock-warning" title={p.data.stockWarning} aria-label={p.data.stockWarning} data-testid="stock-warning">
              ⚠
            </span>
          ) : null,
      });
    }
    cols.push(
      withError({
        colId: 'productId',
        headerName: L('product'),
        width: 140,
        pinned: 'left',
        cellDataType: false,
        valueGetter: (p) => p.data?.itemNo ?? '',
        valueSetter: (p: ValueSetterParams<LineDraft>) => {
          const pick = p.newValue as ProductPick | string | null;
          if (pick === null || typeof pick !== 'object') return false;
          const l = p.data;
          if ('productId' in pick) {
            const prod = productByIdRef.current.get(pick.productId);
            if (!prod) return false;
            applyProduct(l, prod, live.current.currency, live.current.kind, stallName);
            justPicked.current = true;
          } else if ('free' in pick) {
            l.productId = null;
            l.itemNo = pick.free;
          } else {
            l.productId = null;
            l.itemNo = '';
          }
          l.edited = true;
          return true;
        },
        cellEditorSelector: (p) => ({
          component: PickerCellEditor,
          popup: true,
          params: {
            options: () => productOptionsRef.current,
            filter: filterProducts,
            free: (q) => ({ value: `free:${q}`, label: t('orders.lines.freeLine', { text: q }) }),
            none: p.data && (p.data.productId !== null || p.data.itemNo !== '') ? { value: 'none:', label: t('orders.lines.noProduct') } : null,
            toValue: (o): ProductPick =>
              o.value.startsWith('free:') ? { free: o.value.slice(5) } : o.value === 'none:' ? { none: true } : { productId: Number(o.value) },
            current: p.data?.productId == null ? '' : String(p.data.productId),
            placeholder: p.data?.itemNo || t('orders.lines.productPlaceholder'),
            ariaLabel: L('product'),
            className: 'product-combo',
          } satisfies PickerParams,
        }),
      }),
      withError({ ...textCol<LineDraft>('nameZh', L('nameZh'), 150), filter: false }),
      withError({ ...textCol<LineDraft>('nameEn', L('nameEn'), 150), filter: false }),
      withError({ ...textCol<LineDraft>('spec', L('spec'), 110), filter: false }),
      withError({ ...textCol<LineDraft>('hsCode', L('hsCode'), 110), filter: false }),
      withError({
        ...textCol<LineDraft>('unit', L('unit'), 90),
        filter: false,
        valueFormatter: (p) => (typeof p.value === 'string' && p.value !== '' ? codeLabel('units', p.value, lang) : ''),
        cellEditorSelector: (p) => ({
          component: PickerCellEditor,
          popup: true,
          params: {
            options: () => codeOptions('units'),
            filter: filterOptions,
            none: { value: '', label: t('common.none') },
            toValue: (o) => o.value,
            current: p.data?.unit ?? '',
            placeholder: p.data?.unit ? codeLabel('units', p.data.unit, lang) : '',
            ariaLabel: L('unit'),
          } satisfies PickerParams,
        }),
      }),
      withError({ ...num('cartons', 72), valueSetter: follow('cartons') }),
      withError({ ...num('pcsPerCarton', 96), valueSetter: follow('pcsPerCarton') }),
      withError({
        ...num('quantity', 96),
        valueSetter: setter((l, v) => {
          l.quantity = v;
          l.qtyTyped = v !== '';
          if (v === '') followCartons(l, product(l));
        }),
        cellClassRules: { following: (p: CellClassParams<LineDraft>) => p.data !== undefined && !p.data.qtyTyped && p.data.quantity !== '' },
      }),
      withError({ ...num('unitPrice', 92) }),
      {
        colId: 'amount',
        headerName: L('amount'),
        width: 110,
        type: 'rightAligned',
        editable: false,
        valueGetter: (p) => (p.data ? (p.data.edited || p.data.amount === '' ? previewAmount(p.data, live.current.decimals) : p.data.amount) : ''),
        cellClassRules: { computed: () => true, preview: (p: CellClassParams<LineDraft>) => Boolean(p.data?.edited) },
      },
      withError({ ...num('grossKg', 92), valueSetter: weight('grossKg', 'gwAuto') }),
      withError({ ...num('netKg', 92), valueSetter: weight('netKg', 'nwAuto') }),
      withError({ ...num('cbm', 84), valueSetter: weight('cbm', 'cbmAuto') }),
    );
    if (kind === 'sales') {
      cols.push(
        withError({
          colId: 'stallId',
          headerName: L('stall'),
          width: 150,
          cellDataType: false,
          valueGetter: (p) => (p.data?.stallId == null ? '' : String(p.data.stallId)),
          valueFormatter: (p) => p.data?.stallName ?? '',
          valueSetter: (p: ValueSetterParams<LineDraft>) => {
            const v = typeof p.newValue === 'string' ? p.newValue : '';
            const id = /^\d+$/.test(v) ? Number(v) : null;
            if (id === p.data.stallId) return false;
            p.data.stallId = id;
            p.data.stallName = id === null ? '' : stallName(id);
            p.data.edited = true;
            return true;
          },
          cellEditorSelector: (p) => ({
            component: PickerCellEditor,
            popup: true,
            params: {
              options: () => stallOptionsRef.current,
              filter: filterByLabel,
              none: { value: '', label: t('common.none') },
              toValue: (o) => o.value,
              current: p.data?.stallId == null ? '' : String(p.data.stallId),
              placeholder: p.data?.stallName ?? '',
              ariaLabel: L('stall'),
            } satisfies PickerParams,
          }),
        }),
      );
    }
    cols.push(withError({ ...textCol<LineDraft>('notes', L('notes'), 160), filter: false }));
    if (showProgress) {
      cols.push(
        { ...num('doneQuantity', 96), headerName: kind === 'sales' ? L('shipped') : L('received'), editable: false, cellClass: 'computed' },
        { ...num('remainingQuantity', 96), headerName: L('remaining'), editable: false, cellClass: 'computed remaining' },
      );
    }
    return cols.map((c) => ({ headerTooltip: c.headerName, ...c }));
    // the callbacks read live values through refs; the columns change with the language, kind and layout only
  }, [t, lang, kind, showProgress, editable, stallName]);

  // ----- grid events

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<LineDraft>) => {
      if (e.source === 'data' || !e.data) return;
      e.data.edited = true;
      e.api.refreshCells({ rowNodes: [e.node] });
      ensureTrailingEmpty();
      emit({ rowKey: e.data.key, colId: e.column.getColId() });
    },
    [emit, ensureTrailingEmpty],
  );

  useImperativeHandle(
    handleRef,
    () => ({
      lines: allLines,
      focusCell(rowKey, colId) {
        const api = apiRef.current;
        const node = api?.getRowNode(String(rowKey));
        if (!api || !node || node.rowIndex === null) return;
        focus(node.rowIndex, colId);
      },
      restore(line, index) {
        const api = apiRef.current;
        if (!api) return;
        api.applyTransaction({ add: [line], addIndex: Math.min(index, api.getDisplayedRowCount()) });
        ensureTrailingEmpty();
        emit();
        focus(index, 'productId');
      },
      commit() {
        apiRef.current?.stopEditing();
      },
    }),
    [allLines, emit, ensureTrailingEmpty, focus],
  );

  // refresh the error marks and previews when errors, currency or editability change
  const lastRefresh = useRef({ errors, decimals });
  if (apiRef.current && (lastRefresh.current.errors !== errors || lastRefresh.current.decimals !== decimals)) {
    lastRefresh.current = { errors, decimals };
    const api = apiRef.current;
    queueMicrotask(() => api.refreshCells({ force: true }));
  }

  const getRowId = useCallback((p: GetRowIdParams<LineDraft>) => String(p.data.key), []);
  const defaultColDef = useMemo<ColDef<LineDraft>>(
    () => ({ sortable: false, filter: false, resizable: true, suppressMovable: true, minWidth: 40, suppressKeyboardEvent }),
    [suppressKeyboardEvent],
  );
  const localeText = useMemo(() => t('agGrid', { returnObjects: true }) as Record<string, string>, [t]);

  return (
    <div className="line-grid" data-testid="line-grid">
      <AgGridReact<LineDraft>
        key={i18n.language}
        theme={theme}
        localeText={localeText}
        rowData={gridRows}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        suppressColumnVirtualisation
        animateRows={false}
        stopEditingWhenCellsLoseFocus
        enableBrowserTooltips
        singleClickEdit={false}
        onGridReady={(e) => {
          apiRef.current = e.api;
          ensureTrailingEmpty();
        }}
        onRowDataUpdated={() => ensureTrailingEmpty()}
        onCellValueChanged={onCellValueChanged}
        focusGridInnerElement={() => {
          // Tab from the header form lands on the first cell to fill, not on the column headers
          const api = apiRef.current;
          const node = api?.getDisplayedRowAtIndex(0);
          const first = node ? editableColumns(node)[0] : undefined;
          if (!api || !first) return false;
          focus(0, first);
          return true;
        }}
      />
    </div>
  );
}
