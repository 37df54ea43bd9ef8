/**
 * Claims: what buyers reported short, damaged, wrong or of poor quality on shipped lines, with the stall
 * each line came from; a new claim from a shipment line, and settling it (credit, replacement, refund).
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { Claim } from '../../../../shared/trade';
import { call } from '../../api';
import { useNotify } from '../../components/Toasts';
import { dateCol, decimalCol, textCol } from '../../lib/columns';
import { useNamedRows, type NamePair } from '../../lib/names';
import { ClaimCard } from './claims/ClaimCard';
import { NewClaimDialog } from './claims/NewClaimDialog';
import { SettleDialog } from './claims/SettleDialog';
import { ListScreen } from './common/ListScreen';
import { failText } from './common/messages';
import './logistics.css';
import { moneyText } from '../../lib/format';

type StatusFilter = '' | Claim['status'];

const PARTY_FIELDS: NamePair<Claim>[] = [
  ['partyId', 'partyName'],
  ['stallId', 'stallName'],
];

export function ClaimsScreen() {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const [all, setAll] = useState<Claim[]>([]);
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState<StatusFilter>('');
  const [selected, setSelected] = useState<Claim | null>(null);
  const [dialog, setDialog] = useState<null | 'new' | 'settle'>(null);
  const [selectId, setSelectId] = useState<{ id: number } | null>(null);
  const requestNo = useRef(0);

  const load = useCallback(() => {
    const no = ++requestNo.current;
    return call('claims.list', {})
      .then((list) => no === requestNo.current && setAll(list))
      .catch((e: unknown) => no === requestNo.current && notify.error(t('errors.loadFailed', { message: failText(t, e) })))
      .finally(() => no === requestNo.current && setLoading(false));
  }, [notify, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const named = useNamedRows(all, PARTY_FIELDS);
  const rows = useMemo(() => (status ? named.filter((c) => c.status === status) : named), [named, status]);

  const columnDefs = useMemo<ColDef<Claim>[]>(() => {
    const L = (f: string) => t(`claims.fields.${f}`);
    return [
      { ...textCol<Claim>('no', L('no'), 120, false), cellClass: 'cell-link' },
      dateCol<Claim>('claimDate', L('claimDate'), 108),
      { ...textCol<Claim>('status', L('status'), 90, false), valueFormatter: (p) => (p.value ? t(`claims.statuses.${String(p.value)}`) : '') },
      textCol<Claim>('partyName', L('partyName'), 160, false),
      textCol<Claim>('stallName', L('stallName'), 150, false),
      textCol<Claim>('itemNo', L('itemNo'), 100, false),
      { ...textCol<Claim>('kind', L('kind'), 110, false), valueFormatter: (p) => (p.value ? t(`claims.kinds.${String(p.value)}`) : '') },
      { colId: 'cartons', field: 'cartons', headerName: L('cartons'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      decimalCol<Claim>('quantity', L('quantity'), 100, false),
      { ...textCol<Claim>('settlement', L('settlement'), 120, false), valueFormatter: (p) => (p.value ? t(`claims.settlements.${String(p.value)}`) : '') },
      {
        ...decimalCol<Claim>('amount', L('amount'), 120, false),
        valueFormatter: (p) => (p.data && p.data.settlement && p.data.settlement !== 'replacement' ? moneyText(p.data.amount, p.data.currency) : ''),
        // Excel export: as shown ("USD 12.00"), never summed across currencies (the grid has no currency column)
        context: { excel: { kind: 'text' } },
      },
      { colId: 'goodsReturned', field: 'goodsReturned', headerName: L('goodsReturned'), width: 130, valueFormatter: (p) => (p.value ? t('common.yes') : '') },
      textCol<Claim>('shipmentNo', L('shipmentNo'), 130, false),
      textCol<Claim>('orderNo', L('orderNo'), 130, false),
      textCol<Claim>('reason', L('reason'), 220, false),
    ];
  }, [t]);

  const filters = (
    <div className="segmented" role="group" aria-label={t('claims.filterStatus')}>
      {(['', 'open', 'settled'] as const).map((s) => (
        <button key={s || 'all'} type="button" aria-pressed={status === s} data-status-filter={s || 'all'} onClick={() => setStatus(s)}>
          {s ? t(`claims.statuses.${s}`) : t('common.all')}
        </button>
      ))}
    </div>
  );

  function done(c: Claim, created: boolean) {
    setDialog(null);
    notify.success(created ? t('claims.created', { no: c.no }) : t('claims.settled', { no: c.no }));
    if (created) setStatus('');
    setAll((list) => (created ? [c, ...list] : list.map((x) => (x.id === c.id ? c : x))));
    setSelected(c);
    setSelectId({ id: c.id });
  }

  const canSettle = selected?.status === 'open';

  return (
    <ListScreen<Claim>
      name="claims"
      title={t('claims.title')}
      rows={rows}
      loading={loading}
      columnDefs={columnDefs}
      actions={
        <>
          <button type="button" className="primary" data-action="new" onClick={() => setDialog('new')}>
            + {t('claims.new.open')}
          </button>
          <button type="button" data-action="settle" disabled={!canSettle || isClerk} onClick={() => setDialog('settle')} title={isClerk ? t('access.ownerOnly') : selected && !canSettle ? t('claims.alreadySettled') : undefined}>
            {t('claims.settle.open')}
          </button>
        </>
      }
      filters={filters}
      selectId={selectId}
      onSelect={setSelected}
      onOpen={(c) => c.status === 'open' && setDialog('settle')}
      selectedText={selected ? t('common.selected', { name: `${selected.no} ${selected.partyName}` }) : undefined}
      gridHint={t('claims.listHint')}
      hint={all.length === 0 && !loading ? t('claims.emptyHint') : undefined}
    >
      {selected && <ClaimCard claim={selected} />}
      {dialog === 'new' && <NewClaimDialog onDone={(c) => done(c, true)} onCancel={() => setDialog(null)} />}
      {dialog === 'settle' && selected && <SettleDialog claim={selected} onDone={(c) => done(c, false)} onCancel={() => setDialog(null)} />}
    </ListScreen>
  );
}
