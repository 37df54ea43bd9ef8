/**
 * 交易单 — the market-procurement transaction voucher: one sheet per stall and buyer (and currency, in the rare
 * case one stall sold to the buyer in two currencies), with the header fields Yiwu brokers use, the lines in
 * Chinese, the total in figures and in Chinese capitals, the note printed on the form and both signatures.
 */
import { fitColumns, textWidth } from '../excel';
import { formatAmount } from '../money';
import { addSheet, borderRow, finishSheet, STYLE, td, type PackContext } from './layout';
import { bothNames, countryZh, distinct, nameOf, nameSpec } from './text';
import type { FilingData, FilingLine } from './types';
import { amountInChinese } from './words';

export const VOUCHER_TITLE = '市场采购贸易交易单';
export const VOUCHER_NOTE = [
  '说明：',
  '1. 本交易单一式两份，供货商、采购商各执一份，经双方签字后生效。',
  '2. 上述货物在市场采购，以市场采购贸易方式（1039）出口，免税不退税；交易已录入市场采购贸易联网信息平台。',
  '3. 货款不得以现金结算。',
].join('\n');
export const VOUCHER_HEADERS = ['货号', '货物品名规格', '箱数', '每箱数量', '总数量', '单价', '金额'];

export interface VoucherGroup {
  index: number;
  stallId: number | null;
  currency: string;
  lines: FilingLine[];
}

/** The (stall, currency) groups of the shipment's lines, in order of their first line. */
export function voucherGroups(data: FilingData): VoucherGroup[] {
  const groups = new Map<string, VoucherGroup>();
  for (const l of data.lines) {
    const key = `${l.stallId ?? 0}|${l.currency}`;
    let g = groups.get(key);
    if (!g) {
      g = { index: groups.size + 1, stallId: l.stallId, currency: l.currency, lines: [] };
      groups.set(key, g);
    }
    g.lines.push(l);
  }
  return [...groups.values()];
}

export const voucherNo = (shipmentNo: string, index: number) => `${shipmentNo}-${String(index).padStart(2, '0')}`;

/** Pieces a carton: the line's (or product's) figure, else quantity ÷ cartons when whole. */
function perCarton(l: FilingLine): number | null {
  if (l.pcsPerCarton !== null) return l.pcsPerCarton * 1000;
  if (l.cartons && l.qtyE3 % l.cartons === 0) return l.qtyE3 / l.cartons;
  return null;
}

export function addVoucherSheet(ctx: PackContext, data: FilingData, g: VoucherGroup): void {
  const stall = g.stallId === null ? null : (data.stalls.get(g.stallId) ?? null);
  const stallName = stall ? nameOf(stall) : '（未指定摊位）';
  const s = addSheet(ctx, `交易单-${g.index} ${stallName}`, 7);
  const ws = s.ws;
  const no = voucherNo(data.shipment.no, g.index);
  const buyer = data.buyer;
  s.line(VOUCHER_TITLE, STYLE.title, 30);
  s.blank();
  const head = s.row;
  s.fields([
    ['市场采购号', data.company.mpRegNo, 1, 1, 2, 2],
    ['NO', no, 3, 3, 4, 7],
  ]);
  s.fields([
    ['供货商', stall ? [nameOf(stall), stall.booth].filter(Boolean).join('  ') : stallName, 1, 1, 2, 2],
    ['商户号', stall?.stallRegNo ?? '', 3, 3, 4, 7],
  ]);
  s.fields([
    ['供货商电话', stall?.phone ?? '', 1, 1, 2, 2],
    ['供货商地址', stall ? stall.address || stall.booth : '', 3, 3, 4, 7],
  ]);
  s.fields([
    ['采购商', bothNames(buyer), 1, 1, 2, 2],
    ['采购商电话', buyer.phone, 3, 3, 4, 7],
  ]);
  s.fields([
    ['采购商地址', buyer.address, 1, 1, 2, 2],
    ['国别', buyer.country === '' ? '' : countryZh(buyer.country), 3, 3, 4, 7],
  ]);
  s.fields([
    ['下单日期', distinct(g.lines.map((l) => l.orderDate), '、'), 1, 1, 2, 2],
    ['订单号', distinct(g.lines.map((l) => l.orderNo), '、'), 3, 3, 4, 7],
  ]);
  s.fields([
    ['交货地址', distinct(g.lines.map((l) => l.deliveryAddress)), 1, 1, 2, 2],
    ['交货仓库', distinct(g.lines.map((l) => l.warehouse)), 3, 3, 4, 7],
  ]);
  const headEnd = s.row - 1;
  s.blank();

  const hr = s.header(VOUCHER_HEADERS.map((h, i) => (i >= 5 ? `${h}（${g.currency}）` : h)));
  for (const l of g.lines) {
    const r = s.row++;
    td.text(ws.getCell(r, 1), l.itemNo);
    td.text(ws.getCell(r, 2), nameSpec(l));
    td.int(ws.getCell(r, 3), l.cartons);
    td.qty(ws.getCell(r, 4), perCarton(l));
    td.qty(ws.getCell(r, 5), l.qtyE3);
    td.price(ws.getCell(r, 6), l.priceE4);
    td.money(ws.getCell(r, 7), l.amountMinor, g.currency);
  }
  const total = g.lines.reduce((a, l) => a + l.amountMinor, 0);
  const oneUnit = new Set(g.lines.map((l) => l.unit)).size === 1;
  const tr = s.row++;
  td.text(ws.getCell(tr, 1), '合计', STYLE.total);
  td.int(ws.getCell(tr, 3), g.lines.reduce((a, l) => a + (l.cartons ?? 0), 0), STYLE.totalNum);
  td.qty(ws.getCell(tr, 5), oneUnit ? g.lines.reduce((a, l) => a + l.qtyE3, 0) : null, STYLE.totalNum);
  td.money(ws.getCell(tr, 7), total, g.currency, STYLE.totalNum);
  borderRow(ws, tr, 7, STYLE.total);

  const wr = s.row++;
  td.text(ws.getCell(wr, 1), '总金额', STYLE.total);
  td.money(ws.getCell(wr, 2), total, g.currency, STYLE.totalNum);
  td.text(s.merge(wr, 3, 7), `大写：${amountInChinese(total, g.currency) || `${g.currency} ${formatAmount(total, g.currency)}`}`, STYLE.total);
  borderRow(ws, wr, 7, STYLE.total);

  s.blank();
  s.line(VOUCHER_NOTE, STYLE.note);
  s.blank();
  const sig = s.row++;
  td.text(s.merge(sig, 1, 3), '供货商签字（盖章）：', STYLE.label);
  td.text(s.merge(sig, 4, 7), '采购商签字：', STYLE.label);
  ws.getRow(sig).height = 36;
  const date = s.row++;
  td.text(s.merge(date, 1, 3), '日期：        年    月    日', STYLE.value);
  td.text(s.merge(date, 4, 7), '日期：        年    月    日', STYLE.value);

  fitColumns(ws, { fromRow: hr, toRow: wr, min: 8, max: 40, minByColumn: { 1: 12, 2: 30, 7: 14 } });
  // the labels of the header fields (columns 1 and 3) fit on one line
  for (const col of [1, 3]) {
    let w = ws.getColumn(col).width ?? 9;
    for (let r = head; r <= headEnd; r++) w = Math.max(w, textWidth(String(ws.getCell(r, col).value ?? '')) * 1.1 + 2);
    ws.getColumn(col).width = Math.ceil(w);
  }
  finishSheet(s, { title: `${VOUCHER_TITLE} ${no}`, right: no, repeatRows: [hr, hr], orientation: 'portrait' });
}
