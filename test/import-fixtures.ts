/**
 * Files for the import tests, made by the tests (no binary fixtures in git): workbooks written with ExcelJS,
 * CSV text written in UTF-8 (with BOM) or GB18030, and hand-made zips for the hostile cases.
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/** A price list as stalls send it: company and title rows, a merged two-row header in Chinese and English. */
export async function priceListXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报价单');
  wb.addWorksheet('说明').addRow(['本表仅供参考']);
  ws.getCell('A1').value = '义乌市金华玩具商行 JINHUA TOYS';
  ws.mergeCells('A1:J1');
  ws.getCell('A2').value = '报价单 PRICE LIST';
  ws.mergeCells('A2:J2');
  ws.getCell('A3').value = '日期 Date: 2026-11-01   国际商贸城 2区 12街 34567';
  ws.mergeCells('A3:J3');
  const top = ['货号\nItem No.', '品名 Description', 'HS编码', '单位 Unit', '包装 Packing', '', '重量 Weight (kg)', '', '单价 Unit Price', '金额 Amount'];
  top.forEach((v, i) => (ws.getRow(4).getCell(i + 1).value = v === '' ? null : v));
  ws.getRow(5).getCell(5).value = '箱数 Ctns';
  ws.getRow(5).getCell(6).value = '每箱数量 PCS/CTN';
  ws.getRow(5).getCell(7).value = '毛重 G.W.';
  ws.getRow(5).getCell(8).value = '净重 N.W.';
  for (const c of ['A', 'B', 'C', 'D', 'I', 'J']) ws.mergeCells(`${c}4:${c}5`);
  ws.mergeCells('E4:F4');
  ws.mergeCells('G4:H4');
  const rows: unknown[][] = [
    ['A-1001', '塑料玩具车', '9503008900', 'PCS', 10, '２４', '12.50 kg', '11.25', 'US$1.25', 300],
    ['A-1002', '毛绒熊', 9503002100, '个', '5', 48, 8.2, 7.5, '1,200.5', '300,120.00'],
    [null, null, null, null, null, null, null, null, null, null],
    ['A-1003', '积木 Building blocks', '9503.0089.00', '千克', 2, '１２', '20', '18', '¥3.8', 91.2],
    ['合计 Total', null, null, null, 17, null, null, null, null, 300511.2],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(6 + i).getCell(c + 1).value = v as ExcelJS.CellValue)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook from rows (first row = header). */
export async function simpleXlsx(rows: unknown[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text as CSV cells: quoted when needed. */
export function csvText(rows: string[][], delimiter = ','): string {
  const q = (s: string) => (/[",\n\r\t;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(q).join(delimiter)).join('\r\n') + '\r\n';
}

let gbTable: Map<string, number[]> | null = null;
/**
 * Text in GB18030 (what Excel's "CSV" writes on a Chinese Windows). Node has no GB18030 encoder, so the
 * table is built from its decoder: every two-byte code decoded once (which also proves the decoder knows it).
 */
export function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** what the headers claim the part unpacks to (default: the truth) */
  claimedSize?: number;
  store?: boolean;
}

/** A zip written by hand, so a test can make the headers lie. */
export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const packed = p.store ? p.data : zlib.deflateRawSync(p.data, { level: 1 });
    const name = Buffer.from(p.name, 'utf8');
    const size = p.claimedSize ?? p.data.length;
    const crc = zlib.crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.store ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

/** The parts of a minimal .xlsx around one sheet's XML. */
export function xlsxParts(sheetXml: string): ZipPart[] {
  const b = (s: string) => Buffer.from(s, 'utf8');
  return [
    { name: '[Content_Types].xml', data: b('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
    { name: '_rels/.rels', data: b('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: b('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: b('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: b(sheetXml) },
  ];
}

/** Sheet XML with inline-string rows, then `emptyStyled` empty rows that only carry a style (as a sheet formatted to the bottom). */
export function sheetXml(rows: string[][], emptyStyled = 0): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const parts = ['<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  rows.forEach((r, i) => {
    parts.push(`<row r="${i + 1}">`);
    r.forEach((v, c) => parts.push(`<c r="${col(c)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`));
    parts.push('</row>');
  });
  for (let n = rows.length + 1; n <= rows.length + emptyStyled; n++) parts.push(`<row r="${n}" s="1" customFormat="1" ht="15" customHeight="1"/>`);
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}
