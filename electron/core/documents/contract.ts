/**
 * 销售合同 / Sales Contract of a sales order, in Chinese and the buyer's language: the parties, the goods with
 * totals and the amount in words (Chinese capitals and English), then the terms clause by clause — each in
 * Chinese and in the buyer's language — and both signatures. The Chinese text prevails (clause 9).
 */
import { findCode } from '../../../shared/codes';
import type { DocLanguage } from '../../../shared/api';
import { parseScaled } from '../../../shared/decimal';
import { currencyDecimals } from '../../../shared/currency';
import type { DB } from '../db';
import { invalid } from '../errors';
import { fitColumns } from '../excel';
import { addSheet, borderRow, finishSheet, STYLE, td } from '../filing/layout';
import { unitEn } from '../filing/text';
import { amountInChinese, amountInEnglish } from '../filing/words';
import { getCompany } from '../company';
import { getParty } from '../parties';
import { getOrder } from '../trade/orders';
import { PRICE_SCALE, QTY_SCALE } from '../money';
import { buyerText, foreignStyle, newDocument, paragraph, saveDocument, sellerText, signatures } from './layout';
import { docTexts } from './texts';
import { amountInRussian } from './words-ru';

export async function buildSalesContract(db: DB, dataDir: string, orderId: number, language?: DocLanguage, outFile?: string) {
  const o = getOrder(db, orderId);
  if (o.kind !== 'sales') throw invalid('orderId', `${o.no} is a purchase order: a sales contract is made for a sales order`);
  if (o.status === 'cancelled') throw invalid('orderId', `${o.no} is cancelled`);
  const company = getCompany(db);
  if (!company) throw invalid('orderId', 'set up the company first');
  const buyer = getParty(db, o.partyId);
  const tx = docTexts(language ?? buyer.docLanguage);
  const cur = o.currency;
  const dec = currencyDecimals(cur);

  const ctx = newDocument(company, `Sales contract ${o.no}`, o.no);
  const n = 8;
  const s = addSheet(ctx, `销售合同 Contract ${o.no}`, n);
  const ws = s.ws;
  s.line(tx.bi('contract.title', {}, '  '), STYLE.title, 30);
  s.blank();
  s.fields([
    [tx.bi('contract.no'), o.no, 1, 2, 3, 4],
    [tx.bi('common.date'), o.orderDate, 5, 6, 7, n],
  ]);
  s.fields([[tx.bi('contract.place'), `${tx.zh('contract.placeValue')}  ${tx.fx('contract.placeValue')}`, 1, 2, 3, n]]);
  s.fields([[tx.bi('common.seller'), sellerText(company), 1, 2, 3, n]]);
  s.fields([[tx.bi('common.buyer'), [buyerText(buyer), buyer.phone].filter(Boolean).join('\n'), 1, 2, 3, n]]);
  s.blank();
  paragraph(s, tx, 'contract.intro');
  paragraph(s, tx, 'contract.goods', {}, STYLE.label);

  const h = (key: Parameters<typeof tx.bi>[0]) => tx.bi(key, { currency: cur }, '\n');
  const hr = s.header([h('common.no'), h('common.itemNo'), h('common.descriptionSpec'), h('common.cartons'), h('common.quantity'), h('common.unit'), h('common.unitPrice'), h('common.amount')]);
  let cartons = 0;
  let qty = 0;
  let total = 0;
  for (const l of o.lines) {
    const r = s.row++;
    const q = parseScaled(l.quantity, QTY_SCALE);
    const amount = parseScaled(l.amount, dec);
    cartons += l.cartons ?? 0;
    qty += q;
    total += amount;
    td.int(ws.getCell(r, 1), l.lineNo);
    td.text(ws.getCell(r, 2), l.itemNo);
    td.text(ws.getCell(r, 3), [l.nameEn, l.nameZh, l.spec].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('\n'));
    td.int(ws.getCell(r, 4), l.cartons);
    td.qty(ws.getCell(r, 5), q);
    td.center(ws.getCell(r, 6), unitEn(l.unit));
    td.price(ws.getCell(r, 7), parseScaled(l.unitPrice, PRICE_SCALE));
    td.money(ws.getCell(r, 8), amount, cur);
  }
  const tr = s.row++;
  const units = new Set(o.lines.map((l) => l.unit));
  td.text(s.merge(tr, 1, 3), tx.bi('common.total'), STYLE.total);
  td.int(ws.getCell(tr, 4), cartons, STYLE.totalNum);
  if (units.size === 1) {
    td.qty(ws.getCell(tr, 5), qty, STYLE.totalNum);
    td.text(ws.getCell(tr, 6), unitEn([...units][0]!), STYLE.total);
  }
  td.money(ws.getCell(tr, 8), total, cur, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  const wr = s.row++;
  td.text(s.merge(wr, 1, 2), tx.bi('common.say', {}, '\n'), STYLE.total);
  // Chinese capitals, then the buyer's language (English words for a language not yet spelled: Arabic)
  td.text(s.merge(wr, 3, n), [amountInChinese(total, cur), tx.lang === 'ru' ? amountInRussian(total, cur) : amountInEnglish(total, cur)].filter(Boolean).join('\n'), STYLE.total);
  borderRow(ws, wr, n, STYLE.total);
  s.blank();

  const incoterm = o.incoterm === '' ? 'FOB' : (findCode('incoterms', o.incoterm)?.name_zh ?? o.incoterm);
  const terms = `${incoterm} ${o.incotermPlace.toUpperCase()}`.trim();
  // the terms, payment terms and delivery place are codes or the user's own words (one language): printed in
  // both lines as typed, kept left to right inside an Arabic line
  s.line(tx.zh('contract.priceTerms', { terms }), STYLE.value);
  s.line(tx.fx('contract.priceTerms', { terms: tx.ltr(terms) }), foreignStyle(tx));
  const payment = o.paymentTerms;
  s.line(tx.zh('contract.payment', { terms: payment || tx.zh('contract.paymentDefault') }), STYLE.value);
  s.line(tx.fx('contract.payment', { terms: payment ? tx.ltr(payment) : tx.fx('contract.paymentDefault') }), foreignStyle(tx));
  const place = [o.deliveryAddress, o.warehouse].filter(Boolean).join(' ');
  s.line(tx.zh('contract.delivery', { place: place || tx.zh('contract.deliveryDefault') }), STYLE.value);
  s.line(tx.fx('contract.delivery', { place: place ? tx.ltr(place) : tx.fx('contract.deliveryDefault') }), foreignStyle(tx));
  for (const key of ['contract.packing', 'contract.claims', 'contract.forceMajeure', 'contract.disputes', 'contract.copies'] as const) paragraph(s, tx, key);
  if (o.notes !== '') s.fields([[tx.bi('contract.notes'), o.notes, 1, 2, 3, n]]);
  s.blank();
  signatures(s, tx, company.nameEn || company.nameZh, buyer.nameEn || buyer.nameZh);

  fitColumns(ws, { fromRow: hr, toRow: tr, min: 8, max: 36, minByColumn: { 1: 6, 2: 12, 3: 30, 8: 14 } });
  finishSheet(s, { title: `${tx.fx('contract.title')} ${o.no}`, right: o.no, repeatRows: [hr, hr], orientation: 'portrait' });
  return saveDocument(ctx, dataDir, `${o.no}-contract`, tx, outFile);
}
