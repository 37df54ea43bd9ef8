/** All shipments: status in words, the container, the totals and the amounts per currency. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { SHIPMENT_STATUSES, type ShipmentSummary } from '../../../../../shared/trade';
import { call } from '../../../api';
import { useNotify } from '../../../components/Toasts';
import { decimalCol, textCol } from '../../../lib/columns';
import { useNamedRows, type NamePair } from '../../../lib/names';
import { amountsText } from '../common/format';
import { ListScreen } from '../common/ListScreen';
import { failText } from '../common/messages';

type Status = (typeof SHIPMENT_STATUSES)[number];

const PARTY_FIELDS: NamePair<ShipmentSummary>[] = [['consigneeId', 'consigneeName']];

export function ShipmentList({ onOpen, onNew }: { onOpen: (id: number) => void; onNew: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [loadedRows, setRows] = useState<ShipmentSummary[]>([]);
  const rows = useNamedRows(loadedRows, PARTY_FIELDS);
  const [loading, setLoading] = useState(true);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [selected, setSelected] = useState<ShipmentSummary | null>(null);
  const requestNo = useRef(0);

  useEffect(() => {
    const no = ++requestNo.current;
    call('shipments.list', { search: search || undefined, status: status || undefined })
      .then((list) => no === requestNo.current && setRows(list))
      .catch((e: unknown) => no === requestNo.current && notify.error(t('errors.loadFailed', { message: failText(t, e) })))
      .finally(() => no === requestNo.current && setLoading(false));
  }, [search, status, notify, t]);

  const columnDefs = useMemo<ColDef<ShipmentSummary>[]>(() => {
    const L = (f: string) => t(`shipments.fields.${f}`);
    const words = (name: (v: string) => string) => (p: { value?: unknown }) => (p.value ? name(String(p.value)) : '');
    return [
      { ...textCol<ShipmentSummary>('no', L('no'), 130, false), cellClass: 'cell-link' },
      { ...textCol<ShipmentSummary>('status', L('status'), 96, false), valueFormatter: words((v) => t(`shipments.statuses.${v}`)), filterValueGetter: (p) => (p.data ? t(`shipments.statuses.${p.data.status}`) : '') },
      { ...textCol<ShipmentSummary>('mode', L('mode'), 110, false), valueFormatter: words((v) => t(`shipments.modes.${v}`)) },
      { ...textCol<ShipmentSummary>('tradeMode', L('tradeMode'), 130, false), valueFormatter: words((v) => t(`shipments.tradeModes.${v}`)) },
      textCol<ShipmentSummary>('consigneeName', L('consigneeId'), 170, false),
      textCol<ShipmentSummary>('containerNo', L('containerNo'), 130, false),
      textCol<ShipmentSummary>('containerType', L('containerType'), 80, false),
      textCol<ShipmentSummary>('etd', L('etd'), 140, false),
      textCol<ShipmentSummary>('eta', L('eta'), 140, false),
      { colId: 'cartons', field: 'cartons', headerName: L('cartons'), width: 80, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      decimalCol<ShipmentSummary>('grossKg', L('grossKg'), 110, false),
      decimalCol<ShipmentSummary>('cbm', L('cbm'), 96, false),
      {
        colId: 'amounts',
        headerName: L('amounts'),
        width: 190,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? amountsText(p.data.amounts) : ''),
        filter: 'agTextColumnFilter',
      },
    ];
  }, [t]);

  const onSearch = useCallback((text: string) => setSearch(text), []);

  const filters = (
    <div className="segmented" role="group" aria-label={t('shipments.filterStatus')}>
      {(['', ...SHIPMENT_STATUSES] as const).map((s) => (
        <button key={s || 'all'} type="button" aria-pressed={status === s} data-status-filter={s || 'all'} onClick={() => setStatus(s)}>
          {s ? t(`shipments.statuses.${s}`) : t('common.all')}
        </button>
      ))}
    </div>
  );

  return (
    <ListScreen<ShipmentSummary>
      name="shipments"
      title={t('shipments.title')}
      rows={rows}
      loading={loading}
      columnDefs={columnDefs}
      actions={
        <>
          <button type="button" className="primary" data-action="new" onClick={onNew}>
            + {t('shipments.new')}
          </button>
          <button type="button" data-action="open" disabled={!selected} onClick={() => selected && onOpen(selected.id)}>
            {t('shipments.open')}
          </button>
        </>
      }
      filters={filters}
      searchPlaceholder={t('shipments.searchPlaceholder')}
      onSearch={onSearch}
      onSelect={setSelected}
      onOpen={(r) => onOpen(r.id)}
      selectedText={selected ? t('common.selected', { name: `${selected.no} ${selected.consigneeName}` }) : undefined}
      gridHint={t('shipments.listHint')}
      hint={rows.length === 0 && !loading && !search && !status ? t('shipments.emptyHint') : undefined}
    />
  );
}
