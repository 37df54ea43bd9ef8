/** The import being edited: header fields as the form's strings, lines as typed; turned into API arguments here. */
import type { ApiArg, Product } from '../../../../../shared/api';
import type { ImportLine, ImportRecord } from '../../../../../shared/trade';
import { normalizeDecimalInput } from '../../../lib/numbers';
import { localName } from '../../../lib/names';

type CreateArg = ApiArg<'imports.create'>;
type LineInput = CreateArg['lines'][number];

export const IMPORT_FIELDS = ['supplierId', 'originCountry', 'tradeMode', 'declarationNo', 'arrivalDate', 'currency', 'rate', 'valueBasis', 'freight', 'insurance', 'vatInCost', 'notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportHeaderDraft {
  supplierId: string;
  originCountry: string;
  tradeMode: string;
  declarationNo: string;
  arrivalDate: string;
  currency: string;
  rate: string;
  valueBasis: 'CIF' | 'FOB';
  freight: string;
  insurance: string;
  vatInCost: boolean;
  notes: string;
}

const isZero = (s: string) => /^0*(\.0*)?$/.test(s);

export function headerOf(r: ImportRecord | null, defaults: { currency: string; rate: string; today: string }): ImportHeaderDraft {
  if (!r) {
    return {
      supplierId: '',
      originCountry: '',
      tradeMode: '0110',
      declarationNo: '',
      arrivalDate: defaults.today,
      currency: defaults.currency,
      rate: defaults.rate,
      valueBasis: 'CIF',
      freight: '',
      insurance: '',
      vatInCost: true,
      notes: '',
    };
  }
  return {
    supplierId: String(r.supplierId),
    originCountry: r.originCountry,
    tradeMode: r.tradeMode,
    declarationNo: r.declarationNo,
    arrivalDate: r.arrivalDate,
    currency: r.currency,
    rate: r.rate,
    valueBasis: r.valueBasis,
    freight: isZero(r.freight) ? '' : r.freight,
    insurance: isZero(r.insurance) ? '' : r.insurance,
    vatInCost: r.vatInCost,
    notes: r.notes,
  };
}

/** Freight and insurance count only on an FOB value; a CIF value already holds them (sent as 0). */
export function headerInput(h: ImportHeaderDraft): Omit<CreateArg, 'lines'> {
  const money = (s: string) => (h.valueBasis === 'FOB' && normalizeDecimalInput(s) !== '' ? normalizeDecimalInput(s) : '0');
  return {
    supplierId: Number(h.supplierId),
    originCountry: h.originCountry,
    tradeMode: h.tradeMode as CreateArg['tradeMode'],
    declarationNo: h.declarationNo,
    arrivalDate: h.arrivalDate,
    currency: h.currency,
    rate: normalizeDecimalInput(h.rate),
    valueBasis: h.valueBasis,
    freight: money(h.freight),
    insurance: money(h.insurance),
    vatInCost: h.vatInCost,
    notes: h.notes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lines

export const LINE_INPUTS = ['productId', 'description', 'hsCode', 'quantity', 'unitPrice', 'dutyRate', 'vatRate'] as const;
export type LineInputField = (typeof LINE_INPUTS)[number];

export interface ImportLineDraft extends Record<LineInputField, string> {
  /** grid row id: the saved line's id, or negative for a line not saved yet */
  id: number;
  lineId: number | null;
  itemNo: string;
  /** the core's figures for this line as saved; null once an input of the line changed */
  computed: ImportLine | null;
}

export function linesOf(r: ImportRecord): ImportLineDraft[] {
  return r.lines.map((l) => ({
    id: l.id,
    lineId: l.id,
    productId: l.productId === null ? '' : String(l.productId),
    itemNo: l.itemNo,
    description: l.description,
    hsCode: l.hsCode,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    dutyRate: l.dutyRate,
    vatRate: l.vatRate,
    computed: l,
  }));
}

export function blankLine(id: number): ImportLineDraft {
  return { id, lineId: null, productId: '', itemNo: '', description: '', hsCode: '', quantity: '', unitPrice: '', dutyRate: '', vatRate: '', computed: null };
}

export const isBlank = (l: ImportLineDraft) => l.productId === '' && l.description.trim() === '' && l.quantity.trim() === '' && l.unitPrice.trim() === '';

export function lineInput(l: ImportLineDraft): LineInput {
  const out: LineInput = {
    productId: l.productId === '' ? null : Number(l.productId),
    description: l.description,
    hsCode: l.hsCode,
    quantity: normalizeDecimalInput(l.quantity),
    unitPrice: normalizeDecimalInput(l.unitPrice),
  };
  if (l.lineId !== null) out.id = l.lineId;
  if (normalizeDecimalInput(l.dutyRate) !== '') out.dutyRate = normalizeDecimalInput(l.dutyRate);
  if (normalizeDecimalInput(l.vatRate) !== '') out.vatRate = normalizeDecimalInput(l.vatRate);
  return out;
}

/** A product picked on a line fills what is still empty: name, HS code, duty and VAT rates. */
export function withProduct(l: ImportLineDraft, p: Product | undefined, lang: string): ImportLineDraft {
  if (!p) return { ...l, itemNo: '' };
  const name = localName(p, lang);
  return {
    ...l,
    itemNo: p.itemNo,
    description: l.description || name,
    hsCode: l.hsCode || p.hsCode,
    dutyRate: l.dutyRate || p.importDutyRate,
    vatRate: l.vatRate || p.importVatRate,
  };
}
