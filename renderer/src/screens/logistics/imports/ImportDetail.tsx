/**
 * One import: header, lines with the core's landed costs, totals, and "Receive into stock". A draft until
 * Save (Ctrl+S); a refused save keeps everything and puts each message on its field or line. A received
 * import is read-only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HistoryButton } from '../../safety/HistoryButton';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../../shared/api';
import type { ImportRecord } from '../../../../../shared/trade';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Toasts';
import { useAppState } from '../../../context';
import { productName } from '../../../lib/names';
import { AttachmentsSlot } from '../common/AttachmentsSlot';
import { LoadFailed } from '../common/LoadFailed';
import { useDetailKeys } from '../common/useDetailKeys';
import { settleGridEdits, useSyncState } from '../common/draftState';
import { LineErrors } from '../common/LineErrors';
import { draftIssues, failText } from '../common/messages';
import { usePartyOptions } from '../common/parties';
import { todayLocal } from '../common/route';
import { blankLine, headerInput, headerOf, IMPORT_FIELDS, isBlank, lineInput, linesOf, withProduct, type ImportField, type ImportHeaderDraft, type ImportLineDraft, type LineInputField } from './draft';
import { ImportHeader } from './ImportHeader';
import { ImportTotals } from './ImportTotals';
import { ImportLines, type ImportLineRow } from './ImportLines';
import { ReceiveDialog } from './ReceiveDialog';
import { useUnsavedGuard } from '../../../lib/unsaved';

type DialogState = null | 'receive' | 'delete' | 'discard';

interface Props {
  id: number | null;
  onCreated: (id: number) => void;
  onBack: () => void;
}

export function ImportDetail({ id, onCreated, onBack }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { company, language } = useAppState();
  const base = company.baseCurrency;
  const [saved, setSaved] = useState<ImportRecord | null>(null);
  const [loading, setLoading] = useState(true);
  const [start, setStart] = useState<ImportHeaderDraft>(() => headerOf(null, { currency: 'USD', rate: '', today: todayLocal() }));
  const [header, setHeader, headerRef] = useSyncState<ImportHeaderDraft>(start);
  const [lines, setLines, linesRef] = useSyncState<ImportLineDraft[]>([]);
  const [errors, setErrors] = useState<Partial<Record<ImportField, string>>>({});
  const [lineErrors, setLineErrors] = useState<Record<number, Record<string, string>>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [receiveError, setReceiveError] = useState<string | undefined>(undefined);
  const [selectedLine, setSelectedLine] = useState<ImportLineRow | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const tempId = useRef(-1);
  const savingRef = useRef(false);
  const suppliers = usePartyOptions('supplier', [saved?.supplierId]);

  const apply = useCallback((r: ImportRecord) => {
    const h = headerOf(r, { currency: r.currency, rate: r.rate, today: '' });
    setSaved(r);
    setStart(h);
    setHeader(h);
    setLines(r.status === 'received' ? linesOf(r) : [...linesOf(r), blankLine(tempId.current--)]);
    setErrors({});
    setLineErrors({});
    setMessage(undefined);
  }, []);

  useEffect(() => {
    let live = true;
    call('products.list', {})
      .then((list) => live && setProducts(list))
      .catch((e: unknown) => live && notify.error(t('errors.loadFailed', { message: failText(t, e) })));
    if (id !== null) {
      call('imports.get', { id })
        .then((r) => live && apply(r))
        .catch((e: unknown) => live && setLoadError(t('errors.loadFailed', { message: failText(t, e) })))
        .finally(() => live && setLoading(false));
    } else {
      // a new import: USD at the rate used last time, and one empty line to type into
      call('rates.last', { currency: 'USD' })
        .then((rate) => {
          if (!live) return;
          const h = headerOf(null, { currency: 'USD', rate: base === 'USD' ? '1' : (rate ?? ''), today: todayLocal() });
          setStart(h);
          setHeader(h);
        })
        .catch(() => undefined)
        .finally(() => live && setLoading(false));
      setLines([blankLine(tempId.current--)]);
    }
    return () => {
      live = false;
    };
  }, [id]);

  const productOptions = useMemo(() => products.filter((p) => !p.archived || lines.some((l) => l.productId === String(p.id))).map((p) => ({ value: String(p.id), label: productName(p, language) })), [products, language, lines]);
  const received = saved?.status === 'received';
  const filled = lines.filter((l) => !isBlank(l));
  const savedKey = useMemo(() => JSON.stringify([start, saved ? linesOf(saved).map(lineInput) : []]), [start, saved]);
  const dirty = JSON.stringify([header, filled.map(lineInput)]) !== savedKey;
  useUnsavedGuard(dirty && !received);
  const rows = useMemo<ImportLineRow[]>(() => lines.map((l, i) => ({ ...l, lineNo: i + 1, errors: lineErrors[l.id] ?? {} })), [lines, lineErrors]);
  const label = useCallback((f: string) => ((IMPORT_FIELDS as readonly string[]).includes(f) ? t(`imports.fields.${f}`) : f === 'lines' ? t('imports.sections.lines') : t(`imports.lines.${f}`, { defaultValue: f })), [t]);

  function set<K extends keyof ImportHeaderDraft>(field: K, value: ImportHeaderDraft[K]) {
    setHeader((h) => ({ ...h, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    if (field === 'currency' && typeof value === 'string' && value !== '') {
      // offer the rate used last time for this currency; the base currency is 1
      if (value === base) setHeader((h) => ({ ...h, rate: '1' }));
      else {
        call('rates.last', { currency: value })
          .then((rate) => setHeader((h) => (h.currency === value ? { ...h, rate: rate ?? '' } : h)))
          .catch(() => undefined);
      }
    }
  }

  function editLine(row: ImportLineRow, field: LineInputField) {
    const value = String(row[field] ?? '');
    setLines((ls) => {
      let next = ls.map((l) => {
        if (l.id !== row.id) return l;
        const changed = { ...l, [field]: value, computed: null };
        return field === 'productId' ? withProduct(changed, products.find((p) => String(p.id) === value), language) : changed;
      });
      // typing into the last line opens a new empty one below it
      const last = next[next.length - 1];
      if (last && !isBlank(last)) next = [...next, blankLine(tempId.current--)];
      return next;
    });
    setLineErrors((e) => {
      const mine = e[row.id];
      if (!mine) return e;
      const { [field]: _gone, ...rest } = mine;
      return { ...e, [row.id]: rest };
    });
  }

  function removeSelected() {
    if (!selectedLine || received) return;
    setLines((ls) => {
      const next = ls.filter((l) => l.id !== selectedLine.id);
      return next.length === 0 || !isBlank(next[next.length - 1]!) ? [...next, blankLine(tempId.current--)] : next;
    });
    setSelectedLine(null);
  }

  function addLine() {
    const last = linesRef.current[linesRef.current.length - 1];
    let rowId = last?.id ?? 0;
    if (!last || !isBlank(last)) {
      const line = blankLine(tempId.current--);
      rowId = line.id;
      setLines((ls) => [...ls, line]);
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.logi-lines-grid .ag-row[row-id="${rowId}"] .ag-cell[col-id="productId"]`)?.focus());
  }

  async function save(): Promise<ImportRecord | null> {
    if (savingRef.current) return null; // one save at a time (a second Ctrl+S while the first runs)
    savingRef.current = true;
    try {
      await settleGridEdits();
      return await saveNow(headerRef.current, linesRef.current);
    } finally {
      savingRef.current = false;
    }
  }

  async function saveNow(header: ImportHeaderDraft, lines: ImportLineDraft[]): Promise<ImportRecord | null> {
    if (header.supplierId === '') {
      setErrors({ supplierId: t('imports.hints.chooseSupplier') });
      setMessage(t('shipments.needAttention', { count: 1 }));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#import-supplierId')?.focus());
      return null;
    }
    setBusy(true);
    setMessage(undefined);
    const sent = lines.filter((l) => !isBlank(l));
    try {
      const input = headerInput(header);
      const lineInputs = sent.map(lineInput);
      const r = saved ? await call('imports.update', { id: saved.id, header: input, lines: lineInputs }) : await call('imports.create', { ...input, lines: lineInputs });
      apply(r);
      notify.success(saved ? t('imports.saved', { no: r.no }) : t('imports.created', { no: r.no }));
      if (!saved) onCreated(r.id);
      return r;
    } catch (e) {
      const issues = draftIssues(t, e, (f) => (IMPORT_FIELDS as readonly string[]).includes(f), label, sent);
      setErrors(issues.fields as Partial<Record<ImportField, string>>);
      setLineErrors(issues.byRow);
      setMessage(issues.message);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.logi-detail .logi-form [aria-invalid="true"]')?.focus());
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function receive(date: string) {
    let current = saved;
    if (dirty || !current) {
      current = await save();
      if (!current) {
        setDialog(null);
        return;
      }
    }
    setBusy(true);
    setReceiveError(undefined);
    try {
      const r = await call('imports.receive', { id: current.id, date });
      apply(r);
      setDialog(null);
      notify.success(t('imports.receive.done', { no: r.no }));
    } catch (e) {
      setReceiveError(failText(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!saved) return;
    setDialog(null);
    try {
      await call('imports.delete', { id: saved.id });
      notify.success(t('common.deleted', { name: saved.no }));
      onBack();
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: failText(t, e) }));
    }
  }

  function back() {
    if (dirty && !received) setDialog('discard');
    else onBack();
  }

  useDetailKeys({
    onSave: () => {
      if (!busy && !received) void save();
    },
    onBack: back,
  });

  if (loading) return <section className="screen logi logi-detail" aria-busy="true" />;
  if (loadError) return <LoadFailed message={loadError} backLabel={t('imports.back')} onBack={onBack} />;

  return (
    <section className="screen logi logi-detail" aria-labelledby="import-title">
      <div className="toolbar detail-toolbar">
        <button type="button" data-action="back" onClick={back} title="Esc">
          ← {t('imports.back')}
        </button>
        <h1 id="import-title">{saved ? t('imports.titleNo', { no: saved.no }) : t('imports.titleNew')}</h1>
        {saved && (
          <span className={`badge badge-${saved.status}`} data-testid="import-status">
            {t(`imports.statuses.${saved.status}`)}
          </span>
        )}
        {!received && (
          <div className="toolbar-actions">
            <button type="button" className="primary" data-action="save" disabled={busy} onClick={() => void save()} title="Ctrl+S">
              {busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" data-action="receive" disabled={busy || filled.length === 0} onClick={() => (setReceiveError(undefined), setDialog('receive'))}>
              {t('imports.receive.open')}
            </button>
            {saved && (
              <button type="button" className="danger-outline" data-action="delete" onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </button>
            )}
          </div>
        )}
        {saved && <HistoryButton entity="import" id={saved.id} />}
        {dirty && !received && <span className="dirty-note">{t('shipments.unsaved')}</span>}
      </div>
      {received && (
        <div className="panel-message ok-message" role="status" data-testid="received-note">
          {t('imports.receivedNote')}
        </div>
      )}
      {message && (
        <div className="panel-message error" role="alert" data-testid="detail-message">
          {message}
        </div>
      )}
      <div className="detail-top">
        <ImportHeader header={header} errors={errors} set={set} suppliers={suppliers.options} baseCurrency={base} readOnly={received} />
        <aside className="detail-side">
          <ImportTotals record={saved} stale={dirty && !received} />
        </aside>
      </div>
      <section className="detail-lines" aria-labelledby="import-lines-title">
        <div className="toolbar">
          <h2 id="import-lines-title">{t('imports.sections.lines')}</h2>
          {!received && (
            <>
              <button type="button" data-action="add-line" onClick={addLine}>
                + {t('imports.addLine')}
              </button>
              <button type="button" data-action="remove-line" disabled={!selectedLine} onClick={removeSelected} title="Ctrl+Delete">
                {t('shipments.removeLine')}
              </button>
            </>
          )}
          <span className="logi-note">{received ? t('imports.hints.receivedLines') : t('imports.hints.lines')}</span>
        </div>
        <ImportLines
          rows={rows}
          readOnly={received}
          currency={header.currency}
          baseCurrency={saved?.baseCurrency ?? base}
          products={productOptions}
          onEdit={editLine}
          onSelect={setSelectedLine}
          onRemoveSelected={removeSelected}
        />
        <LineErrors rows={rows.map((r) => ({ id: r.id, lineNo: r.lineNo, name: r.itemNo || r.description || '—', errors: r.errors }))} label={label} />
      </section>
      {saved && <AttachmentsSlot entity="import" entityId={saved.id} />}

      {dialog === 'receive' && (
        <ReceiveDialog
          no={saved?.no ?? t('imports.titleNew')}
          linesWithoutProduct={filled.filter((l) => l.productId === '').length}
          busy={busy}
          error={receiveError}
          onReceive={(date) => void receive(date)}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'delete' && saved && (
        <ConfirmDialog text={t('imports.confirmDelete', { no: saved.no })} confirmLabel={t('common.delete')} danger onConfirm={() => void remove()} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'discard' && <ConfirmDialog text={t('shipments.confirmDiscard')} confirmLabel={t('shipments.discard')} danger onConfirm={onBack} onCancel={() => setDialog(null)} />}
    </section>
  );
}
