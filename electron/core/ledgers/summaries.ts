/**
 * The summary sheets, written after the ledger sheets from their running totals:
 *   按客户 by buyer (sales), 按供应商 by supplier (purchases and imports), 按目的国 by destination country
 *   (exports), 按HS章 by HS chapter and 按监管方式 by trade mode (exports and imports),
 * and 汇总 Summary, which build.ts then moves to the front of the workbook.
 *
 * Every amount is in its own currency with its base-currency figure beside it; totals are per currency and
 * then in base currency, all exact integers (sums.ts).
 */
import { LEDGER_KEYS, type LedgerKey } from '../../../shared/ledgers';
import type { Groups, LedgerCtx } from './context';
import { TOTAL, totalInBase } from './labels';
import { LEDGER_STYLE, type ColumnDef, type StreamSheet, type Value } from './stream';

const col = (header: string, kind: ColumnDef['kind'], extra: Partial<ColumnDef> = {}): ColumnDef => ({ header, kind, ...extra });

const IMPORT_NOTE = '进口按完税价格计：原币为 金额 + FOB 运保费，本位币为完税价格 · Imports at customs value: goods + FOB freight & insurance in the currency, customs value in base';

/**
 * One summary sheet of `groups`: its key columns, then currency, documents, lines, amount, base amount.
 * Totals per currency, then in base currency; with `splitBy` (the index of a key column, e.g. the flow
 * export/import) the totals are made apart for each value of that column, since adding imports to exports
 * means nothing.
 */
export function writeGroupSheet(ctx: LedgerCtx, name: string, title: string, keyCols: ColumnDef[], groups: Groups, opts: { notes?: string[]; splitBy?: number } = {}): StreamSheet {
  const columns = [
    ...keyCols,
    col('币种\nCurrency', 'center'),
    col('单据数\nDocuments', 'int'),
    col('行数\nLines', 'int'),
    col('金额\nAmount', 'money'),
    col(`本位币金额\nBase amount (${ctx.base})`, 'money'),
  ];
  const k = keyCols.length;
  const sheet = ctx.book.addSheet(name, columns, { title, subtitle: [...ctx.subtitle, ...(opts.notes ?? [])] });
  type Acc = { amount: number; base: number; lines: number; docs: Set<number> };
  const parts = new Map<string, { byCurrency: Map<string, Acc>; base: number; lines: number }>();
  for (const g of groups.rows()) {
    sheet.row([...g.labels, g.currency, g.docs.size, g.lines, { minor: g.sums.amount, currency: g.currency }, { minor: g.sums.base, currency: ctx.base }]);
    const partKey = opts.splitBy === undefined ? '' : (g.labels[opts.splitBy] ?? '');
    let part = parts.get(partKey);
    if (!part) parts.set(partKey, (part = { byCurrency: new Map(), base: 0, lines: 0 }));
    let t = part.byCurrency.get(g.currency);
    if (!t) part.byCurrency.set(g.currency, (t = { amount: 0, base: 0, lines: 0, docs: new Set() }));
    t.amount = exactSum(t.amount, g.sums.amount);
    t.base = exactSum(t.base, g.sums.base);
    t.lines += g.lines;
    for (const d of g.docs) t.docs.add(d);
    part.base = exactSum(part.base, g.sums.base);
    part.lines += g.lines;
  }
  if (parts.size === 0) parts.set('', { byCurrency: new Map(), base: 0, lines: 0 });
  const blank = (): Value[] => columns.map(() => null);
  for (const [partKey, part] of [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const label = partKey === '' ? TOTAL : `${TOTAL} ${partKey}`;
    for (const [currency, t] of [...part.byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const r = blank();
      r[0] = label;
      r[k] = currency;
      r[k + 1] = t.docs.size;
      r[k + 2] = t.lines;
      r[k + 3] = { minor: t.amount, currency };
      r[k + 4] = { minor: t.base, currency: ctx.base };
      sheet.total(r);
    }
    const r = blank();
    r[0] = totalInBase(label, ctx.base);
    r[k] = ctx.base;
    r[k + 2] = part.lines;
    r[k + 4] = { minor: part.base, currency: ctx.base };
    sheet.total(r);
  }
  sheet.finish();
  return sheet;
}

function exactSum(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new Error('a total is too large to be exact');
  return s;
}

export function writeGroupSheets(ctx: LedgerCtx): void {
  const g = ctx.groups;
  const flow = col('进/出口\nFlow', 'center');
  writeGroupSheet(ctx, '按客户 By buyer', '按客户汇总（销售） Sales by buyer', [col('客户\nBuyer', 'text'), col('国家\nCountry', 'text')], g.buyer);
  writeGroupSheet(ctx, '按供应商 By supplier', '按供应商汇总（采购与进口） Purchases and imports by supplier', [col('供应商\nSupplier', 'text'), col('来源\nSource', 'center')], g.supplier, {
    notes: [IMPORT_NOTE],
  });
  writeGroupSheet(ctx, '按目的国 By country', '按目的国汇总（出口） Exports by destination country', [col('目的国代码\nCountry code', 'code', { min: 8 }), col('目的国\nCountry', 'text')], g.country);
  writeGroupSheet(ctx, '按HS章 By HS chapter', '按HS章汇总（HS编码前两位） By HS chapter (first 2 digits)', [flow, col('HS章\nChapter', 'code', { min: 8 })], g.chapter, {
    notes: [IMPORT_NOTE],
    splitBy: 0,
  });
  writeGroupSheet(ctx, '按监管方式 By trade mode', '按监管方式汇总 By trade mode', [flow, col('监管方式\nTrade mode', 'code', { min: 8 }), col('名称\nName', 'text')], g.tradeMode, {
    notes: [IMPORT_NOTE],
    splitBy: 0,
  });
}

export const LEDGER_LABELS: Record<LedgerKey, string> = {
  sales: '销售 Sales',
  purchases: '采购 Purchases',
  exports: '出口 Exports',
  imports: '进口 Imports',
  paymentsIn: '收款 Payments in',
  paymentsOut: '付款 Payments out',
  receivables: '应收 Receivables',
  payables: '应付 Payables',
};

/** 汇总 Summary: company, period, base currency; per ledger and currency the counts and totals, then per ledger in base currency. */
export function writeSummarySheet(ctx: LedgerCtx, generatedAt: string): StreamSheet {
  const columns = [
    col('台账\nLedger', 'text', { min: 14 }),
    col('工作表\nSheet', 'text', { min: 12 }),
    col('币种\nCurrency', 'center'),
    col('单据数\nDocuments', 'int'),
    col('行数\nLines', 'int'),
    col('金额\nAmount', 'money'),
    col(`本位币金额\nBase amount (${ctx.base})`, 'money'),
  ];
  const sheet = ctx.book.addSheet('汇总 Summary', columns, {
    title: '台账汇总 Ledgers summary',
    subtitle: [IMPORT_NOTE, '金额按币种分列，不同币种从不相加；本位币合计含全部币种 · Amounts per currency, never added across currencies; base totals cover every currency'],
    fields: [
      { label: '公司 Company', values: [{ kind: 'text', value: ctx.companyName }] },
      { label: '期间 Period', values: [{ kind: 'date', value: ctx.from }, { kind: 'date', value: ctx.to }] },
      { label: '本位币 Base currency', values: [{ kind: 'center', value: ctx.base }] },
      { label: '应收应付截至 Balances as of', values: [{ kind: 'date', value: ctx.to }] },
      { label: '生成时间 Generated', values: [{ kind: 'text', value: generatedAt }] },
    ],
  });
  const bold = LEDGER_STYLE.label;
  for (const key of LEDGER_KEYS) {
    const sums = ctx.ledgers[key];
    const sheetName = ctx.sheetOf[key] ?? '';
    for (const b of sums.buckets()) {
      sheet.row([LEDGER_LABELS[key], sheetName, b.currency, b.docs.size, b.lines, { minor: b.sums.amount, currency: b.currency }, { minor: b.sums.base, currency: ctx.base }]);
    }
    sheet.row([`${TOTAL} ${LEDGER_LABELS[key]}`, sheetName, ctx.base, sums.documents, sums.lines, null, { minor: sums.total('base'), currency: ctx.base }], bold);
    if (key === 'imports') {
      const t = ctx.importTaxes;
      for (const [label, f] of [
        ['进口关税 Import duty', 'duty'],
        ['进口增值税 Import VAT', 'vat'],
        ['落地成本 Landed cost', 'landed'],
      ] as const) {
        sheet.row([label, sheetName, ctx.base, null, null, null, { minor: t.total(f), currency: ctx.base }], bold);
      }
    }
  }
  sheet.finish();
  return sheet;
}
