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
  type CellValueChangedEvent,
  type ColDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type IRowNode,
  type SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { isRtl } from '../../../../shared/i18n';
import { gridLocaleText } from '../../lib/gridLocale';
import type { Party, Product } from '../../../../shared/api';
import type { OrderKind } from '../../../../shared/trade';
import { useAppState } from '../../context';
import { otherName, partyName, productName } from '../../lib/names';
import { lineColumns } from './lineColumns';
import { emptyLine, isEmptyLine, type LineDraft } from './lineModel';
import type { GridExportResult } from '../../../../shared/gridExport';
import { exportGridToExcel, titleAround } from '../../lib/gridExport';
import type { ProductOption } from './pickers';
import { entryGridTheme } from '../../lib/gridTheme';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = entryGridTheme;

export interface LineGridHandle {
  /** all lines in grid order (the grid's own objects: copy before keeping them) */
  lines(): LineDraft[];
  /** put the keyboard on a cell, e.g. the one an error names */
  focusCell(rowKey: number, colId: string): void;
  /** put back a removed line at its old place */
  restore(line: LineDraft, index: number): void;
  /** end a cell edit in progress, so its value is in the lines */
  commit(): void;
  /** "Export to Excel" of the lines as shown (without the empty line waiting at the end) */
  exportExcel(): Promise<GridExportResult>;
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
  const wrapRef = useRef<HTMLDivElement>(null);
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
          label: [productName(p, lang), otherName(p, lang), p.spec ? `· ${p.spec}` : ''].filter(Boolean).join(' '),
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

  const columnDefs = useMemo<ColDef<LineDraft>[]>(
    () =>
      lineColumns({
        t,
        lang,
        kind,
        editable,
        showProgress,
        errors: () => live.current.errors,
        currency: () => live.current.currency,
        decimals: () => live.current.decimals,
        product: (id) => productByIdRef.current.get(id),
        productOptions: () => productOptionsRef.current,
        stallOptions: () => stallOptionsRef.current,
        stallName,
        onPicked: () => (justPicked.current = true),
      }),
    // the callbacks read live values through refs; the columns change with the language, kind and layout only
    [t, lang, kind, showProgress, editable, stallName],
  );

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
      async exportExcel() {
        const api = apiRef.current;
        if (!api) throw new Error('The line grid is not ready.');
        api.stopEditing();
        return exportGridToExcel(api as unknown as GridApi, {
          title: titleAround(wrapRef.current),
          t,
          language: i18n.language === 'zh' ? 'zh' : 'en', // the company name on the sheet: Chinese, or English for every other language
          skipRow: (data) => isEmptyLine(data as LineDraft),
        });
      },
    }),
    [allLines, emit, ensureTrailingEmpty, focus, t, i18n],
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
  const localeText = useMemo(() => gridLocaleText(t, i18n.language), [t, i18n.language]);

  return (
    <div className="line-grid" data-testid="line-grid" ref={wrapRef}>
      <AgGridReact<LineDraft>
        key={i18n.language}
        theme={theme}
        localeText={localeText}
        enableRtl={isRtl(i18n.language)}
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
