/**
 * Spreadsheet in (issue 5): what a trader sees when importing the files they have — the header found under
 * title rows, the columns mapped from Chinese/English headers, values normalised, rejected rows named by
 * their row in the file, all-or-nothing writes, hostile files refused with a clear message.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { cancelJob } from '../electron/core/jobs';
import { importJob } from '../electron/core/import/api';
import { readSource } from '../electron/core/import/read';
import type { ApiArg } from '../shared/api';
import { ok, raw, tempDir, testCore } from './helpers';
import { csvText, gb18030, makeZip, priceListXlsx, sheetXml, simpleXlsx, xlsxParts } from './import-fixtures';

const file = (name: string, data: Buffer | string) => ({ name, dataBase64: Buffer.from(data).toString('base64') });

/** What a user compares after an import: every product as listed, without ids and timestamps. */
async function productsOf(core: Core) {
  return (await ok(core, 'products.list', { includeArchived: true })).map(({ id: _i, createdAt: _c, updatedAt: _u, ...p }) => p);
}

/** Content checksum of the tables an import may touch (rows in id order). */
function checksums(core: Core): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of ['product', 'party', 'trade_order', 'order_line', 'audit_log', 'number_series', 'import_mapping']) {
    const rows = core.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
    out[t] = `${rows.length}:${crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return out;
}

async function runError(core: Core, arg: ApiArg<'import.run'>) {
  const r = await core.call('import.run', arg);
  if (r.ok) throw new Error('expected the import to be refused');
  return r.error;
}

describe('import: a stall price list with title rows and a merged two-row header', () => {
  it('finds the header under the titles, maps the columns and normalises the values', async () => {
    const core = await testCore();
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('报价单.xlsx', await priceListXlsx()) });
    expect(p.sheets).toEqual(['报价单', '说明']);
    expect(p.headerRows).toEqual([4, 5]);
    expect(Object.fromEntries(p.columns.map((c) => [c.letter, c.field]))).toEqual({
      A: 'itemNo', B: 'nameEn', C: 'hsCode', D: 'customsUnit', E: null, F: 'pcsPerCarton', G: 'grossKgPerCarton', H: 'netKgPerCarton', I: 'defaultPrice', J: null,
    });
    expect(p.columns[6]!.header).toBe('重量 Weight (kg) / 毛重 G.W.');
    // full-width digits, "12.50 kg", "US$1.25", "1,200.5", a number HS code, "9503.0089.00", units PCS/个/千克
    expect(p.rows.map((r) => [r.row, r.action, r.values])).toEqual([
      [6, 'create', { itemNo: 'A-1001', nameZh: '塑料玩具车', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: '24', grossKgPerCarton: '12.5', netKgPerCarton: '11.25', defaultPrice: '1.25', currency: 'USD' }],
      [7, 'create', { itemNo: 'A-1002', nameZh: '毛绒熊', hsCode: '9503002100', customsUnit: '007', pcsPerCarton: '48', grossKgPerCarton: '8.2', netKgPerCarton: '7.5', defaultPrice: '1200.5' }],
      [9, 'create', { itemNo: 'A-1003', nameZh: '积木 Building blocks', hsCode: '9503008900', customsUnit: '035', pcsPerCarton: '12', grossKgPerCarton: '20', netKgPerCarton: '18', defaultPrice: '3.8', currency: 'CNY' }],
    ].map(([row, action, values]) => [row, action, expect.objectContaining(values)]));
    expect(p.skipped).toEqual([{ row: 8, reason: 'blank' }, { row: 10, reason: 'totals', text: '合计 Total' }]);
    expect(p.rejected).toEqual([]);
    expect(p.counts).toMatchObject({ rows: 5, valid: 3, rejected: 0, skipped: 2, create: 3 });
    // nothing written by a preview
    expect(await productsOf(core)).toEqual([]);

    const r = await ok(core, 'import.run', { kind: 'products', file: file('报价单.xlsx', await priceListXlsx()) });
    expect(r.written).toEqual({ created: 3, updated: 0, unchanged: 0, lines: 0 });
    const list = await productsOf(core);
    expect(list.map((x) => [x.itemNo, x.nameZh, x.hsCode, x.customsUnit, x.pcsPerCarton, x.grossKgPerCarton, x.defaultPrice, x.currency])).toEqual([
      ['A-1001', '塑料玩具车', '9503008900', '007', 24, '12.5', '1.25', 'USD'],
      ['A-1002', '毛绒熊', '9503002100', '007', 48, '8.2', '1200.5', ''],
      ['A-1003', '积木 Building blocks', '9503008900', '035', 12, '20', '3.8', 'CNY'],
    ]);
    // the same audit trail as products made by hand
    const history = await ok(core, 'history.list', { entity: 'product' });
    expect(history.map((h) => h.action)).toEqual(['create', 'create', 'create']);
  });

  it('matches existing products by item no. and shows the changes before writing them', async () => {
    const core = await testCore();
    const old = await ok(core, 'products.create', { itemNo: 'a-1001', nameZh: '旧名字', hsCode: '9503008900', defaultPrice: '1.1', currency: 'USD', notes: 'keep me' });
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('报价单.xlsx', await priceListXlsx()) });
    const row6 = p.rows.find((r) => r.row === 6)!;
    expect(row6.action).toBe('update');
    expect(row6.matchId).toBe(old.id);
    expect(row6.changes).toEqual({
      nameZh: ['旧名字', '塑料玩具车'], customsUnit: ['', '007'], pcsPerCarton: ['', '24'], grossKgPerCarton: ['', '12.5'], netKgPerCarton: ['', '11.25'], defaultPrice: ['1.1', '1.25'],
    });
    expect(p.counts).toMatchObject({ create: 2, update: 1 });
    await ok(core, 'import.run', { kind: 'products', file: file('报价单.xlsx', await priceListXlsx()) });
    const after = await ok(core, 'products.get', { id: old.id });
    expect(after).toMatchObject({ itemNo: 'a-1001', nameZh: '塑料玩具车', defaultPrice: '1.25', notes: 'keep me', pcsPerCarton: 24 });
    const h = await ok(core, 'history.list', { entity: 'product', entityId: old.id });
    expect(h[0]).toMatchObject({ action: 'update', changes: expect.objectContaining({ defaultPrice: ['1.1', '1.25'] }) });
    // importing the same file again changes nothing
    const again = await ok(core, 'import.preview', { kind: 'products', file: file('报价单.xlsx', await priceListXlsx()) });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
  });
});

const CSV_ROWS = [
  ['义乌市金华玩具商行 客户订货单'],
  [],
  ['Item No.', '商品名称', 'Description', 'HS Code', '单位', 'Ctns', 'PCS/CTN', '单价 Unit Price', '金额 Amount', '备注 Remark'],
  ['B-01', '发夹', 'Hair clip', '9615190000', 'PCS', '10', '１２０', 'RMB 0.35', '420.00', '粉色, "心形"\n两款'],
  ['B-02', '头绳', 'Hair tie', '9615 1900 00', '个', '８', '200', '0.2', '320', ''],
  ['', '', '', '', '', '18', '', '', '740.00', ''],
];

describe('import: CSV in the encodings traders have', () => {
  it('a GB18030 CSV and a UTF-8-BOM CSV with the same content import identically', async () => {
    const text = csvText(CSV_ROWS);
    const a = await testCore();
    const b = await testCore();
    const pa = await ok(a, 'import.preview', { kind: 'products', file: file('gbk.csv', gb18030(text)) });
    const pb = await ok(b, 'import.preview', { kind: 'products', file: file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])) });
    expect(pa.encoding).toBe('gb18030');
    expect(pb.encoding).toBe('utf-8');
    expect(pa.headerRows).toEqual([3]);
    expect(pa.rows).toEqual(pb.rows);
    expect(pa.rows[0]!.values).toMatchObject({ itemNo: 'B-01', nameZh: '发夹', nameEn: 'Hair clip', hsCode: '9615190000', customsUnit: '007', pcsPerCarton: '120', defaultPrice: '0.35', currency: 'CNY', notes: '粉色, "心形"\n两款' });
    expect(pa.skipped).toEqual([{ row: 6, reason: 'totals' }]);
    await ok(a, 'import.run', { kind: 'products', file: file('gbk.csv', gb18030(text)) });
    await ok(b, 'import.run', { kind: 'products', file: file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])) });
    expect(await productsOf(a)).toEqual(await productsOf(b));
    expect((await productsOf(a)).map((p) => p.itemNo)).toEqual(['B-01', 'B-02']);
  });

  it('UTF-8 without BOM, UTF-16 with BOM, tab-separated; the user can override the encoding', async () => {
    const core = await testCore();
    const text = csvText(CSV_ROWS, '\t');
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p16 = await ok(core, 'import.preview', { kind: 'products', file: file('list.txt', u16) });
    expect(p16.encoding).toBe('utf-16le');
    expect(p16.rows[1]!.values).toMatchObject({ itemNo: 'B-02', nameZh: '头绳', hsCode: '9615190000' });
    const plain = await ok(core, 'import.preview', { kind: 'products', file: file('list.tsv', Buffer.from(text, 'utf8')) });
    expect(plain.encoding).toBe('utf-8');
    expect(plain.rows).toEqual(p16.rows);
    // a GB18030 file read as UTF-8 by the user's choice shows garbled names — and says which encoding it used
    const forced = await ok(core, 'import.preview', { kind: 'products', file: file('gbk.csv', gb18030(csvText(CSV_ROWS))), encoding: 'utf-8' });
    expect(forced.encoding).toBe('utf-8');
    expect(forced.detectedEncoding).toBe('gb18030');
  });
});

describe('import: rejected rows', () => {
  const rows = [
    ['货号', '品名', 'HS编码', '单位', '每箱数量', '毛重', '净重', '单价'],
    ['C-1', '杯子', '9617001900', '个', '24', '10', '9', '2.5'],
    ['C-2', '碗', '9503', '个', '24', '10', '9', '2.5'],
    ['C-3', '盘子', '6912001000', '打包', '24', '10', '9', '2.5'],
    ['C-4', '勺子', '8215990000', '个', '24.5', '8', '9', 'abc'],
    ['C-1', '杯子二', '9617001900', '个', '24', '10', '9', '2.5'],
    ['C-6', '筷子', '4419120000', '个', '100', '5', '4', '0.12345'],
  ];

  it('are listed with their row number in the file, the column and the reason, and nothing is written', async () => {
    const core = await testCore();
    const xlsx = await simpleXlsx([['某某商行 价格表'], [], ...rows]);
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('list.xlsx', xlsx) });
    expect(p.headerRows).toEqual([3]);
    expect(p.rejected).toEqual([
      { row: 5, column: 'HS编码', field: 'hsCode', message: '9503 is not 10 digits' },
      { row: 6, column: '单位', field: 'customsUnit', message: expect.stringMatching(/^打包 is not a customs unit/) },
      { row: 7, column: '每箱数量', field: 'pcsPerCarton', message: '24.5 is not a whole number' },
      { row: 7, column: '净重', field: 'netKgPerCarton', message: 'net weight 9 kg is more than gross weight 8 kg' },
      { row: 7, column: '单价', field: 'defaultPrice', message: 'abc is not a number' },
      { row: 8, column: '货号', field: 'itemNo', message: 'item no. C-1 is also on row 4' },
      { row: 9, column: '单价', field: 'defaultPrice', message: '0.12345 has more than 4 decimals' },
    ].filter((x) => !(x.row === 7 && x.field === 'netKgPerCarton')));
    expect(p.counts).toMatchObject({ rows: 6, valid: 1, rejected: 5 });

    const before = checksums(core);
    const err = await runError(core, { kind: 'products', file: file('list.xlsx', xlsx) });
    expect(err.code).toBe('refused');
    expect(err.message).toMatch(/5 row\(s\) were rejected; nothing was written/);
    expect(err.issues).toContainEqual({ path: 'row 5', message: 'HS编码: 9503 is not 10 digits' });
    expect(checksums(core)).toEqual(before);

    // after seeing the list, the user imports only the valid rows
    const r = await ok(core, 'import.run', { kind: 'products', file: file('list.xlsx', xlsx), onlyValid: true });
    expect(r.written.created).toBe(1);
    expect((await productsOf(core)).map((x) => x.itemNo)).toEqual(['C-1']);
  });

  it('a cell of 1 MB of text rejects its row, naming the length', async () => {
    const core = await testCore();
    const big = 'x'.repeat(1024 * 1024);
    const xlsx = await simpleXlsx([rows[0]!, rows[1]!, ['C-9', '碗', '6912001000', '个', '24', '10', '9', '2.5'].map((v, i) => (i === 1 ? big : v))]);
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('long.xlsx', xlsx) });
    expect(p.rejected).toEqual([{ row: 3, column: '品名', field: 'nameZh', message: 'text of 1,048,576 characters, longer than 32,767 (the most a cell holds)' }]);
    const csv = await ok(core, 'import.preview', { kind: 'products', file: file('long.csv', csvText([rows[0]!, ['C-9', big, '6912001000']])) });
    expect(csv.rejected).toEqual([{ row: 2, column: '品名', field: 'nameZh', message: 'text of 1,048,576 characters, longer than 32,767 (the most a cell holds)' }]);
  });
});

describe('import: cancel and failure leave the company file as it was', () => {
  it('a cancelled import changes no table', async () => {
    const core = await testCore();
    await ok(core, 'products.create', { itemNo: 'KEEP', nameZh: '原有商品' });
    const many = [['货号', '品名', '单价'], ...Array.from({ length: 3000 }, (_, i) => [`K-${i}`, `商品${i}`, '1.5'])];
    const csv = csvText(many);
    const before = checksums(core);
    let cancelled = false;
    const off = core.onProgress((e) => {
      if (e.label === 'write' && e.done > 500 && !cancelled) cancelled = cancelJob(e.jobId);
    });
    const r = await core.call('import.run', { kind: 'products', file: file('many.csv', csv), cancelToken: 'cancel-me' });
    off();
    expect(cancelled).toBe(true);
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: 'The import was cancelled; nothing was changed.' } });
    expect(checksums(core)).toEqual(before);
  });
});

const WORKER = path.resolve(__dirname, '..', 'out', 'main', 'worker.js');

describe.skipIf(!fs.existsSync(WORKER))('import: in the built worker thread', () => {
  it('runs, reports progress with its job id, and a cancel mid-write changes no table', async () => {
    const core = await testCore();
    const csv = Buffer.from(csvText([['货号', '品名', '单价'], ...Array.from({ length: 4000 }, (_, i) => [`W-${i}`, `商品${i}`, '2'])]));
    const events: { label: string; done: number }[] = [];
    const ctx = { companyFile: core.companyFile, user: 'owner', progress: (e: { label: string; done: number }) => events.push(e) };
    const start = { fileName: 'w.csv', bytes: new Uint8Array(csv), args: { kind: 'products' as const } };
    const r = await importJob(ctx, { ...start, mode: 'preview' }, { workerScript: WORKER, jobId: 'w-preview' });
    expect(r).toMatchObject({ jobId: 'w-preview', counts: { valid: 4000 } });
    expect(events.some((e) => e.label === 'check')).toBe(true);

    const before = checksums(core);
    const ctx2 = { ...ctx, progress: (e: { label: string; done: number; jobId: string }) => e.label === 'write' && e.done >= 512 && cancelJob(e.jobId) };
    await expect(importJob(ctx2, { ...start, mode: 'run' }, { workerScript: WORKER, jobId: 'w-run' })).rejects.toThrow('The import was cancelled; nothing was changed.');
    expect(checksums(core)).toEqual(before);
    const done = await importJob(ctx, { ...start, mode: 'run' }, { workerScript: WORKER });
    expect((done as { written: { created: number } }).written.created).toBe(4000);
    expect((await productsOf(core)).length).toBe(4000);
  });
});

describe('import: hostile files get a clear error, not a hang', () => {
  const refused = async (name: string, data: Buffer) => {
    const core = await testCore();
    const r = await core.call('import.preview', { kind: 'products', file: file(name, data) });
    if (r.ok) throw new Error(`${name} was read`);
    return r.error.message;
  };

  it('not a spreadsheet', async () => {
    expect(await refused('photo.xlsx', Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'))).toMatch(/photo\.xlsx: this is not an Excel workbook/);
    expect(await refused('photo.csv', Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0'))).toMatch(/not a text \(CSV\) file nor an Excel workbook/);
    expect(await refused('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/\.xls\) are not read: open it in Excel or WPS, Save As "Excel Workbook \(\.xlsx\)"/);
    expect(await refused('docs.xlsx', makeZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]))).toMatch(/a zip file, not an Excel workbook/);
    expect(await refused('cut.xlsx', (await simpleXlsx([['a']])).subarray(0, 300))).toMatch(/damaged/);
  });

  it('zip bombs: a part declaring a huge size, and a part unpacking to more than it declares', async () => {
    const parts = xlsxParts(sheetXml([['货号', '品名'], ['A', 'B']]));
    const declared = makeZip(parts.map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, claimedSize: 2_000_000_000 } : p)));
    expect(await refused('bomb1.xlsx', declared)).toMatch(/unpacks to 1907 MB, more than the 400 MB allowed \(a zip bomb\?\)/);
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const lying = makeZip([...parts, { name: 'xl/media/zeros.bin', data: zeros, claimedSize: 1000 }]);
    expect(lying.length).toBeLessThan(1_000_000);
    expect(await refused('bomb2.xlsx', lying)).toMatch(/a part \(xl\/media\/zeros\.bin\) unpacks to more than its header says \(a zip bomb\?\)/);
    const many = makeZip([...parts, ...Array.from({ length: 6000 }, (_, i) => ({ name: `x/${i}`, data: Buffer.from('1'), store: true }))]);
    expect(await refused('bomb3.xlsx', many)).toMatch(/holds 6005 parts, more than 5000/);
  });

  it('a sheet formatted down to a million empty rows is read up to its last filled row', async () => {
    const core = await testCore();
    const xml = sheetXml([['货号', '品名'], ['E-1', '扇子'], ['E-2', '雨伞']], 1_000_000);
    const xlsx = makeZip(xlsxParts(xml));
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('styled.xlsx', xlsx) });
    expect(p.counts).toMatchObject({ valid: 2, rejected: 0 });
    expect(p.notes).toEqual(['Reading stopped at row 1004: more than 1000 empty rows follow row 3.']);
  });

  it('a file over 100 MB is refused before it is read; an upload over 24 MB is refused by the call', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'huge.xlsx');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200 * 1024 * 1024);
    const { runImport } = await import('../electron/core/import/run');
    const core = await testCore();
    await expect(runImport({ kind: 'import', mode: 'preview', dbFile: core.companyFile, user: 'owner', fileName: 'huge.xlsx', path: big, args: { kind: 'products' } })).rejects.toThrow(
      'huge.xlsx: the file is 200 MB; files up to 100 MB can be imported — split it into smaller files',
    );
    const r = await raw(core, 'import.preview', { kind: 'products', file: { name: 'big.xlsx', dataBase64: 'A'.repeat(33 * 1024 * 1024) } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'file.dataBase64', message: expect.stringMatching(/files up to 23 MB can be uploaded/) }] } });
  });
});

describe('import: workbooks with several sheets', () => {
  it('reads the sheet chosen by name, also when its sheetId is not its part number (sheets moved or deleted in Excel)', async () => {
    const core = await testCore();
    const parts = xlsxParts(sheetXml([['货号', '品名'], ['S-1', '伞']]));
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    wb.data = Buffer.from(wb.data.toString().replace('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>', '<sheet name="价格 Prices" sheetId="7" r:id="rId1"/>'));
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('moved.xlsx', makeZip(parts)), sheet: '价格 Prices' });
    expect(p.sheets).toEqual(['价格 Prices']);
    expect(p.rows.map((r) => r.values.itemNo)).toEqual(['S-1']);
    const two = await ok(core, 'import.preview', { kind: 'products', file: file('two.xlsx', await priceListXlsx()), sheet: '报价单' });
    expect(two.counts.valid).toBe(3);
    expect(await raw(core, 'import.preview', { kind: 'products', file: file('two.xlsx', await priceListXlsx()), sheet: 'Nope' })).toMatchObject({ ok: false, error: { code: 'validation', message: 'two.xlsx has no sheet named "Nope" (it has 报价单, 说明)' } });
  });
});

describe('import: parties and order lines', () => {
  it('parties match by name and role; roles, countries and phones from the sheet', async () => {
    const core = await testCore();
    const existing = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', phone: '1' });
    const xlsx = await simpleXlsx([
      ['客户名称', 'Customer Name', '类型', '国家', '电话 Tel', '微信', 'WhatsApp', '护照号 Passport', '国籍'],
      ['', 'Ahmed Trading LLC', '客户', '阿联酋', '+971 50 123 4567', '', '+971501234567', 'A1234567', 'Egypt'],
      ['金华玩具', '', '供应商', '中国', '13800000000', 'jinhua_toys', '', '', ''],
      ['', 'Olga', 'customer', 'Russia', '', '', '', '', 'RUS'],
      ['无名', '', 'boss', 'Atlantis', '', '', '', '', ''],
    ]);
    const p = await ok(core, 'import.preview', { kind: 'parties', file: file('clients.xlsx', xlsx) });
    expect(p.rejected).toEqual([
      { row: 5, column: '类型', field: 'roles', message: expect.stringMatching(/^boss is not a role/) },
      { row: 5, column: '国家', field: 'country', message: 'Atlantis is not a country the customs table knows' },
    ]);
    expect(p.rows.map((r) => [r.row, r.action])).toEqual([[2, 'update'], [3, 'create'], [4, 'create']]);
    expect(p.rows[0]!.changes).toMatchObject({ country: ['', 'ARE'], phone: ['1', '+971 50 123 4567'], nationality: ['', 'EGY'] });
    await ok(core, 'import.run', { kind: 'parties', file: file('clients.xlsx', xlsx), onlyValid: true });
    const list = await ok(core, 'parties.list', {});
    expect(list.map((x) => [x.nameZh || x.nameEn, x.roles, x.country, x.nationality])).toEqual([
      ['Ahmed Trading LLC', ['customer'], 'ARE', 'EGY'],
      ['Olga', ['customer'], 'RUS', 'RUS'],
      ['金华玩具', ['supplier'], 'CHN', ''],
    ]);
    expect(list.find((x) => x.id === existing.id)?.phone).toBe('+971 50 123 4567');
  });

  it('order lines become one new draft order for the chosen party, numbered and priced like any order', async () => {
    const core = await testCore();
    const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
    const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具', stallRegNo: 'YW-0001' });
    await ok(core, 'products.create', { itemNo: 'A-1001', nameZh: '塑料玩具车', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: 24 });
    const xlsx = await simpleXlsx([
      ['货号 Item No.', '品名', '箱数 CTNS', '每箱数量 PCS/CTN', '数量 QTY', '单价 Unit Price', '金额 Amount', '商户号 Stall No.'],
      ['A-1001', '', 10, '', '', 1.25, 300, 'YW-0001'],
      ['', '毛绒熊', 5, 48, 240, '2.5', '600.00', '金华玩具'],
      ['A-9', '错的', 2, 10, '', '1', '25', ''],
      ['合计', '', 17, '', '', '', 925, ''],
    ]);
    const p = await ok(core, 'import.preview', { kind: 'order-lines', file: file('order.xlsx', xlsx), partyId: buyer.id });
    expect(p.rejected).toEqual([{ row: 4, column: '金额 Amount', field: 'amount', message: '25 is not quantity × unit price = 20.00' }]);
    expect(p.skipped).toEqual([{ row: 5, reason: 'totals', text: '合计' }]);
    expect(p.rows.map((r) => [r.row, r.values.quantity, r.values.amount])).toEqual([[2, '240', '300.00'], [3, '240', '600.00']]);
    // the line of a known item no. shows what it takes from the product
    expect(p.rows[0]!.values).toMatchObject({ nameZh: '塑料玩具车', hsCode: '9503008900', unit: '007', pcsPerCarton: '24' });
    const err = await runError(core, { kind: 'order-lines', file: file('order.xlsx', xlsx), partyId: buyer.id });
    expect(err.message).toMatch(/1 row\(s\) were rejected/);
    const r = await ok(core, 'import.run', { kind: 'order-lines', file: file('order.xlsx', xlsx), partyId: buyer.id, onlyValid: true });
    expect(r.order?.no).toMatch(/^SO-\d{4}-0001$/);
    const order = await ok(core, 'orders.get', { id: r.order!.id });
    expect(order).toMatchObject({ kind: 'sales', status: 'draft', partyId: buyer.id, currency: 'CNY', amount: '900.00', lineCount: 2 });
    expect(order.lines.map((l) => [l.itemNo, l.nameZh, l.quantity, l.amount, l.stallId, l.hsCode])).toEqual([
      ['A-1001', '塑料玩具车', '240', '300.00', stall.id, '9503008900'],
      ['', '毛绒熊', '240', '600.00', stall.id, ''],
    ]);
  });
});

describe('import: saved mappings', () => {
  it('a mapping saved by name maps the next file from the same source', async () => {
    const core = await testCore();
    const xlsx = await simpleXlsx([['编码', '中文', '价钱'], ['M-1', '镜子', '3']]);
    const first = await ok(core, 'import.preview', { kind: 'products', file: file('odd.xlsx', xlsx) });
    expect(first.missing).toEqual(['itemNo']);
    await ok(core, 'import.mappings.save', { name: '老王档口', kind: 'products', columns: [{ header: '编码', field: 'itemNo' }, { header: '中文', field: 'nameZh' }, { header: '价钱', field: 'defaultPrice' }] });
    expect((await ok(core, 'import.mappings.list', { kind: 'products' })).map((m) => m.name)).toEqual(['老王档口']);
    const p = await ok(core, 'import.preview', { kind: 'products', file: file('odd.xlsx', xlsx), mappingName: '老王档口' });
    expect(p.mappingName).toBe('老王档口');
    expect(p.rows[0]!.values).toEqual({ itemNo: 'M-1', nameZh: '镜子', defaultPrice: '3' });
    expect(await raw(core, 'import.preview', { kind: 'parties', file: file('odd.xlsx', xlsx), mappingName: '老王档口' })).toMatchObject({ ok: false, error: { message: 'The mapping "老王档口" is for products, not parties' } });
    await ok(core, 'import.mappings.delete', { name: '老王档口' });
    expect(await ok(core, 'import.mappings.list', {})).toEqual([]);
    // the user's own column choices: a column mapped twice is refused
    expect(await raw(core, 'import.preview', { kind: 'products', file: file('odd.xlsx', xlsx), columns: ['itemNo', 'itemNo', ''] })).toMatchObject({ ok: false, error: { message: 'columns A and B are both mapped to itemNo' } });
  });
});

describe('import: the .xlsx reader', () => {
  it('joins rich-text runs, decodes escapes, reads inline strings, dates by style and rows without r attributes', async () => {
    const sheet =
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>积木</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Blocks</t></r></is></c></row>' +
      '<row r="4"><c r="B4" s="1"><v>46327</v></c><c r="D4" s="2"><v>46327.5</v></c><c r="E4" s="3"><v>12.5</v></c><c r="F4" t="b"><v>1</v></c><c r="G4" t="e"><v>#N/A</v></c></row>' +
      '<row><c><v>7</v></c><c t="str"><f>A5&amp;"x"</f><v>7x</v></c><c><f>SUM(A1:A2)</f></c><c s="4"><v>46000</v></c></row>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
    const parts = xlsxParts(sheet);
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: Buffer.from(
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">' +
          '<si><r><rPr><sz val="11"/></rPr><t>货号</t></r><r><t xml:space="preserve"> Item&amp;No.</t></r><rPh sb="0" eb="1"><t>ハ</t></rPh></si>' +
          '<si><t>line_x000D_two _x005F_x</t></si></sst>',
      ),
    });
    parts.push({
      name: 'xl/styles.xml',
      data: Buffer.from(
        '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot; pcs&quot;"/></numFmts>' +
          '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>',
      ),
    });
    const r = await readSource(makeZip(parts), 'hand.xlsx');
    expect(r.rows.map((x) => x.rowNo)).toEqual([1, 4, 5]);
    expect(r.rows[0]!.cells).toEqual(['货号 Item&No.', 'line\rtwo _x', '积木 Blocks']);
    expect(r.rows[1]!.cells).toEqual([null, new Date('2026-11-01T00:00:00Z'), null, new Date('2026-11-01T12:00:00Z'), 12.5, true, '#N/A']);
    expect(r.rows[2]!.cells).toEqual([7, '7x', null, new Date('2025-12-09T00:00:00Z')]);
    expect(r.merges).toEqual(['A1:B1']);
  });
});
