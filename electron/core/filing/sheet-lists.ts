/**
 * Per declaration: 联网清单 (the platform goods list, one row per line or part of a line), 货物清单 (the
 * declaration goods list, merged lines when the simplified declaration applies) and 简化申报对照 (which lines
 * went into each merged line, and the rule).
 */
import { fitColumns } from '../excel';
import { formatAmount } from '../money';
import { addSheet, borderRow, finishSheet, STYLE, td, type PackContext } from './layout';
import { describeRule, type SimplifiedRule } from './simplify';
import { countryZh, currencyZh, distinct, nameOf, remarkText, unitZh } from './text';
import type { DeclLine, Declaration, FilingData } from './types';

export const PLATFORM_HEADERS = ['商户', '商品名称', '商品HS编码', '货号/唛头', '规格型号', '生产厂商', '品牌', '交易数量', '单位', '包装数量', '包装单位', '币种', '货值', '重量(KGS)'];
/** 数量单位 spans two columns: the quantity (a number) and the unit. */
export const GOODS_HEADERS = ['序号', '货号/唛头', '商品编码', '商品名称', '规格型号', '数量单位', '', '包装数量', '包装单位', '货值', '币值', '重量(千克)', '所属商户', '备注'];
export const MAPPING_HEADERS = ['合并后序号', '合并后商品编码', '合并后商品名称', '原行号', '货号/唛头', '商品名称', '商品编码', '数量', '单位', '货值', '币值', '所属商户', '说明'];
export const PACKAGE_UNIT = '纸箱';

export const declSuffix = (d: Declaration) => (d.count > 1 ? `-${d.index}` : '');
const stallName = (data: FilingData, l: DeclLine) => {
  const st = l.line.stallId === null ? null : data.stalls.get(l.line.stallId);
  return st ? nameOf(st) : '';
};
/** "3" for a whole line, "3（1/2）" for the first of two parts of line 3. */
export const lineRef = (l: DeclLine) => (l.parts > 1 ? `${l.line.seq}（${l.part}/${l.parts}）` : String(l.line.seq));
const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + x!, 0));

// ---------------------------------------------------------------------------------------------------------

export function addPlatformSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const s = addSheet(ctx, `联网清单${declSuffix(d)}`, PLATFORM_HEADERS.length);
  const ws = s.ws;
  s.line('市场采购贸易联网信息平台商品清单（联网清单）', STYLE.title, 28);
  s.line(`出运单号 ${data.shipment.no}　申报 ${d.index}/${d.count}　经营单位 ${data.company.nameZh || data.company.nameEn}　市场采购号 ${data.company.mpRegNo}`, STYLE.subtitle);
  const hr = s.header(PLATFORM_HEADERS);
  for (const l of d.lines) {
    const r = s.row++;
    const L = l.line;
    td.text(ws.getCell(r, 1), stallName(data, l));
    td.text(ws.getCell(r, 2), L.nameZh || L.nameEn);
    td.text(ws.getCell(r, 3), L.hsCode);
    td.text(ws.getCell(r, 4), L.itemNo);
    td.text(ws.getCell(r, 5), L.spec);
    td.text(ws.getCell(r, 6), L.manufacturer);
    td.text(ws.getCell(r, 7), L.brand === '' ? '无品牌' : L.brand);
    td.qty(ws.getCell(r, 8), l.qtyE3);
    td.center(ws.getCell(r, 9), unitZh(L.unit));
    td.int(ws.getCell(r, 10), l.cartons);
    td.center(ws.getCell(r, 11), PACKAGE_UNIT);
    td.center(ws.getCell(r, 12), L.currency);
    td.money(ws.getCell(r, 13), l.amountMinor, L.currency);
    td.kg(ws.getCell(r, 14), l.grossG);
  }
  const last = s.row - 1;
  const tr = s.row++;
  const currencies = new Set(d.lines.map((l) => l.line.currency));
  td.text(ws.getCell(tr, 1), '合计', STYLE.total);
  td.int(ws.getCell(tr, 10), d.cartons, STYLE.totalNum);
  if (currencies.size === 1) {
    const cur = [...currencies][0]!;
    td.text(ws.getCell(tr, 12), cur, STYLE.total);
    td.money(ws.getCell(tr, 13), d.lines.reduce((a, l) => a + l.amountMinor, 0), cur, STYLE.totalNum);
  }
  td.kg(ws.getCell(tr, 14), d.grossG, STYLE.totalNum);
  borderRow(ws, tr, PLATFORM_HEADERS.length, STYLE.total);
  if (currencies.size > 1 && d.usdCents !== null) {
    s.line(`货值折合美元 USD ${formatAmount(d.usdCents, 'USD')}（各行按订单汇率折算，见汇总）`, STYLE.value);
  }
  ws.autoFilter = { from: { row: hr, column: 1 }, to: { row: Math.max(last, hr), column: PLATFORM_HEADERS.length } };
  ws.views = [{ state: 'frozen', ySplit: hr, xSplit: 0, topLeftCell: `A${hr + 1}`, activeCell: `A${hr + 1}` }];
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 6, max: 30, maxByColumn: { 5: 24 } });
  finishSheet(s, { title: `联网清单 ${data.shipment.no} 申报 ${d.index}/${d.count}`, repeatRows: [hr, hr], orientation: 'landscape' });
}

// ---------------------------------------------------------------------------------------------------------

interface GoodsRow {
  no: number;
  itemNo: string;
  hsCode: string;
  name: string;
  spec: string;
  qtyE3: number;
  unit: string;
  cartons: number | null;
  docMinor: number | null;
  grossG: number | null;
  stalls: string;
  note: string;
}

function goodsRows(data: FilingData, d: Declaration): GoodsRow[] {
  if (d.merged) {
    return d.merged.map((m) => {
      const L = m.lead.line;
      const others = m.sources.length - 1;
      return {
        no: m.no,
        itemNo: others > 0 ? `${L.itemNo} 等` : L.itemNo,
        hsCode: L.hsCode,
        name: L.nameZh || L.nameEn,
        spec: L.spec,
        qtyE3: m.qtyE3,
        unit: m.unit,
        cartons: m.cartons,
        docMinor: m.docMinor,
        grossG: m.grossG,
        stalls: distinct(m.sources.map((l) => stallName(data, l)), '、'),
        note:
          m.kept === 'inspection'
            ? '法检商品，单独列行'
            : m.kept === 'taxable'
              ? '涉税商品，单独列行'
              : others > 0
                ? `合并原第 ${m.sources.map(lineRef).join('、')} 行`
                : `原第 ${lineRef(m.lead)} 行`,
      };
    });
  }
  return d.lines.map((l, i) => ({
    no: i + 1,
    itemNo: l.line.itemNo,
    hsCode: l.line.hsCode,
    name: l.line.nameZh || l.line.nameEn,
    spec: l.line.spec,
    qtyE3: l.qtyE3,
    unit: l.line.unit,
    cartons: l.cartons,
    docMinor: l.docMinor,
    grossG: l.grossG,
    stalls: stallName(data, l),
    note: l.parts > 1 ? `原第 ${l.line.seq} 行拆分 ${l.part}/${l.parts}` : '',
  }));
}

export function addGoodsSheet(ctx: PackContext, data: FilingData, d: Declaration): void {
  const n = GOODS_HEADERS.length;
  const s = addSheet(ctx, `货物清单${declSuffix(d)}`, n);
  const ws = s.ws;
  const sh = data.shipment;
  const cur = data.docCurrency;
  s.line(d.merged ? '货物清单（简化申报）' : '货物清单', STYLE.title, 28);
  s.blank();
  s.fields([
    ['统一编号', d.count === 1 ? sh.declarationNo : '', 1, 2, 3, 5],
    ['集装箱号', [sh.containerNo, sh.containerType].filter(Boolean).join(' / '), 6, 7, 8, 10],
    ['提运单号', sh.blNo, 11, 12, 13, n],
  ]);
  s.fields([
    ['经营单位', [data.company.nameZh || data.company.nameEn, data.company.customsCode].filter(Boolean).join(' '), 1, 2, 3, 5],
    ['贸易方式', '市场采购 (1039)', 6, 7, 8, 10],
    ['申报', `${d.index}/${d.count}`, 11, 12, 13, n],
  ]);
  s.fields([
    ['运抵国', sh.destCountry === '' ? '' : countryZh(sh.destCountry), 1, 2, 3, 5],
    ['指运港', sh.destPort, 6, 7, 8, 10],
    ['币制', `${currencyZh(cur)} ${cur}`, 11, 12, 13, n],
  ]);
  s.fields([
    ['采购商', nameOf(data.buyer), 1, 2, 3, 5],
    ['起运港', sh.loadingPort, 6, 7, 8, 10],
    ['运输工具', sh.vesselVoyage, 11, 12, 13, n],
  ]);
  s.blank();
  const hr = s.row++;
  GOODS_HEADERS.forEach((h, i) => {
    if (i === 6) return;
    td.text(i === 5 ? s.merge(hr, 6, 7) : ws.getCell(hr, i + 1), h, STYLE.th);
  });
  ws.getCell(hr, 7).style = { ...STYLE.th };
  for (const g of goodsRows(data, d)) {
    const r = s.row++;
    td.int(ws.getCell(r, 1), g.no, STYLE.numc);
    td.text(ws.getCell(r, 2), g.itemNo);
    td.text(ws.getCell(r, 3), g.hsCode);
    td.text(ws.getCell(r, 4), g.name);
    td.text(ws.getCell(r, 5), g.spec);
    td.qty(ws.getCell(r, 6), g.qtyE3);
    td.center(ws.getCell(r, 7), unitZh(g.unit));
    td.int(ws.getCell(r, 8), g.cartons);
    td.center(ws.getCell(r, 9), PACKAGE_UNIT);
    td.money(ws.getCell(r, 10), g.docMinor, cur);
    td.center(ws.getCell(r, 11), cur);
    td.kg(ws.getCell(r, 12), g.grossG);
    td.text(ws.getCell(r, 13), g.stalls);
    td.text(ws.getCell(r, 14), g.note);
  }
  const last = s.row - 1;
  const tr = s.row++;
  td.text(ws.getCell(tr, 1), '合计', STYLE.total);
  td.int(ws.getCell(tr, 8), d.cartons, STYLE.totalNum);
  td.money(ws.getCell(tr, 10), d.docMinor, cur, STYLE.totalNum);
  td.text(ws.getCell(tr, 11), cur, STYLE.total);
  td.kg(ws.getCell(tr, 12), d.grossG, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  if (cur !== 'USD') {
    const ur = s.row++;
    td.text(s.merge(ur, 1, 9), '折合美元 USD', STYLE.total);
    td.money(ws.getCell(ur, 10), d.usdCents, 'USD', STYLE.totalNum);
    td.text(ws.getCell(ur, 11), 'USD', STYLE.total);
    borderRow(ws, ur, n, STYLE.total);
  }
  s.blank();
  const rr = s.row++;
  td.text(s.merge(rr, 1, 2), '报关单备注', STYLE.label);
  td.text(s.merge(rr, 3, n), remarkText(data.buyer), STYLE.value);
  if (d.merged) s.line(`本申报按简化申报合并为 ${d.merged.length} 行（原 ${d.lines.length} 行，${d.kinds} 种商品），对照见“简化申报对照${declSuffix(d)}”。`, STYLE.note);

  ws.autoFilter = { from: { row: hr, column: 1 }, to: { row: Math.max(last, hr), column: n } };
  ws.views = [{ state: 'frozen', ySplit: hr, xSplit: 0, topLeftCell: `A${hr + 1}`, activeCell: `A${hr + 1}` }];
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 6, max: 30, maxByColumn: { 13: 20, 14: 26 }, minByColumn: { 2: 10, 3: 12, 10: 12 } });
  finishSheet(s, { title: `货物清单 ${sh.no} 申报 ${d.index}/${d.count}`, repeatRows: [hr, hr], orientation: 'landscape' });
}

// ---------------------------------------------------------------------------------------------------------

export function addMappingSheet(ctx: PackContext, data: FilingData, d: Declaration, rule: SimplifiedRule): void {
  if (!d.merged) return;
  const n = MAPPING_HEADERS.length;
  const s = addSheet(ctx, `简化申报对照${declSuffix(d)}`, n);
  const ws = s.ws;
  s.line('简化申报对照表 Simplified declaration mapping', STYLE.title, 28);
  s.line(`出运单号 ${data.shipment.no}　申报 ${d.index}/${d.count}　商品种数 ${d.kinds} → 合并后 ${d.merged.length} 行`, STYLE.subtitle);
  const rr = s.row++;
  td.text(s.merge(rr, 1, n), '规则 Rule', STYLE.label);
  for (const text of describeRule(rule)) s.line(text, STYLE.value);
  s.blank();
  const hr = s.header(MAPPING_HEADERS);
  for (const m of d.merged) {
    for (const l of m.sources) {
      const r = s.row++;
      td.int(ws.getCell(r, 1), m.no, STYLE.numc);
      td.text(ws.getCell(r, 2), m.lead.line.hsCode);
      td.text(ws.getCell(r, 3), m.lead.line.nameZh || m.lead.line.nameEn);
      td.center(ws.getCell(r, 4), lineRef(l));
      td.text(ws.getCell(r, 5), l.line.itemNo);
      td.text(ws.getCell(r, 6), l.line.nameZh || l.line.nameEn);
      td.text(ws.getCell(r, 7), l.line.hsCode);
      td.qty(ws.getCell(r, 8), l.qtyE3);
      td.center(ws.getCell(r, 9), unitZh(l.line.unit));
      td.money(ws.getCell(r, 10), l.docMinor, data.docCurrency);
      td.center(ws.getCell(r, 11), data.docCurrency);
      td.text(ws.getCell(r, 12), stallName(data, l));
      td.text(
        ws.getCell(r, 13),
        m.kept === 'inspection' ? '法检商品，单独列行' : m.kept === 'taxable' ? '涉税商品，单独列行' : l === m.lead && m.sources.length > 1 ? '货值最高，取其编码与品名' : '',
      );
    }
  }
  const last = s.row - 1;
  const tr = s.row++;
  td.text(ws.getCell(tr, 1), '合计', STYLE.total);
  td.money(ws.getCell(tr, 10), sumOrNull(d.lines.map((l) => l.docMinor)), data.docCurrency, STYLE.totalNum);
  borderRow(ws, tr, n, STYLE.total);
  ws.autoFilter = { from: { row: hr, column: 1 }, to: { row: Math.max(last, hr), column: n } };
  ws.views = [{ state: 'frozen', ySplit: hr, xSplit: 0, topLeftCell: `A${hr + 1}`, activeCell: `A${hr + 1}` }];
  fitColumns(ws, { fromRow: hr, toRow: tr, min: 6, max: 28 });
  finishSheet(s, { title: `简化申报对照 ${data.shipment.no} 申报 ${d.index}/${d.count}`, repeatRows: [hr, hr], orientation: 'landscape' });
}
