/**
 * One order (#orders/12) or a new one (#orders/new?kind=sales): the header, the lines grid, the totals, the
 * status with its actions, and the attachments. Ctrl+S saves (orders.create the first time, then
 * orders.update with the line ids kept). When the core refuses, its messages go next to the header field or
 * onto the line cell they name (lines.2.quantity → line 3, quantity) and nothing typed is lost.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HistoryButton } from '../safety/HistoryButton';
import { useTranslation } from 'react-i18next';
import type { Party, Product } from '../../../../shared/api';
import type { CurrencyInfo } from '../../../../shared/currency';
import type { Order, OrderKind } from '../../../../shared/trade';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { describeError } from '../../lib/errors';
import { normalizeDecimalInput } from '../../lib/numbers';
import { useUnsavedGuard } from '../../lib/unsaved';
import { Attachments } from './Attachments';
import { CancelDialog } from './CancelDialog';
import { LineGrid, type LineGridHandle } from './LineGrid';
import { draftOf, draftTotals, emptyLine, inputOf, isEmptyLine, newKey, type DraftTotals, type LineDraft } from './lineModel';
import { orderMessage } from './messages';
import { GeneratedList, IssueList, UndoBar } from './Notices';
import { OrderActions, type OrderAction } from './OrderActions';
import { headerOf, OrderHeader, type HeaderDraft } from './OrderHeader';
import { OrderTotals } from './OrderTotals';
import { ReceiveDialog } from './ReceiveDialog';
import { ContractDialog } from '../documents/DocumentDialogs';
import { goTo } from './route';
import { checkBeforeSave, problemsOf, type LineIssue, type SaveProblems } from './saveProblems';
import { isEditable, statusClass, statusText } from './status';
import { todayLocal } from './today';
import './orders.css';
import { formatMoney } from '../../lib/format';

type Dialog = 'cancel' | 'delete' | 'close' | 'receive' | 'discard' | 'contract' | null;

interface Loaded {
  kind: OrderKind;
  order: Order | null;
  products: Product[];
  parties: Party[];
  stalls: Party[];
  currencies: CurrencyInfo[];
}

export function OrderDetail({ id, newKind }: { id: number | null; newKind: OrderKind }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [exportingLines, setExportingLines] = useState(false);
  const { company } = useAppState();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [order, setOrder] = useState<Order | null>(null);
  const [header, setHeader] = useState<HeaderDraft | null>(null);
  const [rows, setRows] = useState<LineDraft[]>([]);
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [headerErrors, setHeaderErrors] = useState<Record<string, string>>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<LineIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [removed, setRemoved] = useState<{ line: LineDraft; index: number } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [generated, setGenerated] = useState<Order[] | null>(null);
  const gridRef = useRef<LineGridHandle>(null);
  async function exportLines() {
    const grid = gridRef.current;
    if (!grid || exportingLines) return;
    setExportingLines(true);
    try {
      const r = await grid.exportExcel();
      notify.success(t('common.exportExcelDone', { count: r.rows, file: r.fileName }));
    } catch (e) {
      notify.error(t('common.exportExcelFailed', { message: describeError(t, e) }));
    } finally {
      setExportingLines(false);
    }
  }
  const tRef = useRef(t);
  tRef.current = t;
  const baseCurrency = company.baseCurrency;

  const kind: OrderKind = order?.kind ?? loaded?.kind ?? newKind;
  const { isClerk } = useAccess();
  // the shell asks before another screen or a reload throws typed lines away
  useUnsavedGuard(dirty);
  const productById = useMemo(() => new Map((loaded?.products ?? []).map((p) => [p.id, p])), [loaded]);
  const decimalsOf = useCallback((code: string) => loaded?.currencies.find((c) => c.code === code)?.decimals ?? 2, [loaded]);

  /** The lines of a saved order as grid rows (keys kept where the line was already in the grid). */
  const rowsOf = useCallback(
    (o: Order, keys: Array<number | undefined> = [], keyById: Map<number, number> = new Map()): LineDraft[] => {
      const out = o.lines.map((l, i) => draftOf(l, keys[i] ?? keyById.get(l.id) ?? newKey(), l.productId === null ? undefined : productById.get(l.productId)));
      if (isEditable(o.status)) out.push(emptyLine());
      return out;
    },
    [productById],
  );

  // ----- load

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const order = id === null ? null : await call('orders.get', { id });
        const k = order?.kind ?? newKind;
        const [products, parties, stalls, currencies] = await Promise.all([
          call('products.list', { includeArchived: true }),
          call('parties.list', { role: k === 'sales' ? 'customer' : 'supplier', includeArchived: true }),
          k === 'sales' ? call('parties.list', { role: 'supplier', includeArchived: true }) : Promise.resolve([] as Party[]),
          call('currencies.list', {}),
        ]);
        if (!live) return;
        setLoaded({ kind: k, order, products, parties, stalls, currencies });
      } catch (e) {
        if (live) setLoadError(describeError(tRef.current, e));
      }
    })();
    return () => {
      live = false;
    };
    // loaded once per order: a language switch must not reload it over unsaved typing
  }, [id, newKind]);

  // first fill of the form once everything is loaded
  useEffect(() => {
    if (!loaded) return;
    const o = loaded.order;
    setOrder(o);
    if (o) {
      setHeader(headerOf(o));
      const r = o.lines.map((l) => draftOf(l, newKey(), l.productId === null ? undefined : productById.get(l.productId)));
      if (isEditable(o.status)) r.push(emptyLine());
      setRows(r);
      setLines(r.map((x) => ({ ...x })));
    } else {
      setHeader({
        partyId: '',
        orderDate: todayLocal(),
        currency: baseCurrency,
        rate: '1',
        incoterm: '',
        incotermPlace: '',
        paymentTerms: '',
        deliveryAddress: '',
        warehouse: '',
        notes: '',
      });
      const r = [emptyLine()];
      setRows(r);
      setLines(r.map((x) => ({ ...x })));
    }
  }, [loaded, productById, baseCurrency]);

  // a new order starts in the party picker
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || !header || !loaded || loaded.order) return;
    focusedOnce.current = true;
    document.getElementById('order-partyId')?.focus();
  }, [header, loaded]);

  const applyOrder = useCallback(
    (o: Order, keys?: Array<number | undefined>) => {
      const keyById = new Map<number, number>();
      for (const l of gridRef.current?.lines() ?? []) if (l.id !== undefined) keyById.set(l.id, l.key);
      const r = rowsOf(o, keys, keyById);
      setOrder(o);
      setHeader(headerOf(o));
      setRows(r);
      setLines(r.map((x) => ({ ...x })));
      setDirty(false);
      setHeaderErrors({});
      setLineErrors({});
      setIssues([]);
    },
    [rowsOf],
  );

  // ----- editing

  const setHeaderField = useCallback(
    <K extends keyof HeaderDraft>(key: K, value: HeaderDraft[K]) => {
      setHeader((h) => (h ? { ...h, [key]: value } : h));
      setHeaderErrors(({ [key]: _gone, ...rest }) => rest);
      setDirty(true);
      if (key === 'currency') {
        const code = value as string;
        if (code === baseCurrency) {
          setHeader((h) => (h ? { ...h, rate: '1' } : h));
        } else {
          call('rates.last', { currency: code })
            .then((r) => setHeader((h) => (h && h.currency === code ? { ...h, rate: r ?? '' } : h)))
            .catch((e: unknown) => notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
        }
      }
    },
    [baseCurrency, notify, t],
  );

  const onLinesChange = useCallback((next: LineDraft[], changed?: { rowKey: number; colId: string }) => {
    setLines(next);
    setDirty(true);
    if (changed) {
      const k = `${changed.rowKey}.${changed.colId}`;
      setLineErrors((e) => {
        if (!(k in e)) return e;
        const { [k]: _gone, ...rest } = e;
        return rest;
      });
      setIssues((list) => list.filter((i) => !(i.rowKey === changed.rowKey && i.colId === changed.colId)));
    }
  }, []);

  const removedRef = useRef(removed);
  removedRef.current = removed;
  const onRemoved = useCallback((line: LineDraft, index: number) => {
    setRemoved({ line, index });
    setDirty(true);
  }, []);

  const undoRemove = useCallback(() => {
    const r = removedRef.current;
    if (!r) return;
    removedRef.current = null;
    setRemoved(null);
    gridRef.current?.restore(r.line, r.index);
  }, []);

  // ----- save

  /** Show what stops a save and take the keyboard to the first place that needs it. */
  const showProblems = useCallback((p: SaveProblems) => {
    setHeaderErrors(p.header);
    setLineErrors(p.cells);
    setIssues(p.list);
    const first = p.list.find((i) => i.rowKey !== null && i.colId !== null);
    if (Object.keys(p.header).length > 0) requestAnimationFrame(() => document.querySelector<HTMLElement>('.order-header [aria-invalid="true"]')?.focus());
    else if (first?.rowKey != null && first.colId) gridRef.current?.focusCell(first.rowKey, first.colId);
  }, []);

  const save = useCallback(async (): Promise<Order | null> => {
    if (!header || !loaded) return null;
    gridRef.current?.commit();
    const all = gridRef.current?.lines() ?? [];
    const sent = all.filter((l) => !isEmptyLine(l));
    const early = checkBeforeSave(t, header, all, sent);
    if (early) {
      showProblems(early);
      return null;
    }
    const h = {
      partyId: Number(header.partyId),
      orderDate: header.orderDate,
      currency: header.currency,
      rate: normalizeDecimalInput(header.rate),
      incoterm: header.incoterm,
      incotermPlace: header.incotermPlace,
      paymentTerms: header.paymentTerms,
      deliveryAddress: header.deliveryAddress,
      warehouse: header.warehouse,
      notes: header.notes,
    };
    const inputs = sent.map(inputOf);
    setSaving(true);
    try {
      const saved = order
        ? await call('orders.update', { id: order.id, header: h, lines: inputs })
        : await call('orders.create', { kind, ...h, lines: inputs });
      applyOrder(
        saved,
        sent.map((l) => l.key),
      );
      setRemoved(null);
      if (!order) window.history.replaceState(null, '', `#orders/${saved.id}`);
      notify.success(order ? t('orders.savedNo', { no: saved.no }) : t('orders.createdNo', { no: saved.no }));
      return saved;
    } catch (e) {
      showProblems(problemsOf(t, e, all, sent));
      return null;
    } finally {
      setSaving(false);
    }
  }, [header, loaded, order, kind, applyOrder, showProblems, notify, t]);

  // Ctrl+S saves from anywhere on the screen (also while a cell is being edited)
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        if (dialog !== null || saving) return;
        if (order && !isEditable(order.status)) return;
        void save();
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [save, dialog, saving, order]);

  // ----- status actions (a changed order is saved first)

  async function run(action: () => Promise<Order>, done: (o: Order) => string) {
    if (dirty && !(await save())) return;
    try {
      const o = await action();
      applyOrder(o);
      notify.success(done(o));
    } catch (e) {
      notify.error(orderMessage(t, describeError(t, e)));
    }
  }

  async function generate() {
    if (!order) return;
    if (dirty && !(await save())) return;
    try {
      const pos = await call('orders.generatePurchase', { salesOrderId: order.id });
      setGenerated(pos);
      notify.success(t('orders.generated', { count: pos.length }));
    } catch (e) {
      notify.error(orderMessage(t, describeError(t, e)));
    }
  }

  async function doDelete() {
    if (!order) return;
    setDialog(null);
    try {
      await call('orders.delete', { id: order.id });
      notify.success(t('common.deleted', { name: order.no }));
      goTo({ view: 'list', kind: order.kind });
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: orderMessage(t, describeError(t, e)) }));
    }
  }

  function onAction(a: OrderAction) {
    if (a === 'save') return void save();
    if (!order) return;
    switch (a) {
      case 'confirm':
        return void run(() => call('orders.confirm', { id: order.id }), (o) => t('orders.confirmedNo', { no: o.no }));
      case 'generate':
        return void generate();
      case 'receive':
        // the dialog lists the saved lines: a changed order is saved first
        return void (dirty ? save().then((o) => o && setDialog('receive')) : setDialog('receive'));
      case 'contract':
        // the contract prints the saved order: a changed order is saved first
        return void (dirty ? save().then((o) => o && setDialog('contract')) : setDialog('contract'));
      default:
        return setDialog(a);
    }
  }

  // ----- what is shown

  const currency = header?.currency ?? baseCurrency;
  const decimals = decimalsOf(currency);
  const totals: DraftTotals = useMemo(() => {
    if (order && !dirty) {
      return { cartons: String(order.cartons), quantity: order.quantity, grossKg: order.grossKg, netKg: order.netKg, cbm: order.cbm, amount: order.amount, baseAmount: order.baseAmount };
    }
    return draftTotals(
      lines.filter((l) => !isEmptyLine(l)),
      decimals,
      normalizeDecimalInput(header?.rate ?? ''),
      decimalsOf(baseCurrency),
    );
  }, [order, dirty, lines, decimals, header?.rate, decimalsOf, baseCurrency]);

  if (loadError) {
    return (
      <section className="screen order-detail">
        <p className="panel-message error" role="alert">
          {t('errors.loadFailed', { message: loadError })}
        </p>
        <button type="button" onClick={() => goTo({ view: 'list', kind: newKind })}>
          {t('orders.backToList')}
        </button>
      </section>
    );
  }
  if (!loaded || !header) {
    return <section className="screen order-detail" aria-busy="true" />;
  }

  const status = order?.status ?? 'draft';
  /** a clerk reads a purchase order's goods and quantities only (the core blanks its prices and amounts) */
  const clerkPurchase = isClerk && kind === 'purchase';
  const editable = isEditable(status) && !clerkPurchase;
  const hasStallLines = kind === 'sales' && lines.some((l) => l.stallId !== null && !isEmptyLine(l));
  const title = order
    ? t(kind === 'sales' ? 'orders.titleSales' : 'orders.titlePurchase', { no: order.no })
    : t(kind === 'sales' ? 'orders.newSales' : 'orders.newPurchase');

  return (
    <section className="screen order-detail" aria-labelledby="order-title" data-order-status={status}>
      <div className="toolbar order-toolbar">
        <button type="button" className="back-button" onClick={() => (dirty ? setDialog('discard') : goTo({ view: 'list', kind }))} title={t('orders.backToList')}>
          ← {t(kind === 'sales' ? 'orders.kinds.sales' : 'orders.kinds.purchase')}
        </button>
        <h1 id="order-title" data-testid="order-title">
          {title}
        </h1>
        <span className={statusClass(status)} data-testid="order-status">
          {order ? statusText(t, status, kind) : t('orders.status.new')}
        </span>
        <OrderActions order={order} kind={kind} saving={saving} hasStallLines={hasStallLines} onAction={onAction} />
        {order && <HistoryButton entity="order" id={order.id} />}
      </div>

      <div className="order-scroll">
        {order && (
          <div className="order-summary" data-testid="order-summary">
            {clerkPurchase ? (
              <span className="audit-note">{t('access.orders.purchaseReadOnly')}</span>
            ) : (
              <>
                <span>
                  {kind === 'sales' ? t('orders.fields.received') : t('orders.fields.paid')}: <strong className="num">{formatMoney(order.paid, order.currency)}</strong> {order.currency}
                </span>
                <span>
                  {kind === 'sales' ? t('orders.fields.receivable') : t('orders.fields.payable')}:{' '}
                  <strong className="num" data-testid="order-unpaid">
                    {formatMoney(order.unpaid, order.currency)}
                  </strong>{' '}
                  {order.currency}
                </span>
              </>
            )}
            {status !== 'draft' && editable && <span className="audit-note">{t('orders.auditNote')}</span>}
            {status === 'cancelled' && order.cancelReason && <span className="cancel-reason">{t('orders.cancelledBecause', { reason: order.cancelReason })}</span>}
            {!editable && !clerkPurchase && status !== 'cancelled' && <span className="audit-note">{t('orders.readOnlyNote')}</span>}
          </div>
        )}

        {generated && <GeneratedList orders={generated} onDismiss={() => setGenerated(null)} />}

        <OrderHeader
          kind={kind}
          value={header}
          errors={headerErrors}
          parties={loaded.parties}
          currencies={loaded.currencies}
          baseCurrency={baseCurrency}
          readOnly={!editable}
          onChange={setHeaderField}
        />

        <div className="lines-head">
          <h2>{t('orders.lines.title')}</h2>
          {removed ? (
            <UndoBar line={removed.line} index={removed.index} onUndo={undoRemove} onDismiss={() => setRemoved(null)} />
          ) : (
            editable && <span className="lines-hint">{t('orders.lines.keysHint')}</span>
          )}
        </div>
        <LineGrid
          kind={kind}
          currency={currency}
          decimals={decimals}
          rows={rows}
          products={loaded.products}
          stalls={loaded.stalls}
          editable={editable}
          showProgress={order !== null && status !== 'draft'}
          errors={lineErrors}
          onChange={onLinesChange}
          onRemoved={onRemoved}
          onUndo={undoRemove}
          handleRef={gridRef}
        />
        {/* after the grid: Tab from the header form still lands in the first cell */}
        <div className="lines-foot">
          <button type="button" className="link-button" data-action="export-lines-excel" disabled={exportingLines} onClick={() => void exportLines()}>
            {exportingLines ? t('common.exportExcelBusy') : t('common.exportExcel')}
          </button>
        </div>
        {issues.length > 0 && <IssueList issues={issues} onGoTo={(k, c) => gridRef.current?.focusCell(k, c)} />}
        <OrderTotals totals={totals} currency={currency} baseCurrency={baseCurrency} unsaved={dirty || !order} />

        {clerkPurchase ? null : order ? <Attachments entity="order" entityId={order.id} /> : <p className="empty-hint attachments-later">{t('attachments.saveFirst')}</p>}
      </div>

      {dialog === 'cancel' && order && (
        <CancelDialog
          order={order}
          onClose={() => setDialog(null)}
          onDone={(o) => {
            setDialog(null);
            applyOrder(o);
            notify.success(t('orders.cancelledNo', { no: o.no }));
          }}
        />
      )}
      {dialog === 'contract' && order && <ContractDialog order={order} onClose={() => setDialog(null)} />}
      {dialog === 'receive' && order && (
        <ReceiveDialog
          order={order}
          onClose={() => setDialog(null)}
          onDone={(o) => {
            setDialog(null);
            applyOrder(o);
            notify.success(t('orders.receivedNo', { no: o.no }));
          }}
        />
      )}
      {dialog === 'delete' && order && (
        <ConfirmDialog text={t('orders.confirmDelete', { no: order.no })} confirmLabel={t('common.delete')} danger onConfirm={() => void doDelete()} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'close' && order && (
        <ConfirmDialog
          text={t('orders.confirmClose', { no: order.no })}
          confirmLabel={t('orders.actions.close')}
          onConfirm={() => {
            setDialog(null);
            void run(() => call('orders.close', { id: order.id }), (o) => t('orders.closedNo', { no: o.no }));
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'discard' && (
        <ConfirmDialog
          text={t('orders.confirmDiscard')}
          confirmLabel={t('orders.discard')}
          danger
          onConfirm={() => {
            setDialog(null);
            goTo({ view: 'list', kind });
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}
