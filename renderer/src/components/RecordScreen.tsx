/**
 * The list screen pattern both Parties and Products follow: a toolbar (add, edit, archive, delete, search
 * as you type, show archived, screen filters), the grid with inline editing, and the side form. The screen
 * supplies its columns, its form and its calls; everything else lives here once.
 */
import { useAccess } from '../access';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { describeError } from '../lib/errors';
import { useDebounced } from '../hooks/useDebounced';
import { ConfirmDialog } from './ConfirmDialog';
import { DataGrid, type DataGridHandle } from './DataGrid';
import { useNotify } from './Toasts';
import { SearchBox } from './SearchBox';
import { HistoryButton } from '../screens/safety/HistoryButton';

export interface ListedRecord {
  id: number;
  archived: boolean;
}

/** The calls of one record type. Give a new object when the list query changes (e.g. a role filter). */
export interface RecordCalls<T> {
  list(q: { search: string; includeArchived: boolean }): Promise<T[]>;
  update(id: number, patch: Record<string, unknown>): Promise<T>;
  archive(id: number, archived: boolean): Promise<T>;
  remove(id: number): Promise<unknown>;
}

export interface FormArgs<T> {
  /** null: add a new record */
  record: T | null;
  onSaved: (row: T, created: boolean) => void;
  onClose: () => void;
}

interface RecordScreenProps<T extends ListedRecord> {
  name: 'parties' | 'products';
  title: string;
  searchPlaceholder: string;
  calls: RecordCalls<T>;
  columnDefs: ColDef<T>[];
  displayName: (row: T) => string;
  fieldLabel: (field: string) => string | undefined;
  /** extra filters in the toolbar (role toggles) */
  filters?: ReactNode;
  renderForm: (args: FormArgs<T>) => ReactNode;
  /** more toolbar buttons for the selected row (Parties: Statement) */
  extraActions?: (selected: T | null) => ReactNode;
}

const SEARCH_DELAY_MS = 200;

export function RecordScreen<T extends ListedRecord>(props: RecordScreenProps<T>) {
  const { name, title, searchPlaceholder, calls, columnDefs, displayName, fieldLabel, filters, renderForm } = props;
  const { t } = useTranslation();
  // archiving and deleting are the owner's (shared/permissions.ts); a clerk sees the buttons disabled, with why
  const { isClerk } = useAccess();
  const ownerOnly = isClerk ? t('access.ownerOnly') : undefined;
  const notify = useNotify();
  const [search, setSearch] = useState('');
  // what is searched for: not the pinyin letters while a Chinese input method is still composing
  const [query, setQuery] = useState('');
  const settledSearch = useDebounced(query, SEARCH_DELAY_MS);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [rows, setRows] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const [selected, setSelected] = useState<T | null>(null);
  const [form, setForm] = useState<{ record: T | null; key: number } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<T | null>(null);
  const gridRef = useRef<DataGridHandle>(null);
  const requestNo = useRef(0);

  const load = useCallback(async () => {
    const no = ++requestNo.current;
    setLoading(true);
    try {
      const list = await calls.list({ search: settledSearch.trim(), includeArchived });
      if (no === requestNo.current) setRows(list);
    } catch (e) {
      if (no === requestNo.current) notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
    } finally {
      if (no === requestNo.current) {
        setLoading(false);
        setLoadedOnce(true);
      }
    }
  }, [calls, settledSearch, includeArchived, notify, t]);

  useEffect(() => {
    void load();
  }, [load]);


  const replaceRow = useCallback(
    (row: T) => setRows((list) => (row.archived && !includeArchived ? list.filter((r) => r.id !== row.id) : list.map((r) => (r.id === row.id ? row : r)))),
    [includeArchived],
  );

  const onCellEdit = useCallback(
    (row: T, field: string, oldValue: unknown) => {
      const value = (row as unknown as Record<string, unknown>)[field];
      const label = fieldLabel(field) ?? field;
      calls
        .update(row.id, { [field]: value })
        .then((saved) => {
          replaceRow(saved);
          notify.success(t('common.savedField', { field: label }));
        })
        .catch((e: unknown) => {
          replaceRow({ ...row, [field]: oldValue });
          notify.error(describeError(t, e, fieldLabel));
        });
    },
    [calls, fieldLabel, replaceRow, notify, t],
  );

  function onSaved(row: T, created: boolean) {
    setForm(null);
    notify.success(created ? t('common.created', { name: displayName(row) }) : t('common.saved'));
    if (created) {
      void load().then(() => gridRef.current?.select(row.id));
    } else {
      replaceRow(row);
    }
  }

  async function toggleArchive() {
    if (!selected) return;
    const archived = !selected.archived;
    try {
      const row = await calls.archive(selected.id, archived);
      replaceRow(row);
      notify.success(t(archived ? 'common.archivedDone' : 'common.unarchivedDone', { name: displayName(row) }));
    } catch (e) {
      notify.error(t('errors.archiveFailed', { message: describeError(t, e, fieldLabel) }));
    }
  }

  async function doDelete(row: T) {
    setConfirmDelete(null);
    try {
      await calls.remove(row.id);
      setRows((list) => list.filter((r) => r.id !== row.id));
      setSelected(null);
      notify.success(t('common.deleted', { name: displayName(row) }));
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: describeError(t, e, fieldLabel) }));
    }
  }

  return (
    <section className="screen" aria-labelledby={`${name}-title`}>
      <div className="toolbar">
        <h1 id={`${name}-title`}>{title}</h1>
        <div className="toolbar-actions">
          <button type="button" className="primary" data-action="add" onClick={() => setForm({ record: null, key: Date.now() })}>
            + {t('common.add')}
          </button>
          <button type="button" data-action="edit" disabled={!selected} onClick={() => selected && setForm({ record: selected, key: Date.now() })}>
            {t('common.edit')}
          </button>
          <button type="button" data-action="archive" disabled={!selected || isClerk} title={ownerOnly} onClick={() => void toggleArchive()}>
            {selected?.archived ? t('common.unarchive') : t('common.archive')}
          </button>
          <button type="button" className="danger-outline" data-action="delete" disabled={!selected || isClerk} title={ownerOnly} onClick={() => selected && setConfirmDelete(selected)}>
            {t('common.delete')}
          </button>
          <HistoryButton entity={name === 'parties' ? 'party' : 'product'} id={selected?.id} />
          {props.extraActions?.(selected)}
          {!isClerk && (
            <button type="button" data-action="import-excel" onClick={() => (window.location.hash = `#import/${name}`)}>
              {t('common.importExcel')}
            </button>
          )}
        </div>
      </div>
      <div className="toolbar filters-bar">
        <SearchBox
          value={search}
          onChange={setSearch}
          onQuery={setQuery}
          placeholder={searchPlaceholder}
          onDown={() => gridRef.current?.focusFirstCell() ?? false}
          ctrlF={() => !form && !confirmDelete}
        />
        {filters}
        <label className="check toggle-archived">
          <input type="checkbox" name="includeArchived" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          <span>{t('common.showArchived')}</span>
        </label>
      </div>
      <DataGrid<T>
        stateKey={`grid.${name}`}
        rows={rows}
        loading={loading && !loadedOnce /* later reloads keep the old rows until the new ones arrive */}
        columnDefs={columnDefs}
        onSelect={setSelected}
        onCellEdit={onCellEdit}
        handleRef={gridRef}
        selectedText={selected ? t('common.selected', { name: displayName(selected) }) : undefined}
      />
      {form && <div key={form.key}>{renderForm({ record: form.record, onSaved, onClose: () => setForm(null) })}</div>}
      {confirmDelete && (
        <ConfirmDialog
          text={t('common.confirmDelete', { name: displayName(confirmDelete) })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={() => void doDelete(confirmDelete)}
          onCancel={() => setConfirmDelete(null)}
        />
      )}
    </section>
  );
}
