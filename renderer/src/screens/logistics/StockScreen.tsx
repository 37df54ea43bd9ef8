/**
 * Stock: every product with what is on hand and what confirmed sales orders still want (committed); the
 * moves of the selected product underneath; "Adjust stock" for counts, breakage and samples.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { StockMove, StockRow } from '../../../../shared/trade';
import { call } from '../../api';
import { DataGrid } from '../../components/DataGrid';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { codeName } from '../../lib/codes';
import { dateCol, decimalCol, textCol } from '../../lib/columns';
import { ListScreen } from './common/ListScreen';
import { failText } from './common/messages';
import { AdjustDialog } from './stock/AdjustDialog';
import './logistics.css';
import { localName, productName } from '../../lib/names';

type Row = StockRow & { id: number };

export function StockScreen() {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const { language } = useAppState();
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(true);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Row | null>(null);
  const [moves, setMoves] = useState<StockMove[]>([]);
  const [adjusting, setAdjusting] = useState(false);
  const requestNo = useRef(0);
  const movesNo = useRef(0);

  const name = useCallback((r: { itemNo: string; nameZh: string; nameEn: string }) => productName(r, language), [language]);

  const load = useCallback(() => {
    const no = ++requestNo.current;
    return call('stock.list', { search: search || undefined })
      .then((list) => no === requestNo.current && setRows(list.map((r) => ({ ...r, id: r.productId }))))
      .catch((e: unknown) => no === requestNo.current && notify.error(t('errors.loadFailed', { message: failText(t, e) })))
      .finally(() => no === requestNo.current && setLoading(false));
  }, [search, notify, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const selectedId = selected?.productId ?? null;
  const loadMoves = useCallback(() => {
    const no = ++movesNo.current;
    if (selectedId === null) {
      setMoves([]);
      return;
    }
    call('stock.moves', { productId: selectedId })
      .then((list) => no === movesNo.current && setMoves(list))
      .catch((e: unknown) => no === movesNo.current && notify.error(t('errors.loadFailed', { message: failText(t, e) })));
  }, [selectedId, notify, t]);

  useEffect(loadMoves, [loadMoves]);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      textCol<Row>('itemNo', t('stock.fields.itemNo'), 130, false),
      { colId: 'name', headerName: t('stock.fields.name'), width: 220, valueGetter: (p) => (p.data ? localName(p.data, language) : ''), filter: 'agTextColumnFilter' },
      { ...textCol<Row>('unit', t('stock.fields.unit'), 80, false), valueFormatter: (p) => codeName('units', String(p.value ?? ''), language) || String(p.value ?? '') },
      { ...decimalCol<Row>('onHand', t('stock.fields.onHand'), 120, false), cellClassRules: { 'cell-negative': (p) => String(p.value ?? '').startsWith('-') } },
      decimalCol<Row>('committed', t('stock.fields.committed'), 140, false),
    ],
    [t, language],
  );

  const moveColumns = useMemo<ColDef<StockMove>[]>(
    () => [
      dateCol<StockMove>('date', t('stock.moves.date'), 110),
      { ...textCol<StockMove>('kind', t('stock.moves.kind'), 130, false), valueFormatter: (p) => (p.value ? t(`stock.kinds.${String(p.value)}`) : '') },
      { ...decimalCol<StockMove>('quantity', t('stock.moves.quantity'), 110, false), cellClassRules: { 'cell-negative': (p) => String(p.value ?? '').startsWith('-') } },
      textCol<StockMove>('reference', t('stock.moves.reference'), 240, false),
      textCol<StockMove>('reason', t('stock.moves.reason'), 320, false),
    ],
    [t],
  );

  const onSearch = useCallback((text: string) => setSearch(text), []);

  function adjusted(move: StockMove) {
    setAdjusting(false);
    notify.success(t('stock.adjust.done', { product: selected ? name(selected) : '', quantity: move.quantity }));
    void load();
    loadMoves();
  }

  return (
    <ListScreen<Row>
      name="stock"
      title={t('stock.title')}
      rows={rows}
      loading={loading}
      columnDefs={columnDefs}
      actions={
        <button type="button" className="primary" data-action="adjust" disabled={!selected || isClerk} onClick={() => setAdjusting(true)} title={isClerk ? t('access.ownerOnly') : selected ? undefined : t('stock.pickFirst')}>
          {t('stock.adjust.open')}
        </button>
      }
      searchPlaceholder={t('stock.searchPlaceholder')}
      onSearch={onSearch}
      onSelect={setSelected}
      onOpen={() => !isClerk && setAdjusting(true)}
      selectedText={selected ? t('common.selected', { name: name(selected) }) : undefined}
      gridHint={t('stock.listHint')}
      hint={rows.length === 0 && !loading && !search ? t('stock.emptyHint') : undefined}
    >
      <section className="stock-moves" aria-labelledby="stock-moves-title">
        <h2 id="stock-moves-title">{selected ? t('stock.moves.titleOf', { product: name(selected) }) : t('stock.moves.title')}</h2>
        {selected ? (
          <div className="logi-moves-grid" data-testid="stock-moves">
            <DataGrid<StockMove> stateKey="grid.stockMoves" rows={moves} loading={false} columnDefs={moveColumns} onSelect={() => undefined} onCellEdit={() => undefined} hint={t('stock.moves.hint')} />
          </div>
        ) : (
          <p className="logi-empty">{t('stock.moves.pick')}</p>
        )}
      </section>
      {adjusting && selected && <AdjustDialog product={selected} productLabel={name(selected)} onDone={adjusted} onCancel={() => setAdjusting(false)} />}
    </ListScreen>
  );
}
