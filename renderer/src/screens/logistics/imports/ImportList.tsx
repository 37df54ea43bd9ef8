/** All imports: supplier, declaration, value and the landed cost in the base currency. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ImportRecord } from '../../../../../shared/trade';
import { call } from '../../../api';
import { useNotify } from '../../../components/Toasts';
import { useAppState } from '../../../context';
import { codeLabel } from '../../../lib/codes';
import { dateCol, decimalCol, textCol } from '../../../lib/columns';
import { useNamedRows, type NamePair } from '../../../lib/names';
import { ListScreen } from '../common/ListScreen';
import { failText } from '../common/messages';

const PARTY_FIELDS: NamePair<ImportRecord>[] = [['supplierId', 'supplierName']];

export function ImportList({ onOpen, onNew }: { onOpen: (id: number) => void; onNew: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { company, language } = useAppState();
  const [loadedRows, setRows] = useState<ImportRecord[]>([]);
  const rows = useNamedRows(loadedRows, PARTY_FIELDS);
  const [loading, setLoading] = useState(true);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ImportRecord | null>(null);
  const requestNo = useRef(0);

  useEffect(() => {
    const no = ++requestNo.current;
    call('imports.list', { search: search || undefined })
      .then((list) => no === requestNo.current && setRows(list))
      .catch((e: unknown) => no === requestNo.current && notify.error(t('errors.loadFailed', { message: failText(t, e) })))
      .finally(() => no === requestNo.current && setLoading(false));
  }, [search, notify, t]);

  const columnDefs = useMemo<ColDef<ImportRecord>[]>(() => {
    const L = (f: string) => t(`imports.fields.${f}`);
    const B = (f: string) => t('imports.lines.withCurrency', { name: t(`imports.lines.${f}`), currency: company.baseCurrency });
    return [
      { ...textCol<ImportRecord>('no', L('no'), 130, false), cellClass: 'cell-link' },
      { ...textCol<ImportRecord>('status', L('status'), 90, false), valueFormatter: (p) => (p.value ? t(`imports.statuses.${String(p.value)}`) : '') },
      textCol<ImportRecord>('supplierName', L('supplierId'), 180, false),
      { ...textCol<ImportRecord>('originCountry', L('originCountry'), 150, false), valueFormatter: (p) => codeLabel('countries', String(p.value ?? ''), language) },
      { ...textCol<ImportRecord>('tradeMode', L('tradeMode'), 160, false), valueFormatter: (p) => (p.value ? t(`imports.tradeModes.${String(p.value)}`) : '') },
      textCol<ImportRecord>('declarationNo', L('declarationNo'), 200, false),
      dateCol<ImportRecord>('arrivalDate', L('arrivalDate'), 120),
      textCol<ImportRecord>('currency', L('currency'), 90, false),
      decimalCol<ImportRecord>('amount', t('imports.lines.amount'), 110, false),
      decimalCol<ImportRecord>('customsValue', B('customsValue'), 130, false),
      decimalCol<ImportRecord>('duty', B('duty'), 110, false),
      decimalCol<ImportRecord>('vat', B('vat'), 120, false),
      decimalCol<ImportRecord>('landedCost', B('landedCost'), 130, false),
    ];
  }, [t, language, company.baseCurrency]);

  const onSearch = useCallback((text: string) => setSearch(text), []);

  return (
    <ListScreen<ImportRecord>
      name="imports"
      title={t('imports.title')}
      rows={rows}
      loading={loading}
      columnDefs={columnDefs}
      actions={
        <>
          <button type="button" className="primary" data-action="new" onClick={onNew}>
            + {t('imports.new')}
          </button>
          <button type="button" data-action="open" disabled={!selected} onClick={() => selected && onOpen(selected.id)}>
            {t('shipments.open')}
          </button>
        </>
      }
      searchPlaceholder={t('imports.searchPlaceholder')}
      onSearch={onSearch}
      onSelect={setSelected}
      onOpen={(r) => onOpen(r.id)}
      selectedText={selected ? t('common.selected', { name: `${selected.no} ${selected.supplierName}` }) : undefined}
      gridHint={t('imports.listHint')}
      hint={rows.length === 0 && !loading && !search ? t('imports.emptyHint') : undefined}
    />
  );
}
