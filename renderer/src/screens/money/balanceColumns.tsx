/** Columns of the balances grid: party (a link to its payments), currency, balance, base balance, aging, unapplied. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { decimalCol, textCol } from '../../lib/columns';
import { isNegative, isZero } from './money';
import { RIGHT } from './paymentColumns';

export interface BalanceGridRow {
  id: number;
  partyId: number;
  partyName: string;
  currency: string;
  balance: string;
  baseBalance: string;
  d0_30: string;
  d31_60: string;
  d61_90: string;
  d90plus: string;
  unapplied: string;
}

function PartyLinkCell(p: ICellRendererParams<BalanceGridRow>) {
  const { t } = useTranslation();
  if (!p.data) return null;
  return (
    <a className="cell-link" href={`#payments/party/${p.data.partyId}`} title={t('balances.openPayments')} tabIndex={-1}>
      {p.data.partyName}
    </a>
  );
}

const amountClass = (p: { value?: unknown }) => [
  RIGHT,
  typeof p.value !== 'string' || isZero(p.value) ? 'money-muted' : isNegative(p.value) ? 'money-negative' : '',
];

export function useBalanceColumns(kind: 'sales' | 'purchase', base: string): ColDef<BalanceGridRow>[] {
  const { t } = useTranslation();
  return useMemo<ColDef<BalanceGridRow>[]>(() => {
    const L = (f: string) => t(`balances.columns.${f}`);
    const receivables = kind === 'sales';
    const bucket = (f: 'd0_30' | 'd31_60' | 'd61_90' | 'd90plus', width: number): ColDef<BalanceGridRow> => ({
      ...decimalCol<BalanceGridRow>(f, L(f), width, false),
      cellClass: amountClass,
      // Excel export: in the row's currency, totalled per currency
      context: { excel: { kind: 'money', currencyColumn: 'currency' } },
    });
    const columns: ColDef<BalanceGridRow>[] = [
      { ...textCol<BalanceGridRow>('partyName', L('partyName'), 200, false), cellRenderer: PartyLinkCell },
      textCol<BalanceGridRow>('currency', L('currency'), 90, false),
      {
        ...decimalCol<BalanceGridRow>('balance', t(receivables ? 'balances.columns.receivable' : 'balances.columns.payable'), 140, false),
        cellClass: [RIGHT, 'money-strong'],
      },
      decimalCol<BalanceGridRow>('baseBalance', t('balances.columns.baseBalance', { base }), 160, false),
      bucket('d0_30', 100),
      bucket('d31_60', 100),
      bucket('d61_90', 100),
      bucket('d90plus', 100),
      {
        ...decimalCol<BalanceGridRow>('unapplied', t(receivables ? 'balances.columns.unappliedIn' : 'balances.columns.unappliedOut'), 130, false),
        cellClass: amountClass,
        headerTooltip: t('balances.unappliedHint'),
      },
    ];
    // long headers (Arabic "أكثر من 90 يومًا", "الرصيد الأساسي CNY") wrap onto a second line instead of being cut
    return columns.map((c) => ({ ...c, wrapHeaderText: true, autoHeaderHeight: true }));
  }, [t, kind, base]);
}
