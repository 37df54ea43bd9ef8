/**
 * One order (#orders/12) or a new one (#orders/new?kind=sales): the header, the lines grid, the totals, the
 * status with its actions, and the attachments. Ctrl+S saves (orders.create the first time, then
 * orders.update with the line ids kept). When the core refuses, its messages go next to the header field or
 * onto the line cell they name (lines.2.quantity → line 3, quantity) and nothing typed is lost.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party, Product } from '../../../../shared/api';
import type { CurrencyInfo } from '../../../../shared/currency';
import type { Order, OrderKind } from '../../../../shared/trade';
import { ApiCallError, call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import { describeError } from '../../lib/errors';
import { normalizeDecimalInput } from '../../lib/numbers';
import { Attachments } from './Attachments';
import { CancelDialog } from './CancelDialog';
import { LineGrid, type LineGridHandle } from './LineGrid';
import { checkLine, draftOf, draftTotals, emptyLine, inputOf, isEmptyLine, newKey, type DraftTotals, type LineDraft } from './lineModel';
import { orderMessage } from './messages';
import { HEADER_FIELDS, headerOf, OrderHeader, type HeaderDraft } from './OrderHeader';
import { OrderTotals } from './OrderTotals';
import { ReceiveDialog } from './ReceiveDialog';
import { goTo } from './route';
import { isEditable, statusClass, statusText } from './status';
import { todayLocal } from './today';
import './orders.css';

type Dialog = 'cancel' | 'delete' | 'close' | 'receive' | 'discard' | null;

interface Loaded {
  kind: OrderKind;
  order: Order | null;
  products: Product[];
  parties: Party[];
  stalls: Party[];
  currencies: CurrencyInfo[];
}

/** Grid columns that a line error's field shows in. */
const LINE_COLUMN: Record<string, string> = {
  productId: 'productId',
  itemNo: 'productId',
  nameZh: 'nameZh',
  nameEn: 'nameEn',
  spec: 'spec',
  hsCode: 'hsCode',
  unit: 'unit',
  cartons: 'cartons',
  pcsPerCarton: 'pcsPerCarton',
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  grossKg: 'grossKg',
  netKg: 'netKg',
  cbm: 'cbm',
  stallId: 'stallId',
  notes: 'notes',
};

interface LineIssue {
  rowKey: number | null;
  colId: string | null;
  lineNo: number | null;
  text: string;
}

export function OrderDetail({ id, newKind }: { id: number | null; newKind: OrderKind }) {
  const { t } = useTranslation();
  const notify = useNotify();
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
  const tRef = useRef(t);
  tRef.current = t;
  const baseCurrency = company.baseCurrency;

  const kind: OrderKind = order?.kind ?? loaded?.kind ?? newKind;
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

  const save = useCallback(async (): Promise<Order | null> => {
    if (!header || !loaded) return null;
    gridRef.current?.commit();
    const all = gridRef.current?.lines() ?? [];
    const sent = all.filter((l) => !isEmptyLine(l));
    const lineNoOf = (l: LineDraft) => all.indexOf(l) + 1;
    const colLabel = (colId: string) => t(`orders.lines.${colId === 'productId' ? 'product' : colId === 'stallId' ? 'stall' : colId}`);

    // what the UI can tell before asking the core
    const hErr: Record<string, string> = {};
    if (header.partyId === '') hErr.partyId = t('orders.msg.partyRequired');
    if (header.rate.trim() === '') hErr.rate = t('orders.msg.rateRequired');
    const lErr: Record<string, string> = {};
    const found: LineIssue[] = [];
    for (const l of sent) {
      for (const [field, key] of Object.entries(checkLine(l))) {
        const colId = LINE_COLUMN[field] ?? field;
        const text = t(key);
        lErr[`${l.key}.${colId}`] = text;
        found.push({ rowKey: l.key, colId, lineNo: lineNoOf(l), text: t('orders.lineError', { line: lineNoOf(l), field: colLabel(colId), message: text }) });
      }
    }
    if (Object.keys(hErr).length > 0 || found.length > 0) {
      setHeaderErrors(hErr);
      setLineErrors(lErr);
      setIssues(found);
      if (found[0]?.rowKey != null && found[0].colId) gridRef.current?.focusCell(found[0].rowKey, found[0].colId);
      else document.querySelector<HTMLElement>('.order-header [aria-invalid="true"]')?.focus();
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
      const hE: Record<string, string> = {};
      const lE: Record<string, string> = {};
      const list: LineIssue[] = [];
      if (e instanceof ApiCallError && e.issues.length > 0) {
        for (const issue of e.issues) {
          const text = orderMessage(t, issue.message);
          const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(issue.path);
          const line = m ? sent[Number(m[1])] : undefined;
          if (m && line) {
            const colId = m[2] ? (LINE_COLUMN[m[2]] ?? null) : null;
            if (colId) lE[`${line.key}.${colId}`] ??= text;
            list.push({
              rowKey: line.key,
              colId,
              lineNo: lineNoOf(line),
              text: colId ? t('orders.lineError', { line: lineNoOf(line), field: colLabel(colId), message: text }) : t('orders.lineErrorNoField', { line: lineNoOf(line), message: text }),
            });
            continue;
          }
          const field = issue.path.replace(/^header\./, '');
          if ((HEADER_FIELDS as readonly string[]).includes(field)) hE[field] ??= text;
          else list.push({ rowKey: null, colId: null, lineNo: null, text });
        }
      } else {
        list.push({ rowKey: null, colId: null, lineNo: null, text: t('errors.saveFailed', { message: orderMessage(t, describeError(t, e)) }) });
      }
      setHeaderErrors(hE);
      setLineErrors(lE);
      setIssues(list);
      const first = list.find((i) => i.rowKey !== null && i.colId !== null);
      if (Object.keys(hE).length > 0) requestAnimationFrame(() => document.querySelector<HTMLElement>('.order-header [aria-invalid="true"]')?.focus());
      else if (first?.rowKey != null && first.colId) gridRef.current?.focusCell(first.rowKey, first.colId);
      return null;
    } finally {
      setSaving(false);
    }
  }, [header, loaded, order, kind, applyOrder, notify, t]);

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
  const editable = isEditable(status);
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
        <div className="toolbar-actions order-actions">
          {editable && (
            <button type="button" className="primary" data-action="save" disabled={saving} onClick={() => void save()} title="Ctrl+S">
              {saving ? t('common.saving') : t('common.save')}
            </button>
          )}
          {order && status === 'draft' && (
            <button type="button" data-action="confirm" onClick={() => void run(() => call('orders.confirm', { id: order.id }), (o) => t('orders.confirmedNo', { no: o.no }))}>
              {t('orders.actions.confirm')}
            </button>
          )}
          {order && hasStallLines && editable && (
            <button type="button" data-action="generate" onClick={() => void generate()}>
              {t('orders.actions.generate')}
            </button>
          )}
          {order && kind === 'purchase' && (status === 'confirmed' || status === 'partial') && (
            <button type="button" data-action="receive" onClick={() => (dirty ? void save().then((o) => o && setDialog('receive')) : setDialog('receive'))}>
              {t('orders.actions.receive')}
            </button>
          )}
          {order && (status === 'confirmed' || status === 'partial' || status === 'complete') && (
            <button type="button" data-action="close" onClick={() => setDialog('close')}>
              {t('orders.actions.close')}
            </button>
          )}
          {order && (status === 'draft' || status === 'confirmed') && (
            <button type="button" className="danger-outline" data-action="cancel" onClick={() => setDialog('cancel')}>
              {t('orders.actions.cancelOrder')}
            </button>
          )}
          {order && status === 'draft' && (
            <button type="button" className="danger-outline" data-action="delete" onClick={() => setDialog('delete')}>
              {t('common.delete')}
            </button>
          )}
        </div>
      </div>

      <div className="order-scroll">
        {order && (
          <div className="order-summary" data-testid="order-summary">
            <span>
              {kind === 'sales' ? t('orders.fields.received') : t('orders.fields.paid')}: <strong className="num">{order.paid}</strong> {order.currency}
            </span>
            <span>
              {kind === 'sales' ? t('orders.fields.receivable') : t('orders.fields.payable')}:{' '}
              <strong className="num" data-testid="order-unpaid">
                {order.unpaid}
              </strong>{' '}
              {order.currency}
            </span>
            {status !== 'draft' && editable && <span className="audit-note">{t('orders.auditNote')}</span>}
            {status === 'cancelled' && order.cancelReason && <span className="cancel-reason">{t('orders.cancelledBecause', { reason: order.cancelReason })}</span>}
            {!editable && status !== 'cancelled' && <span className="audit-note">{t('orders.readOnlyNote')}</span>}
          </div>
        )}

        {generated && (
          <div className="generated" role="status" data-testid="generated-pos">
            <span>{t('orders.generatedList')}</span>
            {generated.map((po) => (
              <a key={po.id} href={`#orders/${po.id}`} data-po={po.no}>
                {po.no} · {po.partyName} · {po.amount} {po.currency}
              </a>
            ))}
            <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={() => setGenerated(null)}>
              ×
            </button>
          </div>
        )}

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
          {editable && <span className="lines-hint">{t('orders.lines.keysHint')}</span>}
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
        {removed && (
          <div className="undo-bar" role="status" data-testid="undo-bar">
            <span>{t('orders.lineRemoved', { line: removed.index + 1, name: removed.line.itemNo || removed.line.nameZh || removed.line.nameEn || '' })}</span>
            <button type="button" className="link-button" onClick={undoRemove}>
              {t('orders.undo')} (Ctrl+Z)
            </button>
            <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={() => setRemoved(null)}>
              ×
            </button>
          </div>
        )}
        {issues.length > 0 && (
          <ul className="order-issues" role="alert" data-testid="order-issues">
            {issues.map((i, n) => (
              <li key={n}>
                {i.rowKey !== null && i.colId !== null ? (
                  <button type="button" className="link-button" onClick={() => gridRef.current?.focusCell(i.rowKey as number, i.colId as string)}>
                    {i.text}
                  </button>
                ) : (
                  i.text
                )}
              </li>
            ))}
          </ul>
        )}
        <OrderTotals totals={totals} currency={currency} baseCurrency={baseCurrency} unsaved={dirty || !order} />

        {order ? <Attachments entity="order" entityId={order.id} /> : <p className="empty-hint attachments-later">{t('attachments.saveFirst')}</p>}
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
