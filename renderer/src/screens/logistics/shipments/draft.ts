/**
 * The shipment being edited: header fields as the form's strings, and lines with what the user changed.
 * Turned into the API's arguments here, so the detail view only deals with the form.
 */
import type { ApiArg } from '../../../../../shared/api';
import { CONTAINER_NO_RE, containerCheckDigit, normalizeContainerNo } from '../../../../../shared/iso6346';
import type { Shipment, ShippableLine } from '../../../../../shared/trade';
import { normalizeDecimalInput } from '../../../lib/numbers';
import { qtyE3, qtyText } from '../common/format';

type CreateArg = ApiArg<'shipments.create'>;
type LineInput = CreateArg['lines'][number];

export const HEADER_FIELDS = [
  'mode',
  'tradeMode',
  'exporterId',
  'consigneeId',
  'destCountry',
  'destPort',
  'loadingPort',
  'containerNo',
  'containerType',
  'sealNo',
  'blNo',
  'vesselVoyage',
  'forwarderId',
  'brokerId',
  'declarationNo',
  'etd',
  'eta',
  'marks',
  'notes',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];
export type HeaderDraft = Record<HeaderField, string>;

const idText = (v: number | null | undefined) => (v == null ? '' : String(v));

export function headerOf(s: Shipment | null): HeaderDraft {
  return {
    mode: s?.mode ?? 'sea',
    tradeMode: s?.tradeMode ?? '1039',
    exporterId: idText(s?.exporterId),
    consigneeId: idText(s?.consigneeId),
    destCountry: s?.destCountry ?? '',
    destPort: s?.destPort ?? '',
    loadingPort: s ? s.loadingPort : 'NINGBO',
    containerNo: s?.containerNo ?? '',
    containerType: s?.containerType ?? '',
    sealNo: s?.sealNo ?? '',
    blNo: s?.blNo ?? '',
    vesselVoyage: s?.vesselVoyage ?? '',
    forwarderId: idText(s?.forwarderId),
    brokerId: idText(s?.brokerId),
    declarationNo: s?.declarationNo ?? '',
    etd: s?.etd ?? '',
    eta: s?.eta ?? '',
    marks: s?.marks ?? '',
    notes: s?.notes ?? '',
  };
}

const optId = (v: string) => (v === '' ? null : Number(v));

export function headerInput(h: HeaderDraft): Omit<CreateArg, 'lines'> {
  return {
    mode: h.mode as CreateArg['mode'],
    tradeMode: h.tradeMode as CreateArg['tradeMode'],
    exporterId: optId(h.exporterId),
    consigneeId: Number(h.consigneeId),
    destCountry: h.destCountry,
    destPort: h.destPort,
    loadingPort: h.loadingPort,
    containerNo: h.containerNo,
    containerType: h.containerType as CreateArg['containerType'],
    sealNo: h.sealNo,
    blNo: h.blNo,
    vesselVoyage: h.vesselVoyage,
    forwarderId: optId(h.forwarderId),
    brokerId: optId(h.brokerId),
    declarationNo: h.declarationNo,
    etd: h.etd,
    eta: h.eta,
    marks: h.marks,
    notes: h.notes,
  };
}

/** What the live check of the container no. says: nothing typed yet, still typing, wrong, or right. */
export type ContainerCheck = { state: 'empty' | 'typing' | 'ok' } | { state: 'format' } | { state: 'checkDigit'; digit: number };

export function checkContainerNo(text: string): ContainerCheck {
  const no = normalizeContainerNo(text);
  if (no === '') return { state: 'empty' };
  const prefixOk = [...no].every((c, i) => (i < 3 ? /[A-Z]/.test(c) : i === 3 ? /[UJZ]/.test(c) : /\d/.test(c)));
  if (no.length < 11 && prefixOk) return { state: 'typing' };
  if (!CONTAINER_NO_RE.test(no)) return { state: 'format' };
  const digit = containerCheckDigit(no.slice(0, 10));
  return Number(no[10]) === digit ? { state: 'ok' } : { state: 'checkDigit', digit };
}

// ---------------------------------------------------------------------------------------------------------
// Lines

export const LINE_FIGURES = ['cartons', 'grossKg', 'netKg', 'cbm'] as const;
export type LineFigure = (typeof LINE_FIGURES)[number];
export type EditableField = LineFigure | 'quantity';

export interface LineDraft {
  /** grid row id: the saved line's id, or a negative number for a line not saved yet */
  id: number;
  lineId: number | null;
  orderLineId: number;
  orderNo: string;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  stallId: number | null;
  stallName: string;
  unit: string;
  unitPrice: string;
  currency: string;
  /** the core's amount for the saved quantity; '' while the quantity is changed and not saved */
  amount: string;
  quantity: string;
  cartons: string;
  grossKg: string;
  netKg: string;
  cbm: string;
  /** figures the user typed in this session (sent as typed; the others follow the quantity) */
  touched: LineFigure[];
  /** the line as saved, to tell what changed */
  saved: { quantity: string; cartons: string; grossKg: string; netKg: string; cbm: string; amount: string } | null;
}

export function linesOf(s: Shipment): LineDraft[] {
  return s.lines.map((l) => {
    const figures = { quantity: l.quantity, cartons: l.cartons == null ? '' : String(l.cartons), grossKg: l.grossKg, netKg: l.netKg, cbm: l.cbm };
    return {
      id: l.id,
      lineId: l.id,
      orderLineId: l.orderLineId,
      orderNo: l.orderNo,
      itemNo: l.itemNo,
      nameZh: l.nameZh,
      nameEn: l.nameEn,
      stallId: l.stallId,
      stallName: l.stallName,
      unit: l.unit,
      unitPrice: l.unitPrice,
      currency: l.currency,
      amount: l.amount,
      ...figures,
      touched: [],
      saved: { ...figures, amount: l.amount },
    };
  });
}

export function newLine(id: number, s: ShippableLine, quantity: string): LineDraft {
  return {
    id,
    lineId: null,
    orderLineId: s.orderLineId,
    orderNo: s.orderNo,
    itemNo: s.itemNo,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    stallId: s.stallId,
    stallName: s.stallName,
    unit: s.unit,
    unitPrice: s.unitPrice,
    currency: s.currency,
    amount: '',
    quantity,
    cartons: '',
    grossKg: '',
    netKg: '',
    cbm: '',
    touched: [],
    saved: null,
  };
}

/** Add `quantity` to the draft line of that order line, or add a new draft line. */
export function addShippable(lines: LineDraft[], picked: { line: ShippableLine; quantity: string }[], nextId: () => number): LineDraft[] {
  const out = [...lines];
  for (const p of picked) {
    const i = out.findIndex((l) => l.orderLineId === p.line.orderLineId);
    const cur = i >= 0 ? out[i] : undefined;
    const a = cur ? qtyE3(cur.quantity) : null;
    const b = qtyE3(p.quantity);
    if (cur && a !== null && b !== null) {
      out[i] = { ...cur, quantity: qtyText(a + b), amount: '', touched: [] };
    } else {
      out.push(newLine(nextId(), p.line, p.quantity));
    }
  }
  return out;
}

/** Quantity of each order line this draft ships beyond what is saved (to show what is really left). */
export function pendingByOrderLine(lines: LineDraft[], saved: Shipment | null): Map<number, number> {
  const out = new Map<number, number>();
  const add = (id: number, q: number) => out.set(id, (out.get(id) ?? 0) + q);
  for (const l of lines) add(l.orderLineId, qtyE3(l.quantity) ?? 0);
  for (const l of saved?.lines ?? []) add(l.orderLineId, -(qtyE3(l.quantity) ?? 0));
  return out;
}

const quantityChanged = (l: LineDraft) => !l.saved || normalizeDecimalInput(l.quantity) !== l.saved.quantity;

/**
 * The API form of a line. Figures the user typed are sent as typed; a saved line whose quantity did not
 * change keeps its figures; otherwise the core takes them pro rata from the order line.
 */
export function lineInput(l: LineDraft): LineInput {
  const out: LineInput = { orderLineId: l.orderLineId, quantity: normalizeDecimalInput(l.quantity) };
  if (l.lineId !== null) out.id = l.lineId;
  const keepSaved = !quantityChanged(l);
  for (const f of LINE_FIGURES) {
    const value = normalizeDecimalInput(l[f]);
    if (!l.touched.includes(f) && !keepSaved) continue;
    if (f === 'cartons') out.cartons = value === '' ? null : Number(value);
    else if (value !== '') out[f] = value;
  }
  return out;
}

/** Client-side checks of a line before saving: cartons a whole number. */
export function lineProblems(l: LineDraft): Partial<Record<EditableField, 'wholeNumber'>> {
  const c = normalizeDecimalInput(l.cartons);
  return c !== '' && !/^\d{1,9}$/.test(c) ? { cartons: 'wholeNumber' } : {};
}
