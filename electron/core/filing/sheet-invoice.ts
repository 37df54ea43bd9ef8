/**
 * Per declaration: the commercial invoice (商业发票) and packing list (装箱单), bilingual — Chinese and the
 * buyer's document language (party.docLanguage: English, Arabic, Russian; texts in shared/i18n/documents) — in
 * the pack's document currency (FilingData.docCurrency). Lines are the declaration's original lines (or parts of a split
 * line), not the merged lines of a simplified declaration: the buyer sees what was bought.
 */
import { fitColumns } from '../excel';
import { PRICE_SCALE, QTY_SCALE, roundDiv } from '../money';
import { currencyDecimals } from '../../../shared/currency';
import { todayLocal } from '../trade/common';
import { addSheet, borderRow, finishSheet, STYLE, td, type PackContext, type Sheet } from './layout';
import { declSuffix } from './sheet-lists';
import { countryEn, termsOf, unitEn } from './text';
import { docTexts, type DocTexts } from '../documents/texts';
import { amountInRussian } from '../documents/words-ru';
import type { DeclLine, Declaration, FilingData } from './types';
import { amountInEnglish, numberInWords } from './words';

export const invoiceNo = (data: FilingData, d: Declaration) => `${data.shipment.no}${declSuffix(d)}`;

/** The unit price in the document currency: the line's own, or (a line converted to USD) USD value ÷ quantity, 4 decimals. */
export function docPriceE4(l: DeclLine, docCurrency: string): number | null {
  if (l.line.currency === docCurrency) return l.line.priceE4;
  if (l.docMinor === null) return null;
  return roundDiv(BigInt(l.docMinor) * 10n ** BigInt(QTY_SCALE + PRICE_SCALE - currencyDecimals(docCurrency)), BigInt(l.qtyE3));
}

const description = (l: DeclLine) => [l.line.nameEn, l.line.nameZh].filter((s, i, a) => s !== '' && a.indexOf(s) === i).join('\n');

/** Seller, buyer, invoice no. and date, ports; the right-hand fields are labelled in column `right`. */
function parties(s: Sheet, tx: DocTexts, data: FilingData, d: Declaration, cols: number, right: number): void {
  const c = data.company;
  const b = data.buyer;
  const sh = data.shipment;
  const half = right - 1;
  s.fields([[tx.bi('common.seller'), [c.nameEn, c.nameZh, c.address].filter(Boolean).join('\n'), 1, 1, 2, cols]]);
  s.fields([[tx.bi('common.buyer'), [b.nameEn, b.nameZh, b.address, b.country === '' ? '' : countryEn(b.country)].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('\n'), 1, 1, 2, cols]]);
  s.fields([
    [tx.bi('invoice.no'), invoiceNo(data, d), 1, 1, 2, half],
    [tx.bi('common.date'), sh.etd || todayLocal(), half + 1, half + 1, half + 2, cols],
  ]);
  s.fields([
    [tx.bi('common.from'), sh.loadingPort, 1, 1, 2, half],
    [tx.bi('common.to'), [sh.destPort, sh.destCountry === '' ? '' : countryEn(sh.destCountry)].filter(Boolean).join(', '), half + 1, half + 1, half + 2, cols],
  ]);
}

export function addInvoiceSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const cur = data.docCurrency;
  const n = 6;
  const tx = docTexts(data.buyer.docLanguage);
  const s = addSheet(ctx, `商业发票 Invoice${declSuffix(d)}`, n);
  const ws = s.ws;
  const terms = termsOf(data, d.lines.map((l) => l.line));
  s.line(tx.bi('invoice.title', {}, '  '), STYLE.title, 30);
  s.blank();
  parties(s, tx, data, d, n, 5);
  s.fields([
    [tx.bi('common.terms'), terms, 1, 1, 2, 4],
    [tx.bi('common.vessel'), data.shipment.vesselVoyage, 5, 5, 6, n],
  ]);
  s.fields([[tx.bi('common.marks'), data.shipment.marks || 'N/M', 1, 1, 2, n]]);
  s.blank();
  const h = (key: Parameters<DocTexts['bi']>[0]) => tx.bi(key, { currency: cur }, '\n');
  const hr = s.header([h('common.marksNos'), h('common.description'), h('common.quantity'), h('common.unit'), h('common.unitPrice'), h('common.amount')]);
  for (const l of d.lines) {
    const r = s.row++;
    td.text(ws.getCell(r, 1), l.line.itemNo);
    td.text(ws.getCell(r, 2), description(l));
    td.qty(ws.getCell(r, 3), l.qtyE3);
    td.center(ws.getCell(r, 4), unitEn(l.line.unit));
    td.price(ws.getCell(r, 5), docPriceE4(l, cur));
    td.money(ws.getCell(r, 6), l.docMinor, cur);
  }
  const tr = s.row++;
  const units = new Set(d.lines.map((l) => l.line.unit));
  td.text(s.merge(tr, 1, 2), `${tx.bi('common.total')}  ${terms}`, STYLE.total);
  if (units.size === 1) {
    td.qty(ws.getCell(tr, 3), d.lines.reduce((a, l) => a + l.qtyE3, 0), STYLE.totalNum);
    td.text(ws.getCell(tr, 4), unitEn([...units][0]!), STYLE.total);
  }
  td.money(ws.getCell(tr, 6), d.docMinor, cur, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  const wr = s.row++;
  td.text(ws.getCell(wr, 1), tx.bi('common.say'), STYLE.total);
  // English words (the trade's own); a Russian buyer's invoice has them in Russian too
  const words = d.docMinor === null ? '' : [tx.lang === 'ru' ? amountInRussian(d.docMinor, cur) : '', amountInEnglish(d.docMinor, cur)].filter(Boolean).join('\n');
  td.text(s.merge(wr, 2, n), words, STYLE.total);
  borderRow(ws, wr, n, STYLE.total);
  s.blank();
  s.line(tx.bi('common.origin'), STYLE.value);
  s.blank();
  const sig = s.row++;
  td.text(s.merge(sig, 4, n), `${data.company.nameEn || data.company.nameZh}\n${tx.bi('common.signature')}`, STYLE.label);
  ws.getRow(sig).height = 44;
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 8, max: 40, minByColumn: { 1: 18, 2: 30, 6: 14 } });
  finishSheet(s, { title: `${tx.fx('invoice.title')} ${invoiceNo(data, d)}`, right: invoiceNo(data, d), repeatRows: [hr, hr], orientation: 'portrait' });
}

export function addPackingSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const n = 8;
  const tx = docTexts(data.buyer.docLanguage);
  const s = addSheet(ctx, `装箱单 Packing List${declSuffix(d)}`, n);
  const ws = s.ws;
  const sh = data.shipment;
  s.line(tx.bi('packing.title', {}, '  '), STYLE.title, 30);
  s.blank();
  parties(s, tx, data, d, n, 5);
  s.fields([
    [tx.bi('common.containerNo'), [sh.containerNo, sh.containerType].filter(Boolean).join(' / '), 1, 1, 2, 4],
    [tx.bi('common.sealNo'), sh.sealNo, 5, 5, 6, n],
  ]);
  s.fields([
    [tx.bi('common.blNo'), sh.blNo, 1, 1, 2, 4],
    [tx.bi('common.vessel'), sh.vesselVoyage, 5, 5, 6, n],
  ]);
  s.fields([[tx.bi('common.marks'), sh.marks || 'N/M', 1, 1, 2, n]]);
  s.blank();
  const h = (key: Parameters<DocTexts['bi']>[0]) => tx.bi(key, {}, '\n');
  const hr = s.header([h('common.marksNos'), h('common.description'), h('common.quantity'), h('common.unit'), h('common.packages'), h('common.grossWeight'), h('common.netWeight'), h('common.volume')]);
  for (const l of d.lines) {
    const r = s.row++;
    td.text(ws.getCell(r, 1), l.line.itemNo);
    td.text(ws.getCell(r, 2), description(l));
    td.qty(ws.getCell(r, 3), l.qtyE3);
    td.center(ws.getCell(r, 4), unitEn(l.line.unit));
    td.int(ws.getCell(r, 5), l.cartons);
    td.kg(ws.getCell(r, 6), l.grossG);
    td.kg(ws.getCell(r, 7), l.netG);
    td.cbm(ws.getCell(r, 8), l.cbmE4);
  }
  const tr = s.row++;
  const units = new Set(d.lines.map((l) => l.line.unit));
  td.text(s.merge(tr, 1, 2), tx.bi('common.total'), STYLE.total);
  if (units.size === 1) {
    td.qty(ws.getCell(tr, 3), d.lines.reduce((a, l) => a + l.qtyE3, 0), STYLE.totalNum);
    td.text(ws.getCell(tr, 4), unitEn([...units][0]!), STYLE.total);
  }
  td.int(ws.getCell(tr, 5), d.cartons, STYLE.totalNum);
  td.kg(ws.getCell(tr, 6), d.grossG, STYLE.totalNum);
  td.kg(ws.getCell(tr, 7), d.netG, STYLE.totalNum);
  td.cbm(ws.getCell(tr, 8), d.cbmE4, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  const wr = s.row++;
  td.text(ws.getCell(wr, 1), tx.bi('common.say'), STYLE.total);
  td.text(s.merge(wr, 2, n), `SAY ${numberInWords(d.cartons)} CARTONS ONLY`, STYLE.total);
  borderRow(ws, wr, n, STYLE.total);
  s.blank();
  const sig = s.row++;
  td.text(s.merge(sig, 5, n), `${data.company.nameEn || data.company.nameZh}\n${tx.bi('common.signature')}`, STYLE.label);
  ws.getRow(sig).height = 44;
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 9, max: 40, minByColumn: { 1: 18, 2: 30 } });
  finishSheet(s, { title: `${tx.fx('packing.title')} ${invoiceNo(data, d)}`, right: invoiceNo(data, d), repeatRows: [hr, hr], orientation: 'portrait' });
}
