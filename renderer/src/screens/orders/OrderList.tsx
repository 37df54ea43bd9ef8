/**
 * The list of sales or purchase orders: a Sales / Purchase switch, filters (status, party, dates, search as
 * you type with Ctrl+F), the grid of OrderSummary rows, and the totals per currency of what is listed.
 * Double-click or Enter on a row opens the order.
 *
 * A trader's file holds hundreds of thousands of orders, so the grid pages (issue 7): AG Grid's infinite row
 * model asks orders.page for blocks of 100 as they scroll into view, sorted and filtered in SQL; the first
 * block of a filter brings its count and totals (the footer), later ones skip them. "Export to Excel" has the
 * core write every order of the filter (orders.export), not the blocks the grid happens to hold.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import type { Party } from '../../../../shared/api';
import type { OrderExportField } from '../../../../shared/ordersExport';
import { ORDER_STATUSES, type OrderKind, type OrderPage, type OrderSortField, type OrderStatus, type OrderSummary } from '../../../../shared/trade';
import { call } from '../../api';
import { ComboBox } from '../../components/ComboBox';
import { DataGrid, type DataGridHandle } from '../../components/DataGrid';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { useDebounced } from '../../hooks/useDebounced';
import { dateCol, decimalCol, textCol } from '../../lib/columns';
import { describeError } from '../../lib/errors';
import { exportColumnsOf, exportLabels, runExportJob, type ExportOptions } from '../../lib/gridExport';
import { partyName, usePartyNames } from '../../lib/names';
import { isZero } from '../money/money';
import { PrefixDialog } from './PrefixDialog';
import { goTo } from './route';
import { statusClass, statusText } from './status';
import './orders.css';
import { SearchBox } from '../../components/SearchBox';
import { formatMoney } from '../../lib/format';

const SEARCH_DELAY_MS = 200;

/** The grid's columns the core sorts by ('baseAmount' and 'amount' both sort by the base-currency amount). */
const SORT_FIELD: Partial<Record<string, OrderSortField>> = { no: 'no', orderDate: 'orderDate', partyName: 'partyName', amount: 'amount', baseAmount: 'amount', status: 'status' };

function sortOf(model: SortModelItem[] | { colId: string; sort?: 'asc' | 'desc' | null }[]): { field: OrderSortField; dir: 'asc' | 'desc' } | undefined {
  for (const m of model) {
    const field = SORT_FIELD[m.colId];
    if (field && m.sort) return { field, dir: m.sort };
  }
  return undefined;
}

export function OrderList({ kind }: { kind: OrderKind }) {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const { language } = useAppState();
  const nameOf = usePartyNames();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, SEARCH_DELAY_MS);
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [partyId, setPartyId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** count and totals of the filter (from the first block), null until they come */
  const [found, setFound] = useState<{ total: number; totals: NonNullable<OrderPage['totals']> } | null>(null);
  const [selected, setSelected] = useState<OrderSummary | null>(null);
  const [parties, setParties] = useState<Party[]>([]);
  const [prefixes, setPrefixes] = useState(false);
  const gridRef = useRef<DataGridHandle>(null);
  const requestNo = useRef(0);

  useEffect(() => {
    let live = true;
    call('parties.list', { role: kind === 'sales' ? 'customer' : 'supplier', includeArchived: true })
      .then((list) => live && setParties(list))
      .catch((e: unknown) => live && notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
    return () => {
      live = false;
    };
  }, [kind, notify, t]);

  const filter = useMemo(
    () => ({
      kind,
      search: settled.trim() || undefined,
      status: status || undefined,
      partyId: partyId ? Number(partyId) : undefined,
      from: from || undefined,
      to: to || undefined,
    }),
    [kind, settled, status, partyId, from, to],
  );

  // A new filter, a new datasource: the grid starts again from the top. The first block asks for the count
  // and totals of the filter; once known, later blocks (and the sort changes, which do not change them) skip them.
  const datasource = useMemo<IDatasource>(() => {
    const no = ++requestNo.current;
    let total: number | null = null;
    return {
      getRows(p) {
        call('orders.page', { ...filter, sort: sortOf(p.sortModel), offset: p.startRow, limit: p.endRow - p.startRow, totals: total === null })
          .then((page) => {
            if (page.total !== null && page.totals !== null) {
              total = page.total;
              if (no === requestNo.current) setFound({ total: page.total, totals: page.totals });
            }
            // party names in the UI language (the core names Chinese first)
            p.successCallback(page.rows.map((r) => ({ ...r, partyName: nameOf(r.partyId, r.partyName) })), total ?? undefined);
          })
          .catch((e: unknown) => {
            p.failCallback();
            if (no === requestNo.current) notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
          });
      },
    };
  }, [filter, nameOf, notify, t]);

  useEffect(() => setFound(null), [filter]);

  const exportAll = useCallback(
    (api: GridApi<OrderSummary>, opts: ExportOptions & { jobId: string }) => {
      const { columns, names } = exportColumnsOf(api as unknown as GridApi);
      const sort = sortOf(api.getColumnState().map((c) => ({ colId: c.colId, sort: c.sort ?? null })));
      const statusWords = Object.fromEntries(ORDER_STATUSES.map((s) => [s, statusText(t, s, kind)])) as Record<OrderStatus, string>;
      return runExportJob(opts, (jobId) =>
        call('orders.export', {
          query: { ...filter, sort },
          columns: columns.map((c, i) => ({ ...c, field: names[i] as OrderExportField })),
          statusWords,
          title: opts.title.slice(0, 100),
          labels: exportLabels(t),
          language: opts.language,
          cancelToken: jobId,
        }),
      );
    },
    [filter, kind, t],
  );

  const partyOptions = useMemo(() => parties.map((p) => ({ value: String(p.id), label: [partyName(p, language), p.booth].filter(Boolean).join(' · ') })), [parties, language]);

  const columnDefs = useMemo<ColDef<OrderSummary>[]>(() => {
    const words = (s: unknown) => (typeof s === 'string' ? statusText(t, s as OrderStatus, kind) : '');
    // Excel export: amounts in the order's currency, totalled per currency
    const money = { context: { excel: { kind: 'money', currencyColumn: 'currency' } } };
    const cols: ColDef<OrderSummary>[] = [
      { ...textCol<OrderSummary>('no', t('orders.fields.no'), 130, false), cellClass: 'order-no' },
      dateCol<OrderSummary>('orderDate', t('orders.fields.orderDate'), 110),
      textCol<OrderSummary>('partyName', kind === 'sales' ? t('orders.fields.customer') : t('orders.fields.supplier'), 200, false),
      textCol<OrderSummary>('currency', t('orders.fields.currency'), 80, false),
      { ...decimalCol<OrderSummary>('amount', t('orders.fields.amount'), 120, false), ...money },
      decimalCol<OrderSummary>('baseAmount', t('orders.fields.baseAmount'), 125, false),
      { ...decimalCol<OrderSummary>('paid', kind === 'sales' ? t('orders.fields.received') : t('orders.fields.paid'), 110, false), ...money },
      { ...decimalCol<OrderSummary>('unpaid', kind === 'sales' ? t('orders.fields.receivable') : t('orders.fields.payable'), 110, false), ...money },
      {
        colId: 'status',
        field: 'status',
        headerName: t('orders.fields.status'),
        width: 110,
        valueFormatter: (p) => words(p.value),
        filterValueGetter: (p) => words(p.data?.status),
        filter: 'agTextColumnFilter',
        cellClass: (p) => (p.value ? statusClass(p.value as OrderStatus) : ''),
      },
      { colId: 'cartons', field: 'cartons', headerName: t('orders.fields.cartons'), width: 90, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      decimalCol<OrderSummary>('quantity', t('orders.fields.quantity'), 110, false),
      decimalCol<OrderSummary>('cbm', t('orders.fields.cbm'), 100, false),
      { colId: 'lineCount', field: 'lineCount', headerName: t('orders.fields.lineCount'), width: 80, type: 'rightAligned', filter: 'agNumberColumnFilter' },
    ];
    // a clerk does not see purchase amounts (the core blanks them): no columns to sort or total
    const hidden = new Set(isClerk && kind === 'purchase' ? ['amount', 'baseAmount', 'paid', 'unpaid'] : []);
    // the core sorts by these columns only
    return cols.filter((c) => !hidden.has(c.colId ?? '')).map((c) => ({ ...c, sortable: SORT_FIELD[c.colId!] !== undefined }));
  }, [t, kind, isClerk]);

  const onCellEdit = useCallback(() => undefined, []);

  function rowIdOf(target: EventTarget | null): number | null {
    const row = (target as HTMLElement | null)?.closest?.('.ag-row');
    const id = row?.getAttribute('row-id');
    return id && /^\d+$/.test(id) ? Number(id) : null;
  }

  function onDoubleClick(e: MouseEvent) {
    const id = rowIdOf(e.target);
    if (id !== null) goTo({ view: 'detail', id });
  }

  function onGridKey(e: KeyboardEvent) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const id = rowIdOf(e.target);
    if (id !== null && (e.target as HTMLElement).closest('.ag-cell')) {
      e.preventDefault();
      goTo({ view: 'detail', id });
    }
  }

  // as before paging: the amount of the orders not cancelled, per currency with something in it
  const totals = (found?.totals.currencies ?? []).filter((x) => !(isZero(x.activeAmount) && isZero(x.unpaid)));
  const filtersOn = Boolean(status || partyId || from || to || settled.trim());

  return (
    <section className="screen orders-list" aria-labelledby="orders-title">
      <div className="toolbar">
        <h1 id="orders-title">{t('orders.title')}</h1>
        <div className="segmented" role="group" aria-label={t('orders.kindSwitch')}>
          {(['sales', 'purchase'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} data-kind={k} onClick={() => goTo({ view: 'list', kind: k })}>
              {t(k === 'sales' ? 'orders.kinds.sales' : 'orders.kinds.purchase')}
            </button>
          ))}
        </div>
        <div className="toolbar-actions">
          {!(isClerk && kind === 'purchase') && (
            <button type="button" className="primary" data-action="new-order" onClick={() => goTo({ view: 'new', kind })}>
              + {kind === 'sales' ? t('orders.newSales') : t('orders.newPurchase')}
            </button>
          )}
          <button type="button" data-action="open-order" disabled={!selected} onClick={() => selected && goTo({ view: 'detail', id: selected.id })}>
            {t('orders.open')}
          </button>
          {!isClerk && (
            <button type="button" data-action="prefixes" onClick={() => setPrefixes(true)}>
              {t('orders.prefixes.button')}
            </button>
          )}
        </div>
      </div>
      <div className="toolbar filters-bar">
        <SearchBox
          value={search}
          onChange={setSearch}
          onQuery={setQuery}
          placeholder={t('orders.searchPlaceholder')}
          onDown={() => gridRef.current?.focusFirstCell() ?? false}
          ctrlF={() => !prefixes}
        />
        <label className="filter-item">
          <span>{t('orders.fields.status')}</span>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | '')}>
            <option value="">{t('common.all')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(t, s, kind)}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-item filter-party">
          <label htmlFor="orders-filter-party">{kind === 'sales' ? t('orders.fields.customer') : t('orders.fields.supplier')}</label>
          <ComboBox id="orders-filter-party" aria-invalid={false} name="partyId" value={partyId} options={partyOptions} onChange={setPartyId} allowEmpty />
        </div>
        <label className="filter-item">
          <span>{t('orders.filters.from')}</span>
          <input type="date" name="from" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="filter-item">
          <span>{t('orders.filters.to')}</span>
          <input type="date" name="to" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </label>
        {filtersOn && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setStatus('');
              setPartyId('');
              setFrom('');
              setTo('');
              setSearch('');
              setQuery('');
            }}
          >
            {t('orders.filters.clear')}
          </button>
        )}
      </div>
      <div className="orders-grid" onDoubleClick={onDoubleClick} onKeyDown={onGridKey}>
        <DataGrid<OrderSummary>
          stateKey={`grid.orders.${kind}`}
          datasource={datasource}
          rowCount={found?.total ?? null}
          onExport={exportAll}
          loading={false}
          columnDefs={columnDefs}
          onSelect={setSelected}
          onCellEdit={onCellEdit}
          handleRef={gridRef}
          selectedText={selected ? t('orders.selectedHint', { no: selected.no }) : undefined}
          hint={t('orders.openHint')}
        />
      </div>
      <div className="orders-totals-line" data-testid="orders-totals">
        {found?.total === 0 ? (
          <span className="empty-hint">{filtersOn ? t('orders.emptyFiltered') : kind === 'sales' ? t('orders.emptySales') : t('orders.emptyPurchase')}</span>
        ) : (
          totals.map((x) => (
            <span key={x.currency} className="currency-total">
              {t('orders.listTotal', { currency: x.currency, amount: formatMoney(x.activeAmount, x.currency), unpaid: formatMoney(x.unpaid, x.currency) })}
            </span>
          ))
        )}
      </div>
      {prefixes && <PrefixDialog onClose={() => setPrefixes(false)} />}
    </section>
  );
}
