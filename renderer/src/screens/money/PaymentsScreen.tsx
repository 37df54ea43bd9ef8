/**
 * Payments: money in from buyers and out to stalls, factories and forwarders. A grid with filters
 * (direction, party, date range), a side form for new and changed payments, delete with a question.
 * The address keeps the party filter (#payments/party/12); #payments/new?direction=in opens the form.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { HistoryButton } from '../safety/HistoryButton';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/trade';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataGrid, type DataGridHandle } from '../../components/DataGrid';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { describeError } from '../../lib/errors';
import { useNamedRows, type NamePair } from '../../lib/names';
import { ComboBox } from '../../components/ComboBox';
import { readHash, replaceHash } from './hash';
import { ISO_DATE, type Direction } from './money';
import { PaymentForm } from './PaymentForm';
import { usePaymentColumns } from './paymentColumns';
import { useParties, usePartyOptions } from './useLookups';
import './money.css';

interface Filters {
  direction: Direction | '';
  partyId: string;
  from: string;
  to: string;
}

type FormState = { record: Payment | null; direction: Direction; partyId: string; key: number };

function filtersFromHash(): { filters: Filters; form: Direction | null } {
  const { parts, params } = readHash();
  const filters: Filters = { direction: '', partyId: '', from: '', to: '' };
  if (parts[0] === 'party' && /^\d+$/.test(parts[1] ?? '')) filters.partyId = parts[1] ?? '';
  const dir = params.get('direction');
  const form = parts[0] === 'new' ? (dir === 'out' ? 'out' : 'in') : null;
  return { filters, form };
}

const PARTY_FIELDS: NamePair<Payment>[] = [['partyId', 'partyName']];

export function PaymentsScreen() {
  const { t } = useTranslation();
  // a clerk records and sees money received only, and deletes nothing (shared/permissions.ts)
  const { isClerk } = useAccess();
  const notify = useNotify();
  const [initial] = useState(filtersFromHash);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [loadedRows, setRows] = useState<Payment[]>([]);
  const rows = useNamedRows(loadedRows, PARTY_FIELDS);
  const [loading, setLoading] = useState(true);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const [selected, setSelected] = useState<Payment | null>(null);
  const [form, setForm] = useState<FormState | null>(
    initial.form ? { record: null, direction: initial.form, partyId: initial.filters.partyId, key: Date.now() } : null,
  );
  const [confirmDelete, setConfirmDelete] = useState<Payment | null>(null);
  const gridRef = useRef<DataGridHandle>(null);
  const requestNo = useRef(0);
  const parties = useParties();
  const partyOptions = usePartyOptions(parties, filters.partyId);
  const { company } = useAppState();
  const columnDefs = usePaymentColumns(company.baseCurrency);

  // the address follows the party filter, so a reload (or the back button) keeps it
  useEffect(() => {
    replaceHash(filters.partyId ? `payments/party/${filters.partyId}` : 'payments');
  }, [filters.partyId]);

  // another screen may send us to a party's payments while this screen is open
  useEffect(() => {
    const onHash = () => {
      const next = filtersFromHash();
      if (readHash().parts.length === 0 && !next.form) return;
      setFilters((f) => ({ ...f, partyId: next.filters.partyId }));
      if (next.form) setForm({ record: null, direction: next.form, partyId: next.filters.partyId, key: Date.now() });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const load = useCallback(async () => {
    const no = ++requestNo.current;
    setLoading(true);
    try {
      const list = await call('payments.list', {
        direction: filters.direction || undefined,
        partyId: filters.partyId ? Number(filters.partyId) : undefined,
        from: ISO_DATE.test(filters.from) ? filters.from : undefined,
        to: ISO_DATE.test(filters.to) ? filters.to : undefined,
      });
      if (no === requestNo.current) setRows(list);
    } catch (e) {
      if (no === requestNo.current) notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
    } finally {
      if (no === requestNo.current) {
        setLoading(false);
        setLoadedOnce(true);
      }
    }
  }, [filters, notify, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const describe = useCallback(
    (p: Payment) => t('payments.describe', { no: p.no, direction: t(`payments.direction.${p.direction}`), party: p.partyName, currency: p.currency, amount: p.amount }),
    [t],
  );

  function openNew(direction: Direction) {
    setForm({ record: null, direction, partyId: filters.partyId, key: Date.now() });
  }

  function openEdit(p: Payment | null) {
    if (p) setForm({ record: p, direction: p.direction, partyId: String(p.partyId), key: Date.now() });
  }

  function onSaved(p: Payment, created: boolean) {
    setForm(null);
    notify.success(created ? t('payments.created', { no: p.no }) : t('payments.saved', { no: p.no }));
    void load().then(() => gridRef.current?.select(p.id));
  }

  async function doDelete(p: Payment) {
    setConfirmDelete(null);
    try {
      await call('payments.delete', { id: p.id });
      setRows((list) => list.filter((r) => r.id !== p.id));
      setSelected(null);
      notify.success(t('payments.deleted', { no: p.no }));
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: describeError(t, e) }));
    }
  }

  // double-click or Enter on a row opens it; Delete asks to delete it
  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    if (!(e.target as HTMLElement).closest('.ag-cell') || form || confirmDelete) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      openEdit(selected);
    } else if (e.key === 'Delete' && selected) {
      e.preventDefault();
      setConfirmDelete(selected);
    }
  }
  function onGridDoubleClick(e: MouseEvent<HTMLDivElement>) {
    if ((e.target as HTMLElement).closest('.ag-row')) openEdit(selected);
  }

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = filters.direction !== '' || filters.partyId !== '' || filters.from !== '' || filters.to !== '';
  const noRowsHint = useMemo(() => (filtered ? t('payments.emptyFiltered') : t('payments.empty')), [filtered, t]);

  return (
    <section className="screen money-screen" aria-labelledby="payments-title">
      <div className="toolbar">
        <h1 id="payments-title">{t('payments.title')}</h1>
        <div className="toolbar-actions">
          <button type="button" className="primary" data-action="new-in" onClick={() => openNew('in')}>
            + {t('payments.newIn')}
          </button>
          {!isClerk && (
            <button type="button" className="primary" data-action="new-out" onClick={() => openNew('out')}>
              + {t('payments.newOut')}
            </button>
          )}
          <button type="button" data-action="edit" disabled={!selected} onClick={() => openEdit(selected)}>
            {t('common.edit')}
          </button>
          <button type="button" className="danger-outline" data-action="delete" disabled={!selected || isClerk} title={isClerk ? t('access.ownerOnly') : undefined} onClick={() => selected && setConfirmDelete(selected)}>
            {t('common.delete')}
          </button>
          <HistoryButton entity="payment" id={selected?.id} />
        </div>
      </div>
      <div className="toolbar filters-bar">
        <div className="segmented" role="group" aria-label={t('payments.fields.direction')}>
          {(isClerk ? (['', 'in'] as const) : (['', 'in', 'out'] as const)).map((d) => (
            <button key={d || 'all'} type="button" data-filter-direction={d || 'all'} aria-pressed={filters.direction === d} onClick={() => setFilter('direction', d)}>
              {d ? t(`payments.direction.${d}`) : t('common.all')}
            </button>
          ))}
        </div>
        <label className="filter-field filter-party">
          <span>{t('payments.fields.party')}</span>
          <ComboBox id="payments-filter-party" aria-invalid={false} name="filterParty" value={filters.partyId} options={partyOptions} onChange={(x) => setFilter('partyId', x)} allowEmpty />
        </label>
        <label className="filter-field">
          <span>{t('payments.filters.from')}</span>
          <input type="date" name="filterFrom" value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter('from', e.target.value)} />
        </label>
        <label className="filter-field">
          <span>{t('payments.filters.to')}</span>
          <input type="date" name="filterTo" value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter('to', e.target.value)} />
        </label>
        {filtered && (
          <button type="button" className="link-button" data-action="clear-filters" onClick={() => setFilters({ direction: '', partyId: '', from: '', to: '' })}>
            {t('payments.filters.clear')}
          </button>
        )}
      </div>
      <div className="grid-box" onKeyDown={onGridKey} onDoubleClick={onGridDoubleClick}>
        <DataGrid<Payment>
          stateKey="grid.payments"
          hint={t('payments.gridHint')}
          rows={rows}
          loading={loading && !loadedOnce}
          columnDefs={columnDefs}
          onSelect={setSelected}
          onCellEdit={() => undefined}
          handleRef={gridRef}
          selectedText={selected ? t('common.selected', { name: describe(selected) }) : undefined}
        />
        {loadedOnce && rows.length === 0 && (
          <div className="grid-empty" role="note">
            <p>{noRowsHint}</p>
            {!filtered && (
              <div className="grid-empty-actions">
                <button type="button" className="primary" onClick={() => openNew('in')}>
                  + {t('payments.newIn')}
                </button>
                {!isClerk && (
                  <button type="button" onClick={() => openNew('out')}>
                    + {t('payments.newOut')}
                  </button>
                )}
              </div>
            )}
          </div>
        )}
      </div>
      {form && (
        <PaymentForm key={form.key} record={form.record} direction={form.direction} partyId={form.partyId} onSaved={onSaved} onClose={() => setForm(null)} />
      )}
      {confirmDelete && (
        <ConfirmDialog
          text={t('payments.confirmDelete', { payment: describe(confirmDelete) })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={() => void doDelete(confirmDelete)}
          onCancel={() => setConfirmDelete(null)}
        />
      )}
    </section>
  );
}
