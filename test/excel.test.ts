import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitColumns,
  freezeAt,
  autoFilter,
  headerText,
  looksLikeFormula,
  newWorkbook,
  printSetup,
  setCode,
  setInt,
  setMoney,
  setPrice,
  setScaled,
  setText,
  textWidth,
  uniqueSheetName,
  serialDay,
  writeFileAtomic,
  writeWorkbook,
  XlsxWriter,
} from '../electron/core/excel';
import { tempDir } from './helpers';
import { quotePrefixedCells, readBook } from './xlsx-read';

const INJECTIONS = ['=HYPERLINK("http://evil.example","click")', '+86 138 0013 8000', '-2+3', '@SUM(A1:A2)', '\tTAB', '\r=1+1'];

describe('excel cells', () => {
  it('writes injection-looking text as text with quotePrefix, and plain text without it', async () => {
    expect(INJECTIONS.every(looksLikeFormula)).toBe(true);
    expect(['', 'A=B', '86 138', '塑料玩具', '1+1'].some(looksLikeFormula)).toBe(false);
    const wb = newWorkbook();
    const ws = wb.addWorksheet('Cells');
    INJECTIONS.forEach((t, i) => setText(ws.getCell(i + 1, 1), t, { font: { bold: true } }));
    setText(ws.getCell(1, 2), 'plain 文本');
    setText(ws.getCell(2, 2), '');
    const file = path.join(tempDir(), 'cells.xlsx');
    await writeWorkbook(wb, file);

    const back = (await readBook(file)).getWorksheet('Cells')!;
    INJECTIONS.forEach((t, i) => {
      const cell = back.getCell(i + 1, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // (XML turns a carriage return in text into a line feed: the text stays text, which is what matters)
      expect(cell.value).toBe(t.replace(/\r/g, '\n'));
      expect(cell.font.bold).toBe(true);
    });
    expect(back.getCell(1, 2).value).toBe('plain 文本');
    expect(back.getCell(2, 2).value).toBeNull();
    // the formula-looking cells carry quotePrefix in the file's style; the plain one does not
    const quoted = await quotePrefixedCells(file, 'Cells');
    expect([...quoted].sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    // and no formula anywhere in the sheet XML
    const wbBack = await readBook(file);
    wbBack.getWorksheet('Cells')!.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('keeps codes as text and writes numbers with the formats of their decimals', async () => {
    const wb = newWorkbook();
    const ws = wb.addWorksheet('Numbers');
    setCode(ws.getCell('A1'), '9503008900');
    setCode(ws.getCell('A2'), '007');
    setMoney(ws.getCell('B1'), 1250050, 'USD');
    setMoney(ws.getCell('B2'), 1250, 'JPY');
    setMoney(ws.getCell('B3'), 1250, 'KWD');
    setScaled(ws.getCell('C1'), 2_400_000, 3, 'trim');
    setScaled(ws.getCell('C2'), 12_500, 3, 'trim');
    setScaled(ws.getCell('C3'), 125_000, 3, 3);
    setPrice(ws.getCell('D1'), 125, undefined);
    setPrice(ws.getCell('D2'), 12500, undefined);
    setInt(ws.getCell('E1'), 42);
    setMoney(ws.getCell('E2'), null, 'USD');
    const file = path.join(tempDir(), 'numbers.xlsx');
    await writeWorkbook(wb, file);
    const back = (await readBook(file)).getWorksheet('Numbers')!;
    expect(back.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(back.getCell('A1').value).toBe('9503008900');
    expect(back.getCell('A2').value).toBe('007');
    const num = (a: string) => [back.getCell(a).value, back.getCell(a).numFmt];
    expect(num('B1')).toEqual([12500.5, '#,##0.00']);
    expect(num('B2')).toEqual([1250, '#,##0']);
    expect(num('B3')).toEqual([1.25, '#,##0.000']);
    expect(num('C1')).toEqual([2400, '#,##0']);
    expect(num('C2')).toEqual([12.5, '#,##0.0']);
    expect(num('C3')).toEqual([125, '#,##0.000']);
    expect(num('D1')).toEqual([0.0125, '#,##0.0000']);
    expect(num('D2')).toEqual([1.25, '#,##0.00']);
    expect(num('E1')).toEqual([42, '#,##0']);
    expect(back.getCell('E2').value).toBeNull();
  });
});

describe('excel sheets', () => {
  it('makes valid, unique sheet names of at most 31 characters', () => {
    const used = new Set<string>();
    expect(uniqueSheetName('货物清单', used)).toBe('货物清单');
    expect(uniqueSheetName('货物清单', used)).toBe('货物清单 (2)');
    expect(uniqueSheetName('a/b:c?d*e[f]g\'h', used)).toBe('a_b_c_d_e_f_g_h');
    const long = uniqueSheetName('交易单-12 义乌国际商贸城五区某某某某某某某某饰品商行有限公司', used);
    expect([...long].length).toBeLessThanOrEqual(31);
    const again = uniqueSheetName('交易单-12 义乌国际商贸城五区某某某某某某某某饰品商行有限公司', used);
    expect([...again].length).toBeLessThanOrEqual(31);
    expect(again).not.toBe(long);
    expect(uniqueSheetName('SUMMARY', new Set(['summary']))).toBe('SUMMARY (2)');
  });

  it('measures CJK text double width', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('货物清单')).toBe(8);
    expect(textWidth('ab\n货物')).toBe(4);
  });

  it('freezes the header, filters, fits widths and sets up A4 printing with header and footer', async () => {
    const wb = newWorkbook();
    const narrow = wb.addWorksheet('Narrow');
    narrow.addRow(['Item', 'Name']);
    narrow.addRow(['A-1', '塑料玩具车 plastic toy car']);
    freezeAt(narrow, 1);
    autoFilter(narrow, 1, 2, 2);
    fitColumns(narrow, { fromRow: 1 });
    printSetup(narrow, { columns: 2, repeatRows: [1, 1], header: { left: 'Smith & Sons', center: '2026 report', right: 'SH-1' } });
    const wide = wb.addWorksheet('Wide');
    wide.addRow(Array.from({ length: 14 }, (_, i) => `Column number ${i + 1}`));
    fitColumns(wide, { fromRow: 1 });
    printSetup(wide, { columns: 14, draft: true });
    const file = path.join(tempDir(), 'layout.xlsx');
    await writeWorkbook(wb, file);

    const back = await readBook(file);
    const n = back.getWorksheet('Narrow')!;
    expect(n.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(n.autoFilter).toBeTruthy();
    expect(n.getColumn(2).width).toBeGreaterThanOrEqual(textWidth('塑料玩具车 plastic toy car'));
    expect(n.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(n.headerFooter.oddHeader).toContain('Smith && Sons');
    // the font size code is separated from a text that begins with digits
    expect(n.headerFooter.oddHeader).toContain('&10 2026 report');
    const w = back.getWorksheet('Wide')!;
    expect(w.pageSetup.orientation).toBe('landscape');
    expect(w.headerFooter.oddHeader).toContain('草稿 DRAFT');
    expect(w.headerFooter.oddFooter).toContain('&P / &N');
    const xml = fs.readFileSync(file);
    expect(xml.length).toBeGreaterThan(0);
    expect(headerText('a & b\nc')).toBe('a && b c');
  });
});

describe('excel files', () => {
  it('writes through a temp file in the same folder and leaves nothing behind on failure', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'pack.xlsx');
    fs.writeFileSync(target, 'old content');
    // a rename onto a folder fails: the old name keeps its content, the temp file is gone
    const folder = path.join(dir, 'folder.xlsx');
    fs.mkdirSync(folder);
    expect(() => writeFileAtomic(folder, new Uint8Array([1, 2, 3]))).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.xlsx', 'pack.xlsx']);
    // a workbook that fails while serialising never touches the target
    const wb = newWorkbook();
    const ws = wb.addWorksheet('X');
    ws.getCell('A1').value = 1;
    (wb.xlsx as unknown as { writeBuffer: () => Promise<Buffer> }).writeBuffer = () => Promise.reject(new Error('disk full'));
    await expect(writeWorkbook(wb, target)).rejects.toThrow('disk full');
    expect(fs.readFileSync(target, 'utf8')).toBe('old content');
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.xlsx', 'pack.xlsx']);
    // a successful write replaces the file whole
    const ok = newWorkbook();
    ok.addWorksheet('Y').getCell('A1').value = 'new';
    await writeWorkbook(ok, target);
    expect((await readBook(target)).getWorksheet('Y')!.getCell('A1').value).toBe('new');
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.xlsx', 'pack.xlsx']);
    // a missing folder is named
    expect(() => writeFileAtomic(path.join(dir, 'nope', 'x.xlsx'), new Uint8Array([1]))).toThrow(/does not exist/);
  });
});

describe('the fast xlsx writer (xlsx-writer.ts)', () => {
  it('writes text, numbers, dates and styles that read back exactly, and removes its file when aborted', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fast.xlsx');
    const w = new XlsxWriter(file, { title: 'T & <co>' });
    const ws = w.addSheet('Q1 & <plan>', { frozenRows: 1 });
    ws.columns([12, 30]);
    const bold = { font: { bold: true }, fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE7E6E6' } } };
    ws.row(1, ws.text('A1', 'No.', bold) + ws.text('B1', '名称\nName', bold), { height: 30 });
    const texts = ['<b>&amp;</b> "q"', '  two spaces around  ', 'line 1\nline 2', ...INJECTIONS, '_x0041_ 普通', '007'];
    // each text twice (column C: the writer's second sight of a text takes what it remembered of the first), and a
    // text of control characters only, which is nothing once cleaned
    texts.forEach((t, i) => ws.row(i + 2, ws.text(`A${i + 2}`, t) + ws.scaled(`B${i + 2}`, -12345 - i, 3, 'trim') + ws.text(`C${i + 2}`, t) + ws.text(`D${i + 2}`, '\u0001\u0002')));
    const n = texts.length + 2;
    ws.row(n, ws.number(`A${n}`, serialDay(2026, 1, 15), undefined, 'yyyy-mm-dd') + ws.scaled(`B${n}`, 125, 4, 4) + ws.blank(`C${n}`));
    ws.end({ autoFilter: { headerRow: 1, lastRow: n, columns: 2 }, print: { columns: 2, repeatRows: [1, 1], header: { center: 'T' } } });
    w.finish();

    const back = (await readBook(file)).worksheets[0]!;
    expect(back.name).toBe('Q1 & <plan>');
    expect(back.getCell('B1').value).toBe('名称\nName');
    expect(back.getCell('A1').font.bold).toBe(true);
    expect(back.getRow(1).height).toBe(30);
    texts.forEach((t, i) => {
      // (a carriage return stays one: it is written as &#13;)
      expect(back.getCell(`A${i + 2}`).value).toBe(t);
      expect(back.getCell(`A${i + 2}`).type).toBe(ExcelJS.ValueType.String);
      expect(back.getCell(`B${i + 2}`).value).toBe((-12345 - i) / 1000);
      expect(back.getCell(`C${i + 2}`).value).toBe(t);
      expect(back.getCell(`D${i + 2}`).value).toBe(null);
    });
    expect(back.getCell('B2').numFmt).toBe('#,##0.000');
    expect(back.getCell('B3').numFmt).toBe('#,##0.000');
    expect(back.getCell(`A${n}`).value).toEqual(new Date(Date.UTC(2026, 0, 15)));
    expect(back.getCell(`B${n}`).value).toBe(0.0125);
    expect(back.getCell(`B${n}`).numFmt).toBe('#,##0.0000');
    expect(back.getColumn(2).width).toBe(30);
    expect(back.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(back.autoFilter).toBe(`A1:B${n}`);
    expect(back.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', orientation: 'portrait' });
    const quoted = await quotePrefixedCells(file, 'Q1 & <plan>');
    expect([...quoted].sort()).toEqual(INJECTIONS.flatMap((_, i) => [`A${i + 5}`, `C${i + 5}`]).sort());

    // a failed export: aborted, the caller removes the file
    const broken = new XlsxWriter(path.join(dir, 'broken.xlsx'), { title: 'x' });
    broken.addSheet('S').row(1, '<c r="A1"><v>1</v></c>');
    broken.abort();
    expect(() => new XlsxWriter(path.join(dir, 'broken.xlsx'), { title: 'x' })).toThrow(/EEXIST/);
  });
});
