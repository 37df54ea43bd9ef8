/**
 * 汇总 Summary (first sheet): the shipment, the declarations with their USD totals, the USD conversion used
 * and, in a draft, the problems still open. 报关单备注 Remark: the declaration remark text per declaration.
 */
import { fitColumns } from '../excel';
import { RATE_SCALE } from '../money';
import { formatScaled } from '../../../shared/decimal';
import { addSheet, borderRow, finishSheet, STYLE, td, type PackContext } from './layout';
import { countryZh, nameOf, remarkText, remarkTextEn } from './text';
import type { Declaration, FilingData, FilingProblem } from './types';

export const RECORD_NAMES: Record<FilingProblem['record'], string> = {
  company: '公司 Company',
  shipment: '出运 Shipment',
  shipmentLine: '出运明细 Shipment line',
  order: '订单 Order',
  orderLine: '订单明细 Order line',
  party: '客户/摊位 Party',
  product: '商品 Product',
};

export function usdRuleText(data: FilingData): string {
  const u = data.usd;
  const rate =
    u.rateE6 === null
      ? '无美元汇率 no USD rate'
      : u.source === 'base currency is USD'
        ? '本位币为美元 base currency is USD'
        : `1 USD = ${formatScaled(u.rateE6, RATE_SCALE).replace(/0+$/, '').replace(/\.$/, '')} ${u.base}（${u.source === 'option' ? '导出时指定 given for this export' : '最近使用的美元汇率 last USD rate used'}）`;
  return `美元折算：美元行按原金额；其他币种行 = 金额 × 订单汇率 ÷ 美元汇率，逐行四舍五入到分。USD value: USD lines as they are; others = amount × the order's rate to ${u.base} ÷ the USD rate, rounded per line to the cent. ${rate}`;
}

export function addSummarySheet(ctx: PackContext, data: FilingData, declarations: Declaration[], problems: FilingProblem[]): void {
  const n = 8;
  const s = addSheet(ctx, '汇总 Summary', n);
  const ws = s.ws;
  const sh = data.shipment;
  const cur = data.docCurrency;
  s.line(`市场采购出口申报资料 Filing pack — ${sh.no}`, STYLE.title, 30);
  s.blank();
  s.fields([
    ['经营单位 Company', [data.company.nameZh, data.company.nameEn].filter(Boolean).join(' / '), 1, 1, 2, 4],
    ['市场采购号', data.company.mpRegNo, 5, 5, 6, n],
  ]);
  s.fields([
    ['采购商 Buyer', nameOf(data.buyer), 1, 1, 2, 4],
    ['贸易方式 Trade mode', sh.tradeMode === '1039' ? '市场采购 (1039)' : sh.tradeMode, 5, 5, 6, n],
  ]);
  s.fields([
    ['集装箱 Container', [sh.containerNo, sh.containerType, sh.sealNo].filter(Boolean).join(' / '), 1, 1, 2, 4],
    ['起运/目的 Ports', [sh.loadingPort, [sh.destPort, sh.destCountry === '' ? '' : countryZh(sh.destCountry)].filter(Boolean).join(' ')].filter(Boolean).join(' → '), 5, 5, 6, n],
  ]);
  s.fields([['美元折算 USD', usdRuleText(data), 1, 1, 2, n]]);
  s.fields([['单证币种 Currency', `${cur}（申报清单、发票、装箱单 declaration lists, invoice, packing list）`, 1, 1, 2, n]]);
  s.blank();
  const hr = s.header(['申报 Declaration', '行数 Lines', '商品种数 Kinds', '简化申报 Simplified', '箱数 CTNS', '毛重 G.W. (KGS)', `货值 Amount (${cur})`, '美元 USD']);
  for (const d of declarations) {
    const r = s.row++;
    td.center(ws.getCell(r, 1), `${d.index}/${d.count}`);
    td.int(ws.getCell(r, 2), d.lines.length);
    td.int(ws.getCell(r, 3), d.kinds, STYLE.numc);
    td.text(ws.getCell(r, 4), d.merged ? `是 yes（${d.merged.length} 行）` : '否 no');
    td.int(ws.getCell(r, 5), d.cartons);
    td.kg(ws.getCell(r, 6), d.grossG);
    td.money(ws.getCell(r, 7), d.docMinor, cur);
    td.money(ws.getCell(r, 8), d.usdCents, 'USD');
  }
  const tr = s.row++;
  const sum = (f: (d: Declaration) => number | null) => declarations.reduce<number | null>((a, d) => (a === null || f(d) === null ? null : a + f(d)!), 0);
  td.text(ws.getCell(tr, 1), '合计 Total', STYLE.total);
  td.int(ws.getCell(tr, 2), declarations.reduce((a, d) => a + d.lines.length, 0), STYLE.totalNum);
  td.int(ws.getCell(tr, 5), declarations.reduce((a, d) => a + d.cartons, 0), STYLE.totalNum);
  td.kg(ws.getCell(tr, 6), declarations.reduce((a, d) => a + d.grossG, 0), STYLE.totalNum);
  td.money(ws.getCell(tr, 7), sum((d) => d.docMinor), cur, STYLE.totalNum);
  td.money(ws.getCell(tr, 8), sum((d) => d.usdCents), 'USD', STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  s.line('每份申报不超过 15 万美元；整行按出运顺序首次适配装入，单行超限时按数量拆分。Each declaration ≤ USD 150,000: whole lines first-fit in shipment order; a line over the cap alone is split by quantity.', STYLE.note);
  if (problems.length > 0) {
    s.blank();
    s.line(`待解决问题 Problems to fix (${problems.length})`, { ...STYLE.label, font: { ...STYLE.label.font, color: { argb: 'FFC00000' } } });
    const ph = s.row++;
    ['记录 Record', '', '编号/名称 No./name', '', '字段 Field', '问题 Problem', '', ''].forEach((h, i) => {
      if (h !== '') td.text(ws.getCell(ph, i + 1), h, STYLE.th);
    });
    s.merge(ph, 1, 2);
    s.merge(ph, 3, 4);
    s.merge(ph, 6, n);
    for (const p of problems) {
      const r = s.row++;
      td.text(s.merge(r, 1, 2), `${RECORD_NAMES[p.record]} #${p.id}`);
      td.text(s.merge(r, 3, 4), p.name);
      td.text(ws.getCell(r, 5), p.field);
      td.text(s.merge(r, 6, n), p.message);
      borderRow(ws, r, n);
    }
  }
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 10, max: 24 });
  finishSheet(s, { title: `申报汇总 ${sh.no}`, orientation: 'portrait' });
}

export function addRemarkSheet(ctx: PackContext, data: FilingData, declarations: Declaration[]): void {
  const n = 3;
  const s = addSheet(ctx, '报关单备注 Remark', n);
  const ws = s.ws;
  s.line('报关单备注 Declaration remark', STYLE.title, 30);
  s.line('市场采购贸易报关单备注栏填写采购商名称、国籍及护照/证件号。The remark of a 1039 declaration names the buyer, nationality and passport/ID no.', STYLE.note);
  s.blank();
  const hr = s.header(['申报 Declaration', '备注 Remark（中文）', 'Remark (English)']);
  for (const d of declarations) {
    const r = s.row++;
    td.text(ws.getCell(r, 1), `${data.shipment.no}${d.count > 1 ? `-${d.index}` : ''}（${d.index}/${d.count}）`);
    td.text(ws.getCell(r, 2), remarkText(data.buyer));
    td.text(ws.getCell(r, 3), remarkTextEn(data.buyer));
  }
  fitColumns(ws, { fromRow: hr, toRow: s.row - 1, min: 14, max: 64 });
  finishSheet(s, { title: `报关单备注 ${data.shipment.no}`, orientation: 'portrait' });
}
