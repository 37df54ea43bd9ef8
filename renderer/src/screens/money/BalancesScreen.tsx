/**
 * Receivables (what buyers owe us) and payables (what we owe stalls and factories), per party and currency,
 * aged at an as-of date. Payables are shown as positive amounts we owe. The totals under the grid are exact
 * sums of the core's strings (integer minor units). A party's name opens its payments; Statement exports the
 * selected party's statement of account (Chinese + its document language) for a period ending at the as-of date.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceRow } from '../../../../shared/trade';
import { call } from '../../api';
import { DataGrid } from '../../components/DataGrid';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { describeError } from '../../lib/errors';
import { useNamedRows, type NamePair } from '../../lib/names';
import { StatementDialog } from '../documents/DocumentDialogs';
import { useBalanceColumns, type BalanceGridRow } from './balanceColumns';
import { go, readHash, replaceHash } from './hash';
import { ISO_DATE, negate, sumAmounts, todayLocal } from './money';
import './money.css';
import { formatMoney } from '../../lib/format';

export type BalanceKind = 'sales' | 'purchase';

/** A stable row id per party and currency, so selection and row animations follow the party across reloads. */
function rowId(partyId: number, currency: string): number {
  const code = [...currency.toUpperCase()].reduce((n, ch) => n * 27 + Math.max(0, Math.min(26, ch.charCodeAt(0) - 64)), 0);
  return partyId * 20_000 + code;
}

function toGridRows(list: BalanceRow[], kind: BalanceKind): BalanceGridRow[] {
  // payables come from the core as negative balances (we owe): show them as positive amounts owed
  const s = kind === 'purchase' ? negate : (x: string) => x;
  return list.map((r) => ({
    id: rowId(r.partyId, r.currency),
    partyId: r.partyId,
    partyName: r.partyName,
    currency: r.currency,
    balance: s(r.balance),
    baseBalance: s(r.baseBalance),
    d0_30: s(r.aging.d0_30),
    d31_60: s(r.aging.d31_60),
    d61_90: s(r.aging.d61_90),
    d90plus: s(r.aging.d90plus),
    unapplied: s(r.unapplied),
  }));
}

const PARTY_FIELDS: NamePair<BalanceGridRow>[] = [['partyId', 'partyName']];

export function BalancesScreen() {
  const { t } = useTranslation();
  // supplier balances are the owner's: a clerk sees receivables only
  const { isClerk } = useAccess();
  const notify = useNotify();
  const { company } = useAppState();
  const base = company.baseCurrency;
  const [kind, setKind] = useState<BalanceKind>(() => (readHash().parts[0] === 'payables' ? 'purchase' : 'sales'));
  const [asOf, setAsOf] = useState(todayLocal);
  const [loadedRows, setRows] = useState<BalanceGridRow[]>([]);
  const rows = useNamedRows(loadedRows, PARTY_FIELDS);
  const [loading, setLoading] = useState(true);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const [selected, setSelected] = useState<BalanceGridRow | null>(null);
  const [statementFor, setStatementFor] = useState<BalanceGridRow | null>(null);
  const requestNo = useRef(0);
  const columnDefs = useBalanceColumns(kind, base);

  useEffect(() => {
    replaceHash(kind === 'purchase' ? 'balances/payables' : 'balances');
  }, [kind]);

  // #balances/payables from elsewhere while this screen is open (the home screen's links, the navigation)
  useEffect(() => {
    const onHash = () => setKind(readHash().parts[0] === 'payables' ? 'purchase' : 'sales');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const load = useCallback(async () => {
    if (!ISO_DATE.test(asOf)) return;
    const no = ++requestNo.current;
    setLoading(true);
    try {
      if (isClerk && kind === 'purchase') return setKind('sales');
      const list = await call('balances.list', { kind, asOf });
      if (no === requestNo.current) setRows(toGridRows(list, kind));
    } catch (e) {
      if (no === requestNo.current) notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
    } finally {
      if (no === requestNo.current) {
        setLoading(false);
        setLoadedOnce(true);
      }
    }
  }, [kind, asOf, notify, t, isClerk]);

  useEffect(() => {
    void load();
  }, [load]);

  const totals = useMemo(() => {
    const byCurrency = new Map<string, string[]>();
    for (const r of rows) byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), r.balance]);
    return {
      base: sumAmounts(
        rows.map((r) => r.baseBalance),
        base,
      ),
      currencies: [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, list]) => ({ currency, total: sumAmounts(list, currency) })),
    };
  }, [rows, base]);

  const openParty = (r: BalanceGridRow | null) => r && go(`payments/party/${r.partyId}`);
  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ag-cell')) {
      e.preventDefault();
      openParty(selected);
    }
  }
  function onGridDoubleClick(e: MouseEvent<HTMLDivElement>) {
    if ((e.target as HTMLElement).closest('.ag-row')) openParty(selected);
  }

  const receivables = kind === 'sales';

  return (
    <section className="screen money-screen" aria-labelledby="balances-title">
      <div className="toolbar">
        <h1 id="balances-title">{t('balances.title')}</h1>
        <div className="segmented balance-tabs" role="tablist" aria-label={t('balances.title')}>
          {(isClerk ? (['sales'] as const) : (['sales', 'purchase'] as const)).map((k) => (
            <button key={k} type="button" role="tab" data-tab={k} aria-selected={kind === k} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {t(k === 'sales' ? 'balances.receivables' : 'balances.payables')}
            </button>
          ))}
        </div>
        <label className="filter-field">
          <span>{t('balances.asOf')}</span>
          <input type="date" name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        {asOf !== todayLocal() && (
          <button type="button" className="link-button" onClick={() => setAsOf(todayLocal())}>
            {t('balances.today')}
          </button>
        )}
        {/* a statement can show purchase orders and payments out: the owner's (shared/permissions.ts) */}
        {!isClerk && (
          <button type="button" data-action="statement" disabled={!selected} title={selected ? undefined : t('docs.statementPick')} onClick={() => setStatementFor(selected)}>
            {t('docs.statement')}
          </button>
        )}
        <span className="toolbar-hint">{t(receivables ? 'balances.hintReceivables' : 'balances.hintPayables')}</span>
      </div>
      <div className="grid-box" onKeyDown={onGridKey} onDoubleClick={onGridDoubleClick}>
        <DataGrid<BalanceGridRow>
          stateKey="grid.balances"
          hint={t('balances.gridHint')}
          rows={rows}
          loading={loading && !loadedOnce}
          columnDefs={columnDefs}
          onSelect={setSelected}
          onCellEdit={() => undefined}
          selectedText={selected ? t('common.selected', { name: `${selected.partyName} · ${selected.currency}` }) : undefined}
        />
        {loadedOnce && rows.length === 0 && (
          <div className="grid-empty" role="note">
            <p>{t(receivables ? 'balances.emptyReceivables' : 'balances.emptyPayables', { date: asOf })}</p>
            <div className="grid-empty-actions">
              <button type="button" className="primary" onClick={() => go(`orders/new?kind=${kind}`)}>
                + {t(receivables ? 'balances.newSalesOrder' : 'balances.newPurchaseOrder')}
              </button>
            </div>
          </div>
        )}
      </div>
      <div className="balance-totals" data-testid="balance-totals">
        <span className="balance-totals-currencies">
          {totals.currencies.map((c) => (
            <span key={c.currency} className="total-chip" data-currency={c.currency}>
              {c.currency} <b>{c.total === null || c.total === undefined ? '—' : formatMoney(c.total, c.currency)}</b>
            </span>
          ))}
        </span>
        <span className="balance-totals-base">
          {t(receivables ? 'balances.totalReceivable' : 'balances.totalPayable', { base })}{' '}
          <b data-testid="base-total">{totals.base === null || totals.base === undefined ? '—' : formatMoney(totals.base, base)}</b>
        </span>
      </div>
      {statementFor && (
        <StatementDialog party={{ id: statementFor.partyId, name: statementFor.partyName }} from={`${asOf.slice(0, 4)}-01-01`} to={asOf} onClose={() => setStatementFor(null)} />
      )}
    </section>
  );
}
