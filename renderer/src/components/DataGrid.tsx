/**
 * The one AG Grid wrapper both list screens use: theme, locale text, keyboard defaults, row ids, selection
 * that follows the keyboard, inline edits handed to the screen, and the column layout (order, widths,
 * sort, pinning) kept per user in the company file with ui.set, so it survives reload and restart.
 */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellFocusedEvent,
  type CellValueChangedEvent,
  type ColDef,
  type ColumnState,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { isRtl } from '../../../shared/i18n';
import { gridLocaleText } from '../lib/gridLocale';
import { call } from '../api';
import { describeError } from '../lib/errors';
import type { GridExportResult } from '../../../shared/gridExport';
import { cancelGridExport, exportGridToExcel, isExportCancelled, newExportJobId, titleAround, type ExportOptions } from '../lib/gridExport';
import { useNotify } from './Toasts';
import { gridTheme } from '../lib/gridTheme';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = gridTheme;

/** Column-state changes that come from the user (not from loading the grid or applying saved state). */
const IGNORED_SOURCES = new Set(['api', 'gridInitializing', 'gridOptionsChanged', 'cellDataTypeInferred', 'flex', 'rowDataUpdated', 'rowModelUpdated']);
const SAVE_DELAY_MS = 400;
/** Server-side paging: rows per block asked of the datasource, and blocks kept (older ones are asked again). */
const BLOCK_ROWS = 100;
const MAX_BLOCKS = 100;

export interface Identified {
  id: number;
}

export interface DataGridHandle {
  /** Select a row (when it is in the grid) and scroll it into view. */
  select(id: number): void;
  /** Put the keyboard focus on the first cell of the first row; false when the grid is empty. */
  focusFirstCell(): boolean;
}

interface DataGridProps<T extends Identified> {
  /** ui state key of the column layout, e.g. "grid.parties" */
  stateKey: string;
  /** the rows, all of them (client-side); ignored with a datasource */
  rows?: T[];
  /**
   * Server-side paging (AG Grid's infinite row model, for lists too long to load): the grid asks for blocks of
   * 100 rows as they scroll into view, with its sort; column filters are off (the screen filters in its
   * toolbar). A new datasource (new filter) starts again from the top.
   */
  datasource?: IDatasource | undefined;
  /** with a datasource: the rows of the whole list (the status line); null while not known */
  rowCount?: number | null;
  /** with a datasource: "Export to Excel" of the whole list, made by the core */
  onExport?: (api: GridApi<T>, opts: ExportOptions & { jobId: string }) => Promise<GridExportResult>;
  loading: boolean;
  columnDefs: ColDef<T>[];
  onSelect: (row: T | null) => void;
  /** An inline edit of one field; the screen saves it and replaces (or reverts) the row. */
  onCellEdit: (row: T, field: string, oldValue: unknown) => void;
  handleRef?: Ref<DataGridHandle>;
  /** shown in the status line, e.g. "Selected: Ali Trading" */
  selectedText?: string | undefined;
  /** the status line's hint; default: how to edit in the grid (say what Enter does where it opens a form) */
  hint?: string | undefined;
  /** title of the Excel export (sheet, page header, file name); default: the headings around the grid */
  exportTitle?: string | undefined;
}

type Saved = ColumnState[] | null;

function isColumnStateList(v: unknown): v is ColumnState[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'object' && s !== null && typeof (s as ColumnState).colId === 'string');
}

export function DataGrid<T extends Identified>({ stateKey, rows = [], datasource, rowCount = null, onExport, loading, columnDefs, onSelect, onCellEdit, handleRef, selectedText, hint, exportTitle }: DataGridProps<T>) {
  const paged = datasource !== undefined;
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const apiRef = useRef<GridApi<T> | null>(null);
  const [saved, setSaved] = useState<Saved | undefined>(undefined);
  const latest = useRef<{ state: ColumnState[] | null; timer: ReturnType<typeof setTimeout> | undefined }>({ state: null, timer: undefined });
  const [shown, setShown] = useState(0);
  const pendingSelect = useRef<number | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  /** the running export: its job id and how far it is (percent, once the core has said) */
  const [exportJob, setExportJob] = useState<{ jobId: string; percent: number | null } | null>(null);
  const exporting = exportJob !== null;

  // The saved layout is read before the grid is first drawn, so it does not jump after opening.
  useEffect(() => {
    let live = true;
    call('ui.get', { key: stateKey })
      .then((v) => live && setSaved(isColumnStateList(v) ? v : null))
      .catch((e: unknown) => {
        if (!live) return;
        notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
        setSaved(null);
      });
    return () => {
      live = false;
    };
  }, [stateKey, notify, t]);

  const persist = useCallback(
    (state: ColumnState[]) => {
      call('ui.set', { key: stateKey, value: state as unknown as Parameters<typeof call<'ui.set'>>[1]['value'] }).catch((e: unknown) =>
        notify.error(t('errors.layoutSaveFailed', { message: describeError(t, e) })),
      );
    },
    [stateKey, notify, t],
  );

  const flush = useCallback(() => {
    const l = latest.current;
    if (l.timer !== undefined) {
      clearTimeout(l.timer);
      l.timer = undefined;
      if (l.state) persist(l.state);
    }
  }, [persist]);

  // Write a pending layout change when the grid goes away (screen change, language switch).
  useEffect(() => flush, [flush]);

  const onLayoutChanged = useCallback(
    (e: { source?: string; finished?: boolean }) => {
      const api = apiRef.current;
      if (!api || (e.source !== undefined && IGNORED_SOURCES.has(e.source)) || e.finished === false) return;
      const state = api.getColumnState();
      const l = latest.current;
      l.state = state;
      setSaved(state);
      if (l.timer !== undefined) clearTimeout(l.timer);
      l.timer = setTimeout(() => {
        l.timer = undefined;
        persist(state);
      }, SAVE_DELAY_MS);
    },
    [persist],
  );

  const selectNow = useCallback((id: number): boolean => {
    const api = apiRef.current;
    const node = api?.getRowNode(String(id));
    if (!api || !node || node.rowIndex === null) return false;
    node.setSelected(true, true);
    api.ensureNodeVisible(node, 'middle');
    return true;
  }, []);

  useImperativeHandle(
    handleRef,
    () => ({
      select(id: number) {
        if (!selectNow(id)) pendingSelect.current = id;
      },
      focusFirstCell() {
        const api = apiRef.current;
        const col = api?.getAllDisplayedColumns()[0];
        if (!api || !col || api.getDisplayedRowCount() === 0) return false;
        api.ensureIndexVisible(0);
        api.setFocusedCell(0, col);
        return true;
      },
    }),
    [selectNow],
  );

  const onGridReady = useCallback(
    (e: GridReadyEvent<T>) => {
      apiRef.current = e.api;
      if (saved && saved.length > 0) {
        // No column chooser in this grid, so a hidden column could never come back: ignore "hide"; a paged
        // grid sorts only where the datasource can
        const sortable = (id: string) => e.api.getColumn(id)?.getColDef().sortable !== false;
        e.api.applyColumnState({ state: saved.map(({ hide: _hide, ...s }) => (paged && !sortable(s.colId) ? { ...s, sort: null } : s)), applyOrder: true });
      }
      setShown(e.api.getDisplayedRowCount());
    },
    [saved, paged],
  );

  const onRowDataUpdated = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    setShown(api.getDisplayedRowCount());
    if (pendingSelect.current !== null && selectNow(pendingSelect.current)) pendingSelect.current = null;
    // the selected row may have been replaced by a fresh copy from the core
    const sel = api.getSelectedRows()[0];
    onSelect(sel ?? null);
  }, [selectNow, onSelect]);

  const onCellFocused = useCallback((e: CellFocusedEvent<T>) => {
    // selection follows the keyboard, so toolbar buttons act on the row the user is on
    if (e.rowIndex === null || e.rowPinned) return;
    const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
    if (node && !node.isSelected()) node.setSelected(true, true);
  }, []);

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<T>) => {
      const field = e.colDef.field;
      if (e.source === 'data' || !field || !e.data) return;
      onCellEdit(e.data, String(field), e.oldValue);
    },
    [onCellEdit],
  );

  // a header too narrow for its name shows it on hover
  // (a paged grid has no column filters: they would filter only the loaded blocks)
  const columns = useMemo(() => columnDefs.map((c) => ({ headerTooltip: c.headerName, ...c, ...(paged ? { filter: false } : {}) })), [columnDefs, paged]);
  const localeText = useMemo(() => gridLocaleText(t, i18n.language), [t, i18n.language]);
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, filter: !paged, resizable: true, editable: false, minWidth: 56 }), [paged]);
  const getRowId = useCallback((p: GetRowIdParams<T>) => String(p.data.id), []);
  const rowClassRules = useMemo(() => ({ 'row-archived': (p: { data?: T }) => Boolean((p.data as { archived?: boolean } | undefined)?.archived) }), []);

  function resetLayout() {
    const api = apiRef.current;
    if (!api) return;
    api.resetColumnState();
    onLayoutChanged({ source: 'columnMenu' });
  }

  async function exportExcel() {
    const api = apiRef.current;
    if (!api || exporting) return;
    const jobId = newExportJobId();
    setExportJob({ jobId, percent: null });
    try {
      const title = exportTitle ?? titleAround(wrapRef.current);
      const opts = {
        title,
        t,
        language: i18n.language === 'zh' ? ('zh' as const) : ('en' as const), // the company name on the sheet: Chinese, or English for every other language
        jobId,
        onProgress: (done: number, total: number) => {
          const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
          setExportJob((j) => (j && j.jobId === jobId && j.percent !== percent ? { jobId, percent } : j));
        },
      };
      const r = onExport ? await onExport(api, opts) : await exportGridToExcel(api as unknown as GridApi, opts);
      notify.success(t('common.exportExcelDone', { count: r.rows, file: r.fileName }));
    } catch (e) {
      if (isExportCancelled(e)) notify.success(t('common.exportExcelCancelled'));
      else notify.error(t('common.exportExcelFailed', { message: describeError(t, e) }));
    } finally {
      setExportJob(null);
    }
  }

  function cancelExport() {
    if (!exportJob) return;
    cancelGridExport(exportJob.jobId).catch((e: unknown) => notify.error(t('common.exportExcelFailed', { message: describeError(t, e) })));
  }

  const count = paged ? (rowCount ?? 0) : rows.length;
  const filtered = !paged && shown !== rows.length;
  const exportable = paged ? count > 0 : shown > 0;

  return (
    <div className="grid-wrap" ref={wrapRef}>
      <div className="grid-host">
        {saved !== undefined && (
          <AgGridReact<T>
            key={i18n.language /* locale text is read once: a new language needs a new grid */}
            theme={theme}
            localeText={localeText}
            enableRtl={isRtl(i18n.language)}
            {...(paged
              ? { rowModelType: 'infinite' as const, datasource, cacheBlockSize: BLOCK_ROWS, maxBlocksInCache: MAX_BLOCKS, infiniteInitialRowCount: 1 }
              : { rowData: rows })}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            getRowId={getRowId}
            rowClassRules={rowClassRules}
            loading={!paged && loading}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            maintainColumnOrder
            suppressDragLeaveHidesColumns
            suppressColumnVirtualisation /* ~20 columns: draw them all, so find-in-page and tests see every cell */
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            onGridReady={onGridReady}
            onColumnMoved={onLayoutChanged}
            onColumnResized={onLayoutChanged}
            onSortChanged={onLayoutChanged}
            onColumnVisible={onLayoutChanged}
            onColumnPinned={onLayoutChanged}
            onRowDataUpdated={onRowDataUpdated}
            onFilterChanged={(e) => setShown(e.api.getDisplayedRowCount())}
            onSelectionChanged={(e) => onSelect(e.api.getSelectedRows()[0] ?? null)}
            onCellFocused={onCellFocused}
            onCellValueChanged={onCellValueChanged}
          />
        )}
      </div>
      <div className="status-line" role="status" data-testid="row-count">
        <span>{filtered ? t('common.rowCountFiltered', { shown, count }) : t('common.rowCount', { count })}</span>
        {selectedText && <span className="selected-name">{selectedText}</span>}
        <span className="status-hint">{hint ?? t('common.editHint')}</span>
        <button type="button" className="link-button" data-action="export-excel" disabled={exporting || !exportable} title={!exportable ? t('common.exportExcelNothing') : undefined} onClick={() => void exportExcel()}>
          {!exportJob ? t('common.exportExcel') : exportJob.percent === null ? t('common.exportExcelBusy') : t('common.exportExcelProgress', { percent: exportJob.percent })}
        </button>
        {exportJob && (
          <button type="button" className="link-button" data-action="export-excel-cancel" onClick={cancelExport}>
            {t('common.exportExcelCancel')}
          </button>
        )}
        <button type="button" className="link-button" onClick={resetLayout}>
          {t('common.resetLayout')}
        </button>
      </div>
    </div>
  );
}
