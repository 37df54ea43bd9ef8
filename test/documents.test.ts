/**
 * Documents for foreign buyers in Chinese + the buyer's language (issue 8): the commercial invoice and packing
 * list of the filing pack for a buyer marked Arabic / Russian, the sales contract of an order, and the statement
 * of account of a party for a period (its closing balance is the balances screen's figure).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import type { Core } from '../electron/core';
import { buildFilingPack } from '../electron/core/filing';
import { amountInRussian, numberInRussian } from '../electron/core/documents/words-ru';
import type { ApiArg, DocLanguage, Party } from '../shared/api';
import { DOCUMENT_LANGUAGES, documentCatalogs } from '../shared/i18n';
import { ok, raw, SEA_1039_TO_DUBAI, tempDir, testCore } from './helpers';
import { findCell, quotePrefixedCells, readBook, rowValues, sheet, table, valueAfter } from './xlsx-read';

interface World {
  core: Core;
  buyer: Party;
  stall: Party;
}

async function world(docLanguage: DocLanguage | undefined, nameEn = 'Al Noor General Trading LLC'): Promise<World> {
  const core = await testCore();
  await ok(core, 'company.update', { nameEn: 'Yiwu Test Trading Co., Ltd.', address: '浙江省义乌市国际商贸城', mpRegNo: '3307820001', customsCode: '3318960ABC' });
  const buyer = await ok(core, 'parties.create', {
    roles: ['customer'],
    nameEn,
    nameZh: '光明贸易',
    country: 'ARE',
    nationality: 'ARE',
    idDocNo: 'P7654321',
    address: 'Deira, Dubai',
    phone: '+971 4 222 3333',
    ...(docLanguage ? { docLanguage } : {}),
  });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 2区 12街 34567', stallRegNo: '330782000123' });
  return { core, buyer, stall };
}

async function salesOrder(w: World, orderDate = '2026-03-02', extra: Partial<ApiArg<'orders.create'>> = {}) {
  const toy = await ok(w.core, 'products.create', { itemNo: `A-${orderDate}`, nameZh: '塑料玩具车', nameEn: 'Plastic toy car', spec: '1:32', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: 240 });
  const o = await ok(w.core, 'orders.create', {
    kind: 'sales',
    partyId: w.buyer.id,
    orderDate,
    currency: 'USD',
    rate: '7.1',
    incoterm: '3',
    incotermPlace: 'NINGBO',
    lines: [
      // 2400 × 1.25 = 3000.00
      { productId: toy.id, quantity: '2400', unitPrice: '1.25', cartons: 10, grossKg: '125', netKg: '112.5', cbm: '1.2', stallId: w.stall.id },
      // 999 × 0.0125 = 12.4875 → 12.49
      { itemNo: '=HC-88', nameZh: '发夹', nameEn: 'Hair clip', hsCode: '9615190000', unit: '007', quantity: '999', unitPrice: '0.0125', cartons: 7, grossKg: '10', netKg: '8', cbm: '0.1', stallId: w.stall.id },
    ],
    ...extra,
  });
  return ok(w.core, 'orders.confirm', { id: o.id });
}

async function invoicePack(lang: DocLanguage) {
  const w = await world(lang);
  const so = await salesOrder(w);
  const s = await ok(w.core, 'shipments.create', {
    ...SEA_1039_TO_DUBAI,
    consigneeId: w.buyer.id,
    marks: 'AL NOOR / DUBAI',
    lines: so.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
  });
  const out = path.join(tempDir(), 'pack.xlsx');
  await buildFilingPack(w.core.db, s.id, out);
  if (process.env.DOCS_KEEP) fs.copyFileSync(out, path.join(process.env.DOCS_KEEP, `pack-${lang}.xlsx`));
  return { wb: await readBook(out), s, out };
}

describe('commercial invoice and packing list in the buyer’s language', () => {
  it('for a buyer marked Arabic: every header cell carries Chinese and Arabic, the customs sheets stay Chinese', async () => {
    const { wb, s } = await invoicePack('ar');
    const inv = sheet(wb, '商业发票 Invoice');
    expect(findCell(inv, '商业发票  فاتورة تجارية')).toBeDefined();
    expect(valueAfter(inv, '发票号 رقم الفاتورة')).toBe(s.no);
    expect(valueAfter(inv, '卖方 البائع')).toBe('Yiwu Test Trading Co., Ltd.\n义乌测试贸易商行\n浙江省义乌市国际商贸城');
    expect(valueAfter(inv, '买方 المشتري')).toBe('Al Noor General Trading LLC\n光明贸易\nDeira, Dubai\nUnited Arab Emirates');
    expect(valueAfter(inv, '价格条款 شروط السعر')).toBe('FOB NINGBO');
    const it = table(inv, '唛头/货号\nالعلامات والأرقام', 6);
    expect(it.header).toEqual(['唛头/货号\nالعلامات والأرقام', '品名\nوصف البضاعة', '数量\nالكمية', '单位\nالوحدة', '单价\nسعر الوحدة (USD)', '金额\nالمبلغ (USD)']);
    expect(it.rows).toEqual([
      ['A-2026-03-02', 'Plastic toy car\n塑料玩具车', 2400, 'PCS', 1.25, 3000],
      ['=HC-88', 'Hair clip\n发夹', 999, 'PCS', 0.0125, 12.49],
    ]);
    expect(it.total).toEqual(['合计 الإجمالي  FOB NINGBO', '合计 الإجمالي  FOB NINGBO', 3399, 'PCS', null, 3012.49]);
    expect(findCell(inv, '原产地：中国 بلد المنشأ: الصين')).toBeDefined();
    expect(findCell(inv, /\n授权签字 توقيع المفوض$/)).toBeDefined();
    // no English label left on the Arabic invoice
    expect(findCell(inv, /Invoice No\.|Seller|Marks & Nos\./)).toBeUndefined();

    const pk = sheet(wb, '装箱单 Packing List');
    expect(findCell(pk, '装箱单  قائمة التعبئة')).toBeDefined();
    expect(valueAfter(pk, '集装箱号 رقم الحاوية')).toBe('CSQU3054383 / 40HQ');
    const kt = table(pk, '唛头/货号\nالعلامات والأرقام', 8);
    expect(kt.header.slice(4)).toEqual(['件数\nعدد الطرود (كرتون)', '毛重\nالوزن القائم (كغ)', '净重\nالوزن الصافي (كغ)', '体积\nالحجم (م³)']);
    expect(kt.total?.slice(4)).toEqual([17, 135, 120.5, 1.3]);

    // filing sheets for Chinese customs stay Chinese
    expect(findCell(sheet(wb, '货物清单'), '序号')).toBeDefined();
    expect(findCell(sheet(wb, '货物清单'), /[\u0600-\u06ff]/)).toBeUndefined();
    expect(findCell(sheet(wb, '联网清单'), /[\u0600-\u06ff]/)).toBeUndefined();
  });

  it('for a buyer marked Russian: Chinese and Russian', async () => {
    const { wb, out } = await invoicePack('ru');
    const inv = sheet(wb, '商业发票 Invoice');
    expect(findCell(inv, '商业发票  КОММЕРЧЕСКИЙ ИНВОЙС')).toBeDefined();
    expect(findCell(inv, '发票号 Номер инвойса')).toBeDefined();
    const it = table(inv, '唛头/货号\nМаркировка и номера', 6);
    expect(it.header.slice(4)).toEqual(['单价\nЦена за ед. (USD)', '金额\nСумма (USD)']);
    expect(it.total?.[5]).toBe(3012.49);
    expect(valueAfter(inv, '大写 Сумма прописью')).toBe('Три тысячи двенадцать долларов США 49 центов\nSAY US DOLLARS THREE THOUSAND AND TWELVE AND CENTS FORTY NINE ONLY');
    expect(findCell(sheet(wb, '装箱单 Packing List'), '装箱单  УПАКОВОЧНЫЙ ЛИСТ')).toBeDefined();
    // the item no. that looks like a formula stays literal text
    expect(await quotePrefixedCells(out, '商业发票 Invoice')).toContain(findCell(inv, '=HC-88')!.address);
  });

  it('for a buyer with no language set: Chinese and English, as before', async () => {
    const w = await world(undefined);
    expect(w.buyer.docLanguage).toBe('en');
  });
});

describe('sales contract', () => {
  it('lists the order’s lines with totals, amount in words and the terms in both languages', async () => {
    const w = await world('ar');
    const so = await salesOrder(w, '2026-03-02', { paymentTerms: '30% T/T deposit, 70% before loading', notes: 'Colours as sample' });
    const r = await ok(w.core, 'documents.contract', { orderId: so.id });
    expect(r.language).toBe('ar');
    expect(r.fileName).toMatch(/^SO-2026-0001-contract-ar-\d{8}-\d{6}\.xlsx$/);
    const file = path.join(process.env.DOCS_KEEP ?? tempDir(), r.fileName);
    fs.writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
    const wb = await readBook(file);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('销售合同 Contract SO-2026-0001');
    expect(findCell(ws, '销售合同  عقد بيع')).toBeDefined();
    expect(valueAfter(ws, '合同号 رقم العقد')).toBe('SO-2026-0001');
    expect(valueAfter(ws, '买方 المشتري')).toBe('Al Noor General Trading LLC\n光明贸易\nDeira, Dubai\nUnited Arab Emirates\n+971 4 222 3333');
    const t = table(ws, '序号\nالرقم', 8);
    expect(t.rows).toEqual([
      [1, 'A-2026-03-02', 'Plastic toy car\n塑料玩具车\n1:32', 10, 2400, 'PCS', 1.25, 3000],
      [2, '=HC-88', 'Hair clip\n发夹', 7, 999, 'PCS', 0.0125, 12.49],
    ]);
    expect(t.total?.slice(3)).toEqual([17, 3399, 'PCS', null, 3012.49]);
    expect(valueAfter(ws, '大写\nالمبلغ كتابةً')).toBe('美元叁仟零壹拾贰元肆角玖分\nSAY US DOLLARS THREE THOUSAND AND TWELVE AND CENTS FORTY NINE ONLY');
    expect(findCell(ws, '二、价格条款：FOB NINGBO')).toBeDefined();
    // the user's words stay one left-to-right run inside the Arabic line (else "30%" is reordered to "%30")
    expect(findCell(ws, '2. شروط السعر: \u202AFOB NINGBO\u202C')).toBeDefined();
    expect(findCell(ws, '三、付款条件：30% T/T deposit, 70% before loading')).toBeDefined();
    expect(findCell(ws, '3. شروط الدفع: \u202A30% T/T deposit, 70% before loading\u202C')).toBeDefined();
    const arClause = findCell(ws, /^9\. حُرر هذا العقد/);
    expect(arClause?.alignment?.readingOrder).toBe('rtl');
    expect(arClause?.alignment?.horizontal).toBe('right');
    expect(findCell(ws, /^九、本合同一式两份/)?.alignment?.readingOrder).toBeUndefined();
    expect(valueAfter(ws, '备注 ملاحظات')).toBe('Colours as sample');
    expect(await quotePrefixedCells(file, ws.name)).toContain(findCell(ws, '=HC-88')!.address);
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  it('is refused for a purchase order, and written in another language when asked', async () => {
    const w = await world('ru');
    const so = await salesOrder(w);
    const po = (await ok(w.core, 'orders.generatePurchase', { salesOrderId: so.id }))[0]!;
    const bad = await raw(w.core, 'documents.contract', { orderId: po.id });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.path).toBe('orderId');
    const en = await ok(w.core, 'documents.contract', { orderId: so.id, language: 'en' });
    expect(en.language).toBe('en');
    const ru = await ok(w.core, 'documents.contract', { orderId: so.id });
    expect(ru.language).toBe('ru');
  });
});

describe('statement of account', () => {
  it('opens and closes on the balances screen’s figures, with each order and payment of the period', async () => {
    const w = await world('ru');
    await salesOrder(w, '2026-02-10'); // before the period: USD 3,012.49
    await ok(w.core, 'payments.create', { direction: 'in', partyId: w.buyer.id, payDate: '2026-02-20', amount: '1000', currency: 'USD', rate: '7.1', method: 'tt' });
    const so2 = await salesOrder(w, '2026-03-05'); // in the period
    const pay = await ok(w.core, 'payments.create', {
      direction: 'in',
      partyId: w.buyer.id,
      payDate: '2026-03-10',
      amount: '2500',
      currency: 'USD',
      rate: '7.12',
      method: 'tt',
      reference: 'SWIFT 889',
      allocations: [{ orderId: so2.id, amount: '2500' }],
    });
    await ok(w.core, 'payments.create', { direction: 'in', partyId: w.buyer.id, payDate: '2026-03-12', amount: '5000', currency: 'CNY', rate: '1', method: 'cash' });
    await ok(w.core, 'payments.create', { direction: 'in', partyId: w.buyer.id, payDate: '2026-04-02', amount: '100', currency: 'USD', rate: '7.1', method: 'tt' }); // after

    const r = await ok(w.core, 'documents.statement', { partyId: w.buyer.id, from: '2026-03-01', to: '2026-03-31' });
    const screen = await ok(w.core, 'balances.list', { asOf: '2026-03-31' });
    const mine = screen.filter((b) => b.partyId === w.buyer.id);
    expect(r.currencies).toEqual([
      { currency: 'CNY', opening: '0.00', debit: '0.00', credit: '5000.00', closing: '-5000.00', movements: 1 },
      { currency: 'USD', opening: '2012.49', debit: '3012.49', credit: '2500.00', closing: '2524.98', movements: 2 },
    ]);
    for (const c of r.currencies) expect(mine.find((b) => b.currency === c.currency)?.balance).toBe(c.closing);

    const file = path.join(process.env.DOCS_KEEP ?? tempDir(), r.fileName);
    fs.writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
    const ws = (await readBook(file)).worksheets[0]!;
    expect(findCell(ws, '对账单  АКТ СВЕРКИ РАСЧЁТОВ')).toBeDefined();
    expect(valueAfter(ws, '对账期间 Период')).toBe('2026-03-01 至 2026-03-31\nс 2026-03-01 по 2026-03-31');
    // the USD section: from its header row to its closing balance row
    const headers = [...Array(ws.rowCount).keys()].map((i) => i + 1).filter((r) => ws.getRow(r).getCell(1).value === '日期\nДата');
    expect(headers).toHaveLength(2);
    const usdRows: unknown[][] = [];
    for (let r = headers[1]! + 1; r <= ws.rowCount; r++) {
      usdRows.push(rowValues(ws, r, 6));
      if (String(ws.getRow(r).getCell(1).value).startsWith('期末余额')) break;
    }
    expect(usdRows).toEqual([
      ['期初余额 Сальдо на начало периода', '期初余额 Сальдо на начало периода', '期初余额 Сальдо на начало периода', '期初余额 Сальдо на начало периода', '期初余额 Сальдо на начало периода', 2012.49],
      ['2026-03-05', so2.no, '销售订单 Заказ на продажу', 3012.49, null, 5024.98],
      ['2026-03-10', pay.no, `收款 Получена оплата\nSWIFT 889 · ${so2.no}`, null, 2500, 2524.98],
      ['本期合计 Обороты за период', '本期合计 Обороты за период', '本期合计 Обороты за период', 3012.49, 2500, null],
      ['期末余额 Сальдо на конец периода', '期末余额 Сальдо на конец периода', '期末余额 Сальдо на конец периода', '期末余额 Сальдо на конец периода', '期末余额 Сальдо на конец периода', 2524.98],
    ]);
  });

  it('credits a settled claim in the period, and still closes on the balances screen’s figure', async () => {
    const w = await world('en');
    const so = await salesOrder(w, '2026-03-02');
    const sh = await ok(w.core, 'shipments.create', { ...SEA_1039_TO_DUBAI, consigneeId: w.buyer.id, lines: so.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })) });
    const claim = await ok(w.core, 'claims.create', { shipmentLineId: sh.lines[0]!.id, claimDate: '2026-04-03', kind: 'damaged', quantity: '24', settlement: 'credit', amount: '30' });
    expect(claim.status).toBe('settled');
    const r = await ok(w.core, 'documents.statement', { partyId: w.buyer.id, from: '2026-04-01', to: '2026-04-30' });
    expect(r.currencies).toEqual([{ currency: 'USD', opening: '3012.49', debit: '0.00', credit: '30.00', closing: '2982.49', movements: 1 }]);
    const screen = (await ok(w.core, 'balances.list', { asOf: '2026-04-30' })).find((b) => b.partyId === w.buyer.id);
    expect(screen?.balance).toBe('2982.49');
    const file = path.join(tempDir(), r.fileName);
    fs.writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
    const ws = (await readBook(file)).worksheets[0]!;
    const row = findCell(ws, claim.no)!;
    expect(rowValues(ws, Number(row.row), 6)).toEqual(['2026-04-03', claim.no, `索赔冲减 Credit for claim\n${so.no}`, null, 30, 2982.49]);
  });

  it('refuses a period that ends before it begins', async () => {
    const w = await world('en');
    const r = await raw(w.core, 'documents.statement', { partyId: w.buyer.id, from: '2026-03-31', to: '2026-03-01' });
    expect(r.ok).toBe(false);
  });
});

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('trade-records export contract | statement', () => {
  it('writes both from the command line, in the party’s language or --lang, and prints the statement’s balances', async () => {
    const w = await world('ru');
    const so = await salesOrder(w, '2026-03-05');
    await ok(w.core, 'payments.create', { direction: 'in', partyId: w.buyer.id, payDate: '2026-03-10', amount: '12.49', currency: 'USD', rate: '7.1', method: 'tt' });
    const dir = w.core.dataDir;
    w.core.close();
    const outDir = tempDir();
    const io = capture();
    expect(await main(['export', 'contract', '--order', so.no, '--out', path.join(outDir, 'c.xlsx'), '--data', dir])).toBe(0);
    expect(io.out()).toContain('(中文 + ru)');
    expect(findCell((await readBook(path.join(outDir, 'c.xlsx'))).worksheets[0]!, '销售合同  КОНТРАКТ КУПЛИ-ПРОДАЖИ')).toBeDefined();
    expect(await main(['export', 'statement', '--party', 'al noor general trading llc', '--from', '2026-03-01', '--to', '2026-03-31', '--lang', 'ar', '--out', path.join(outDir, 's.xlsx'), '--data', dir])).toBe(0);
    expect(io.out()).toContain('USD  opening 0.00  + debit 3012.49  − credit 12.49  = closing 3000.00  (2 entries)');
    expect(findCell((await readBook(path.join(outDir, 's.xlsx'))).worksheets[0]!, '对账单  كشف حساب')).toBeDefined();

    expect(await main(['export', 'statement', '--party', 'Nobody', '--from', '2026-03-01', '--to', '2026-03-31', '--out', path.join(outDir, 'x.xlsx'), '--data', dir])).toBe(1);
    expect(io.err()).toContain('There is no party "Nobody".');
    expect(await main(['export', 'contract', '--order', so.no, '--lang', 'fr', '--out', path.join(outDir, 'x.xlsx'), '--data', dir])).toBe(2);
    expect(await main(['export', 'statement', '--party', String(w.buyer.id), '--from', '2026-03-31', '--to', '2026-03-01', '--out', path.join(outDir, 'x.xlsx'), '--data', dir])).toBe(1);
    expect(io.err()).toContain('the period ends before it begins');
    expect(fs.readdirSync(outDir).sort()).toEqual(['c.xlsx', 's.xlsx']);
  });
});

describe('amounts in Russian words', () => {
  it('spell numbers with the right gender and plural forms', () => {
    expect(numberInRussian(0)).toBe('ноль');
    expect(numberInRussian(21)).toBe('двадцать один');
    expect(numberInRussian(1001)).toBe('одна тысяча один');
    expect(numberInRussian(2_002_000)).toBe('два миллиона две тысячи');
    expect(numberInRussian(11_512)).toBe('одиннадцать тысяч пятьсот двенадцать');
    expect(numberInRussian(1, true)).toBe('одна');
    expect(amountInRussian(100, 'USD')).toBe('Один доллар США 00 центов');
    expect(amountInRussian(2_200_021, 'RUB')).toBe('Двадцать две тысячи рублей 21 копейка');
    expect(amountInRussian(500_000, 'CNY')).toBe('Пять тысяч юаней 00 фэней');
    expect(amountInRussian(1_104, 'EUR')).toBe('Одиннадцать евро 04 цента');
    expect(amountInRussian(150, 'JPY')).toBe('Сто пятьдесят JPY');
  });
});

describe('document catalogs', () => {
  const flat = (o: unknown, p = ''): Map<string, string> =>
    new Map(Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v]] : [...flat(v, `${p}${k}.`)])));
  it('have the same keys in Chinese, English, Arabic and Russian, none empty, the same {{variables}} in the foreign languages', () => {
    const zh = flat(documentCatalogs.zh);
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const lang of DOCUMENT_LANGUAGES) {
      const m = flat(documentCatalogs[lang]);
      expect([...m.keys()].sort(), lang).toEqual([...zh.keys()].sort());
      for (const [k, v] of m) expect(v.trim(), `${lang}:${k}`).not.toBe('');
      if (lang !== 'zh') for (const [k, v] of m) expect(vars(v), `${lang}:${k}`).toEqual(vars(flat(documentCatalogs.en).get(k)!));
    }
    expect(documentCatalogs.ar.invoice.title).toBe('فاتورة تجارية');
    expect(documentCatalogs.ar.packing.title).toBe('قائمة التعبئة');
  });
});
