/**
 * One shipment: header, status, container fill and lines. Everything typed stays a draft until Save (Ctrl+S);
 * adding lines saves at once, so the core's amounts, weights and fill show straight away. A refused save
 * keeps the draft and puts each message next to its field or line.
 */
import { useAccess } from '../../../access';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HistoryButton } from '../../safety/HistoryButton';
import { useTranslation } from 'react-i18next';
import type { Shipment } from '../../../../../shared/trade';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Toasts';
import { draftIssues, failText } from '../common/messages';
import { usePartyOptions } from '../common/parties';
import { AddLinesDialog, type PickedLine } from './AddLinesDialog';
import { ContainerFill } from './ContainerFill';
import { FilingPanel } from './FilingPanel';
import {
  HEADER_FIELDS,
  addShippable,
  checkContainerNo,
  headerInput,
  headerOf,
  lineInput,
  lineProblems,
  linesOf,
  pendingByOrderLine,
  type EditableField,
  type HeaderDraft,
  type HeaderField,
  type LineDraft,
} from './draft';
import { ShipmentHeader } from './ShipmentHeader';
import { ShipmentTotals } from './ShipmentTotals';
import { ShipmentLines, type LineRow } from './ShipmentLines';
import { LineErrors } from '../common/LineErrors';
import { StatusStepper, type ShipmentStatus } from './StatusStepper';
import { AttachmentsSlot } from '../common/AttachmentsSlot';
import { LoadFailed } from '../common/LoadFailed';
import { useDetailKeys } from '../common/useDetailKeys';
import { settleGridEdits, useSyncState } from '../common/draftState';
import { useUnsavedGuard } from '../../../lib/unsaved';

const LOCKED: ShipmentStatus[] = ['departed', 'arrived', 'delivered'];

type DialogState = null | 'add' | 'delete' | 'discard' | { status: ShipmentStatus };

interface Props {
  id: number | null;
  onCreated: (id: number) => void;
  onBack: () => void;
}

export function ShipmentDetail({ id, onCreated, onBack }: Props) {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const [saved, setSaved] = useState<Shipment | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [header, setHeader, headerRef] = useSyncState<HeaderDraft>(() => headerOf(null));
  const [lines, setLines, linesRef] = useSyncState<LineDraft[]>([]);
  const [errors, setErrors] = useState<Partial<Record<HeaderField, string>>>({});
  const [lineErrors, setLineErrors] = useState<Record<number, Record<string, string>>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [selectedLine, setSelectedLine] = useState<LineRow | null>(null);
  const tempId = useRef(-1);
  const savingRef = useRef(false);

  const consignees = usePartyOptions('customer', [saved?.consigneeId]);
  const exporters = usePartyOptions('agent', [saved?.exporterId]);
  const forwarders = usePartyOptions('forwarder', [saved?.forwarderId]);
  const brokers = usePartyOptions('broker', [saved?.brokerId]);

  const apply = useCallback((s: Shipment) => {
    setSaved(s);
    setHeader(headerOf(s));
    setLines(linesOf(s));
    setErrors({});
    setLineErrors({});
    setMessage(undefined);
  }, []);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('shipments.get', { id })
      .then((s) => live && apply(s))
      .catch((e: unknown) => live && setLoadError(t('errors.loadFailed', { message: failText(t, e) })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [id]);

  const label = useCallback((f: string) => (f === 'lines' ? t('shipments.sections.lines') : (HEADER_FIELDS as readonly string[]).includes(f) || f === 'status' ? t(`shipments.fields.${f}`) : t(`shipments.lines.${f}`, { defaultValue: f })), [t]);
  const savedKey = useMemo(() => JSON.stringify([headerOf(saved), saved ? linesOf(saved).map(lineInput) : []]), [saved]);
  const dirty = JSON.stringify([header, lines.map(lineInput)]) !== savedKey;
  useUnsavedGuard(dirty);
  const locked = saved !== null && LOCKED.includes(saved.status);
  const rows = useMemo<LineRow[]>(() => lines.map((l, i) => ({ ...l, lineNo: i + 1, errors: lineErrors[l.id] ?? {} })), [lines, lineErrors]);

  function setField(f: HeaderField, value: string) {
    setHeader((h) => {
      const next = { ...h, [f]: value };
      if (f === 'consigneeId' && h.destCountry === '') {
        next.destCountry = consignees.parties.find((p) => String(p.id) === value)?.country ?? '';
      }
      return next;
    });
    setErrors((e) => ({ ...e, [f]: undefined }));
  }

  function focusFirstProblem() {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.logi-detail .logi-form [aria-invalid="true"]')?.focus());
  }

  /** Save the draft (with `added` when lines were just added); the saved shipment, or null when refused. */
  async function save(added?: LineDraft[]): Promise<Shipment | null> {
    if (savingRef.current) return null; // one save at a time (a second Ctrl+S while the first runs)
    savingRef.current = true;
    try {
      await settleGridEdits();
      return await saveNow(added ?? linesRef.current, headerRef.current);
    } finally {
      savingRef.current = false;
    }
  }

  async function saveNow(nextLines: LineDraft[], header: HeaderDraft): Promise<Shipment | null> {
    const fieldErrors: Partial<Record<HeaderField, string>> = {};
    if (header.consigneeId === '') fieldErrors.consigneeId = t('shipments.hints.chooseConsignee');
    const cc = checkContainerNo(header.containerNo);
    if (cc.state === 'format') fieldErrors.containerNo = t('shipments.container.format');
    if (cc.state === 'checkDigit') fieldErrors.containerNo = t('shipments.container.checkDigit', { digit: cc.digit });
    const badLines: Record<number, Record<string, string>> = {};
    for (const l of nextLines) if (lineProblems(l).cartons) badLines[l.id] = { cartons: t('errors.wholeNumber') };
    const count = Object.keys(fieldErrors).length + Object.keys(badLines).length;
    if (count > 0) {
      setErrors(fieldErrors);
      setLineErrors(badLines);
      setMessage(t('shipments.needAttention', { count }));
      focusFirstProblem();
      return null;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const input = headerInput(header);
      const lineInputs = nextLines.map(lineInput);
      const s = saved
        ? await call('shipments.update', { id: saved.id, header: input, ...(locked ? {} : { lines: lineInputs }) })
        : await call('shipments.create', { ...input, lines: lineInputs });
      apply(s);
      notify.success(saved ? t('shipments.saved', { no: s.no }) : t('shipments.created', { no: s.no }));
      if (!saved) onCreated(s.id);
      return s;
    } catch (e) {
      const issues = draftIssues(t, e, (f) => (HEADER_FIELDS as readonly string[]).includes(f), label, nextLines);
      setErrors(issues.fields as Partial<Record<HeaderField, string>>);
      setLineErrors(issues.byRow);
      setMessage(issues.message);
      focusFirstProblem();
      return null;
    } finally {
      setBusy(false);
    }
  }

  function addLines(picked: PickedLine[]) {
    setDialog(null);
    const next = addShippable(linesRef.current, picked, () => tempId.current--);
    setLines(next);
    void save(next);
  }

  function editLine(row: LineRow, field: EditableField) {
    const value = String(row[field] ?? '');
    setLines((ls) =>
      ls.map((l) => {
        if (l.id !== row.id) return l;
        if (field === 'quantity') return { ...l, quantity: value, amount: l.saved && value === l.saved.quantity ? l.saved.amount : '' };
        return { ...l, [field]: value, touched: l.touched.includes(field) ? l.touched : [...l.touched, field] };
      }),
    );
    setLineErrors((e) => {
      const mine = e[row.id];
      if (!mine) return e;
      const { [field]: _gone, orderLineId: _o, ...rest } = mine;
      return { ...e, [row.id]: rest };
    });
  }

  function removeSelected() {
    if (!selectedLine || locked) return;
    setLines((ls) => ls.filter((l) => l.id !== selectedLine.id));
    setSelectedLine(null);
  }

  async function changeStatus(to: ShipmentStatus) {
    setDialog(null);
    let current = saved;
    if (dirty || !current) {
      current = await save();
      if (!current) return;
    }
    setBusy(true);
    try {
      const s = await call('shipments.setStatus', { id: current.id, status: to });
      apply(s);
      notify.success(t('shipments.status.changed', { no: s.no, status: t(`shipments.statuses.${to}`) }));
    } catch (e) {
      notify.error(failText(t, e));
    } finally {
      setBusy(false);
    }
  }

  function askStatus(to: ShipmentStatus) {
    const leaving = LOCKED.includes(to) && !(saved && LOCKED.includes(saved.status));
    if (leaving) setDialog({ status: to });
    else void changeStatus(to);
  }

  async function remove() {
    if (!saved) return;
    setDialog(null);
    try {
      await call('shipments.delete', { id: saved.id });
      notify.success(t('common.deleted', { name: saved.no }));
      onBack();
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: failText(t, e) }));
    }
  }

  function back() {
    if (dirty) setDialog('discard');
    else onBack();
  }

  useDetailKeys({
    onSave: () => {
      if (!busy) void save();
    },
    onBack: back,
  });

  if (loading) return <section className="screen logi logi-detail" aria-busy="true" />;
  if (loadError) return <LoadFailed message={loadError} backLabel={t('shipments.back')} onBack={onBack} />;

  const consigneeName = consignees.options.find((o) => o.value === header.consigneeId)?.label ?? '';
  const canAdd = !locked && header.consigneeId !== '';

  return (
    <section className="screen logi logi-detail" aria-labelledby="shipment-title">
      <div className="toolbar detail-toolbar">
        <button type="button" data-action="back" onClick={back} title="Esc">
          ← {t('shipments.back')}
        </button>
        <h1 id="shipment-title">{saved ? t('shipments.titleNo', { no: saved.no }) : t('shipments.titleNew')}</h1>
        {saved && (
          <span className={`badge badge-${saved.status}`} data-testid="shipment-status">
            {t(`shipments.statuses.${saved.status}`)}
          </span>
        )}
        <div className="toolbar-actions">
          <button type="button" className="primary" data-action="save" disabled={busy} onClick={() => void save()} title="Ctrl+S">
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {saved?.status === 'planned' && !isClerk && (
            <button type="button" className="danger-outline" data-action="delete" onClick={() => setDialog('delete')}>
              {t('common.delete')}
            </button>
          )}
          {saved && <HistoryButton entity="shipment" id={saved.id} />}
        </div>
        {dirty && <span className="dirty-note">{t('shipments.unsaved')}</span>}
      </div>
      {message && (
        <div className="panel-message error" role="alert" data-testid="detail-message">
          {message}
        </div>
      )}
      <StatusStepper status={saved?.status ?? null} busy={busy} onSet={askStatus} />
      <div className="detail-top">
        <ShipmentHeader
          header={header}
          errors={errors}
          set={setField}
          pickers={{ consignee: consignees.options, exporter: exporters.options, forwarder: forwarders.options, broker: brokers.options }}
          consigneeLocked={lines.length > 0 && saved !== null && header.consigneeId === String(saved.consigneeId)}
        />
        <aside className="detail-side">
          <ContainerFill fill={saved?.fill ?? null} typeChanged={header.containerType !== (saved?.containerType ?? '')} />
          <ShipmentTotals shipment={saved} />
        </aside>
      </div>
      <section className="detail-lines" aria-labelledby="shipment-lines-title">
        <div className="toolbar">
          <h2 id="shipment-lines-title">{t('shipments.sections.lines')}</h2>
          <button type="button" data-action="add-lines" disabled={!canAdd || busy} onClick={() => setDialog('add')} title={canAdd ? undefined : t('shipments.hints.chooseConsignee')}>
            + {t('shipments.add.open')}
          </button>
          <button type="button" data-action="remove-line" disabled={!selectedLine || locked} onClick={removeSelected} title="Ctrl+Delete">
            {t('shipments.removeLine')}
          </button>
          <span className="logi-note">
            {locked ? t('shipments.linesLocked', { status: t(`shipments.statuses.${saved?.status ?? 'departed'}`) }) : lines.length === 0 ? (header.consigneeId === '' ? t('shipments.hints.chooseConsignee') : t('shipments.hints.noLines')) : t('shipments.hints.lines')}
          </span>
        </div>
        <ShipmentLines rows={rows} locked={locked} onEdit={editLine} onSelect={setSelectedLine} onRemoveSelected={removeSelected} />
        <LineErrors rows={rows.map((r) => ({ id: r.id, lineNo: r.lineNo, name: r.itemNo || r.orderNo, errors: r.errors }))} label={label} />
      </section>
      {saved && <FilingPanel shipment={saved} dirty={dirty} />}
      {saved && <AttachmentsSlot entity="shipment" entityId={saved.id} />}

      {dialog === 'add' && header.consigneeId !== '' && (
        <AddLinesDialog consigneeId={Number(header.consigneeId)} consigneeName={consigneeName} pending={pendingByOrderLine(lines, saved)} onAdd={addLines} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'delete' && saved && (
        <ConfirmDialog text={t('shipments.confirmDelete', { no: saved.no })} confirmLabel={t('common.delete')} danger onConfirm={() => void remove()} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'discard' && (
        <ConfirmDialog text={t('shipments.confirmDiscard')} confirmLabel={t('shipments.discard')} danger onConfirm={onBack} onCancel={() => setDialog(null)} />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <ConfirmDialog
          text={t('shipments.status.confirmLeave', { status: t(`shipments.statuses.${dialog.status}`) })}
          confirmLabel={t('shipments.status.setTo', { status: t(`shipments.statuses.${dialog.status}`) })}
          onConfirm={() => void changeStatus(dialog.status)}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}
