/**
 * The list half of a logistics screen: title and buttons, search as you type (not while an input method is
 * composing), screen filters, and the grid. A row opens with a double click, Enter, or the Open button.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { DataGrid, type DataGridHandle, type Identified } from '../../../components/DataGrid';
import { useDebounced } from '../../../hooks/useDebounced';
import { SearchBox } from '../../../components/SearchBox';

interface ListScreenProps<T extends Identified> {
  name: string;
  title: string;
  rows: T[];
  loading: boolean;
  columnDefs: ColDef<T>[];
  /** buttons after the title */
  actions?: ReactNode;
  /** filters after the search box */
  filters?: ReactNode;
  searchPlaceholder?: string;
  /** the settled search text (debounced), to reload the list */
  onSearch?: (text: string) => void;
  onSelect: (row: T | null) => void;
  onOpen?: (row: T) => void;
  selectedText?: string | undefined;
  /** the grid's status line hint: what Enter does */
  gridHint?: string;
  /** select this row (e.g. a record just added) once it is in the grid */
  selectId?: { id: number } | null;
  /** a line under the grid: what to do first when the list is empty */
  hint?: ReactNode;
  children?: ReactNode;
}

const SEARCH_DELAY_MS = 200;

/** Search box text and the settled query, leaving out the letters an input method is still composing. */
export function useSearchBox(onSearch: ((text: string) => void) | undefined) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, SEARCH_DELAY_MS);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onSearch?.(settled.trim());
  }, [settled]);
  return { text, setText, setQuery };
}

export function ListScreen<T extends Identified>(props: ListScreenProps<T>) {
  const { name, title, rows, loading, columnDefs, actions, filters, searchPlaceholder, onSearch, onSelect, onOpen, selectedText, gridHint, hint, selectId, children } = props;
  const { t } = useTranslation();
  const search = useSearchBox(onSearch);
  const gridRef = useRef<DataGridHandle>(null);
  const selected = useRef<T | null>(null);

  const select = useCallback(
    (row: T | null) => {
      selected.current = row;
      onSelect(row);
    },
    [onSelect],
  );

  useEffect(() => {
    if (selectId) gridRef.current?.select(selectId.id);
  }, [selectId]);


  /** The row a click or key happened on (from the page: the grid tells its selection a moment later). */
  function openSelected(target: EventTarget) {
    const el = target as HTMLElement;
    const rowEl = el.closest('.ag-row');
    if (!onOpen || !rowEl || el.closest('.ag-cell-inline-editing')) return false;
    const id = rowEl.getAttribute('row-id');
    const row = rows.find((r) => String(r.id) === id) ?? selected.current;
    if (row) onOpen(row);
    return true;
  }

  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && openSelected(e.target)) e.preventDefault();
  }

  return (
    <section className={`screen logi logi-list logi-${name}`} aria-labelledby={`${name}-title`}>
      <div className="toolbar">
        <h1 id={`${name}-title`}>{title}</h1>
        <div className="toolbar-actions">{actions}</div>
      </div>
      {(onSearch || filters) && (
        <div className="toolbar filters-bar">
          {onSearch && (
            <SearchBox
              value={search.text}
              onChange={search.setText}
              onQuery={search.setQuery}
              placeholder={searchPlaceholder ?? t('common.search')}
              onDown={() => gridRef.current?.focusFirstCell() ?? false}
              ctrlF={() => !document.querySelector('.modal-backdrop, .panel-backdrop')}
            />
          )}
          {filters}
        </div>
      )}
      <div className="logi-grid" onKeyDown={onGridKey} onDoubleClick={(e) => openSelected(e.target)}>
        <DataGrid<T>
          stateKey={`grid.${name}`}
          rows={rows}
          loading={loading}
          columnDefs={columnDefs}
          onSelect={select}
          onCellEdit={() => undefined}
          handleRef={gridRef}
          selectedText={selectedText}
          hint={gridHint}
        />
      </div>
      {hint && <div className="logi-hint">{hint}</div>}
      {children}
    </section>
  );
}
