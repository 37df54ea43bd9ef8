/** Columns of the payments grid. Amounts are the core's strings, right-aligned; nothing is edited in the grid. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { Payment } from '../../../../shared/trade';
import { dateCol, decimalCol, textCol } from '../../lib/columns';
import { isZero } from './money';

/** AG Grid's class for right-aligned cells: a column's own cellClass replaces the one its 'rightAligned' type gives. */
export const RIGHT = 'ag-right-aligned-cell';

export function usePaymentColumns(baseCurrency: string): ColDef<Payment>[] {
  const { t } = useTranslation();
  return useMemo<ColDef<Payment>[]>(() => {
    const L = (f: string) => t(`payments.columns.${f}`);
    const directionText = (v: unknown) => (v === 'in' || v === 'out' ? t(`payments.direction.${v}`) : '');
    const methodText = (v: unknown) => (typeof v === 'string' && v ? t(`payments.methods.${v}`) : '');
    const allocText = (p: Payment | undefined) => (p ? p.allocations.map((a) => `${a.orderNo} ${a.amount}`).join('; ') : '');
    const method: ColDef<Payment> = {
      colId: 'method',
      field: 'method',
      headerName: L('method'),
      width: 100,
      cellDataType: 'text',
      valueFormatter: (p) => methodText(p.value),
      filter: 'agTextColumnFilter',
      filterValueGetter: (p) => methodText(p.data?.method),
    };
    return [
      textCol<Payment>('no', L('no'), 125, false),
      dateCol<Payment>('payDate', L('payDate'), 105),
      {
        colId: 'direction',
        field: 'direction',
        headerName: L('direction'),
        width: 80,
        cellDataType: 'text',
        valueFormatter: (p) => directionText(p.value),
        filter: 'agTextColumnFilter',
        filterValueGetter: (p) => directionText(p.data?.direction),
        cellClass: (p) => (p.value === 'in' ? 'dir-cell dir-in' : 'dir-cell dir-out'),
      },
      textCol<Payment>('partyName', L('partyName'), 170, false),
      { ...decimalCol<Payment>('amount', L('amount'), 115, false), cellClass: [RIGHT, 'money-strong'] },
      textCol<Payment>('currency', L('currency'), 70, false),
      decimalCol<Payment>('rate', L('rate'), 80, false),
      decimalCol<Payment>('baseAmount', t('payments.columns.baseAmount', { base: baseCurrency }), 155, false),
      {
        ...decimalCol<Payment>('unallocated', L('unallocated'), 105, false),
        cellClass: (p) => [RIGHT, typeof p.value === 'string' && !isZero(p.value) ? 'money-open' : 'money-muted'],
      },
      {
        colId: 'allocations',
        headerName: L('allocations'),
        width: 220,
        valueGetter: (p) => allocText(p.data),
        filter: 'agTextColumnFilter',
        tooltipValueGetter: (p) => allocText(p.data),
      },
      method,
      textCol<Payment>('reference', L('reference'), 140, false),
      textCol<Payment>('notes', L('notes'), 180, false),
    ];
  }, [t, baseCurrency]);
}
