/**
 * Per declaration: the commercial invoice (商业发票) and packing list (装箱单), bilingual, in the pack's
 * document currency (FilingData.docCurrency). Lines are the declaration's original lines (or parts of a split
 * line), not the merged lines of a simplified declaration: the buyer sees what was bought.
 */
import { fitColumns } from '../excel';
import { PRICE_SCALE, QTY_SCALE, roundDiv } from '../money';
import { currencyDecimals } from '../../../shared/currency';
import { todayLocal } from '../trade/common';
import { addSheet, borderRow, finishSheet, STYLE, td, type PackContext, type Sheet } from './layout';
import { declSuffix } from './sheet-lists';
import { countryEn, termsOf, unitEn } from './text';
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
function parties(s: Sheet, data: FilingData, d: Declaration, cols: number, right: number): void {
  const c = data.company;
  const b = data.buyer;
  const sh = data.shipment;
  const half = right - 1;
  s.fields([['卖方 Seller', [c.nameEn, c.nameZh, c.address].filter(Boolean).join('\n'), 1, 1, 2, cols]]);
  s.fields([['买方 Buyer', [b.nameEn, b.nameZh, b.address, b.country === '' ? '' : countryEn(b.country)].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('\n'), 1, 1, 2, cols]]);
  s.fields([
    ['发票号 Invoice No.', invoiceNo(data, d), 1, 1, 2, half],
    ['日期 Date', sh.etd || todayLocal(), half + 1, half + 1, half + 2, cols],
  ]);
  s.fields([
    ['起运港 From', sh.loadingPort, 1, 1, 2, half],
    ['目的港 To', [sh.destPort, sh.destCountry === '' ? '' : countryEn(sh.destCountry)].filter(Boolean).join(', '), half + 1, half + 1, half + 2, cols],
  ]);
}

export function addInvoiceSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const cur = data.docCurrency;
  const n = 6;
  const s = addSheet(ctx, `商业发票 Invoice${declSuffix(d)}`, n);
  const ws = s.ws;
  const terms = termsOf(data, d.lines.map((l) => l.line));
  s.line('商业发票  COMMERCIAL INVOICE', STYLE.title, 30);
  s.blank();
  parties(s, data, d, n, 5);
  s.fields([
    ['价格条款 Terms', terms, 1, 1, 2, 4],
    ['运输 Vessel', data.shipment.vesselVoyage, 5, 5, 6, n],
  ]);
  s.fields([['唛头 Shipping Marks', data.shipment.marks || 'N/M', 1, 1, 2, n]]);
  s.blank();
  const hr = s.header(['唛头/货号\nMarks & Nos.', '品名\nDescription', '数量\nQuantity', '单位\nUnit', `单价\nUnit Price (${cur})`, `金额\nAmount (${cur})`]);
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
  td.text(s.merge(tr, 1, 2), `合计 TOTAL  ${terms}`, STYLE.total);
  if (units.size === 1) {
    td.qty(ws.getCell(tr, 3), d.lines.reduce((a, l) => a + l.qtyE3, 0), STYLE.totalNum);
    td.text(ws.getCell(tr, 4), unitEn([...units][0]!), STYLE.total);
  }
  td.money(ws.getCell(tr, 6), d.docMinor, cur, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  const wr = s.row++;
  td.text(ws.getCell(wr, 1), '大写 Say', STYLE.total);
  td.text(s.merge(wr, 2, n), d.docMinor === null ? '' : amountInEnglish(d.docMinor, cur), STYLE.total);
  borderRow(ws, wr, n, STYLE.total);
  s.blank();
  s.line('原产地：中国 Country of origin: CHINA', STYLE.value);
  s.blank();
  const sig = s.row++;
  td.text(s.merge(sig, 4, n), `${data.company.nameEn || data.company.nameZh}\n授权签字 Authorized Signature`, STYLE.label);
  ws.getRow(sig).height = 44;
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 8, max: 40, minByColumn: { 1: 18, 2: 30, 6: 14 } });
  finishSheet(s, { title: `COMMERCIAL INVOICE ${invoiceNo(data, d)}`, right: invoiceNo(data, d), repeatRows: [hr, hr], orientation: 'portrait' });
}

export function addPackingSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const n = 8;
  const s = addSheet(ctx, `装箱单 Packing List${declSuffix(d)}`, n);
  const ws = s.ws;
  const sh = data.shipment;
  s.line('装箱单  PACKING LIST', STYLE.title, 30);
  s.blank();
  parties(s, data, d, n, 5);
  s.fields([
    ['集装箱号 Container No.', [sh.containerNo, sh.containerType].filter(Boolean).join(' / '), 1, 1, 2, 4],
    ['封号 Seal No.', sh.sealNo, 5, 5, 6, n],
  ]);
  s.fields([
    ['提单号 B/L No.', sh.blNo, 1, 1, 2, 4],
    ['运输 Vessel', sh.vesselVoyage, 5, 5, 6, n],
  ]);
  s.fields([['唛头 Shipping Marks', sh.marks || 'N/M', 1, 1, 2, n]]);
  s.blank();
  const hr = s.header(['唛头/货号\nMarks & Nos.', '品名\nDescription', '数量\nQuantity', '单位\nUnit', '件数\nPackages (CTNS)', '毛重\nG.W. (KGS)', '净重\nN.W. (KGS)', '体积\nCBM']);
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
  td.text(s.merge(tr, 1, 2), '合计 TOTAL', STYLE.total);
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
  td.text(ws.getCell(wr, 1), '大写 Say', STYLE.total);
  td.text(s.merge(wr, 2, n), `SAY ${numberInWords(d.cartons)} CARTONS ONLY`, STYLE.total);
  borderRow(ws, wr, n, STYLE.total);
  s.blank();
  const sig = s.row++;
  td.text(s.merge(sig, 5, n), `${data.company.nameEn || data.company.nameZh}\n授权签字 Authorized Signature`, STYLE.label);
  ws.getRow(sig).height = 44;
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 9, max: 40, minByColumn: { 1: 18, 2: 30 } });
  finishSheet(s, { title: `PACKING LIST ${invoiceNo(data, d)}`, right: invoiceNo(data, d), repeatRows: [hr, hr], orientation: 'portrait' });
}
