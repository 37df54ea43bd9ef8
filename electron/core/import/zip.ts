/**
 * The checks an .xlsx passes BEFORE its parts are read (xlsx.ts). An .xlsx is a zip; a hostile one can declare small sizes
 * and unpack to gigabytes (a zip bomb), hold thousands of entries, or hide entries a streaming reader would
 * see but the central directory does not list. So:
 *  - the central directory is read and every entry's declared size and the entry count are checked against
 *    the limits (limits.ts);
 *  - the entries must follow one another from the first byte to the central directory (nothing hidden
 *    between them, which is what a streaming reader such as ExcelJS's walks);
 *  - every entry is actually unpacked with an output cap of its declared size: one that unpacks to more (a
 *    lying header) is refused without unpacking further.
 * Returns the unpacked parts the reader needs: the sheet list, the chosen sheet (only that one is kept, however
 * many sheets the workbook has), its merged ranges, the shared strings and the styles.
 */
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { xmlText } from './xlsx';
import { MAX_ENTRY_BYTES, MAX_RATIO, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, mb } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  packed: number;
  size: number;
  offset: number;
}

const refused = (fileName: string, why: string) => new AppError('refused', `${fileName}: ${why}`, [{ path: 'file', message: why }]);

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The entries the central directory lists, checked against the limits. */
export function readCentralDirectory(buf: Buffer, fileName: string): ZipEntry[] {
  const damaged = (what: string) => refused(fileName, `the file is damaged (${what}); open it in Excel or WPS and save it again as .xlsx`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no zip directory at its end');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw refused(fileName, 'the file uses ZIP64, which only files over 4 GB need; save it again as .xlsx in Excel or WPS');
  }
  if (count > MAX_ZIP_ENTRIES) throw refused(fileName, `the workbook holds ${count} parts, more than ${MAX_ZIP_ENTRIES}: it is not an ordinary spreadsheet (a zip bomb?)`);
  if (cdOffset + cdSize > eocd) throw damaged('its directory points past its end');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw damaged('a broken directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const e: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      packed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (e.flags & 1) throw refused(fileName, 'the workbook is password-protected (encrypted); remove the password in Excel or WPS and save it again');
    if (e.method !== 0 && e.method !== 8) throw refused(fileName, `a part (${e.name}) is packed in a way spreadsheets never use (method ${e.method})`);
    if (e.size > MAX_ENTRY_BYTES) throw refused(fileName, `a part (${e.name}) unpacks to ${mb(e.size)}, more than the ${mb(MAX_ENTRY_BYTES)} allowed (a zip bomb?)`);
    if (e.packed > 1024 * 1024 && e.size / Math.max(1, e.packed) > MAX_RATIO) {
      throw refused(fileName, `a part (${e.name}) unpacks to more than ${MAX_RATIO} times its packed size (a zip bomb?)`);
    }
    total += e.size;
    if (total > MAX_UNPACKED_BYTES) throw refused(fileName, `the workbook unpacks to more than ${mb(MAX_UNPACKED_BYTES)} (a zip bomb?); split it into smaller files`);
    entries.push(e);
  }
  return entries;
}

/** Where an entry's packed data starts (after its local header), checking the local header matches. */
function dataStart(buf: Buffer, e: ZipEntry, fileName: string): number {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) {
    throw refused(fileName, `the file is damaged (part ${e.name} is not where its directory says); save it again as .xlsx`);
  }
  const nameLen = buf.readUInt16LE(e.offset + 26);
  if (buf.toString('utf8', e.offset + 30, e.offset + 30 + nameLen) !== e.name) {
    throw refused(fileName, `the file is damaged (part ${e.name} has another name inside); save it again as .xlsx`);
  }
  return e.offset + 30 + nameLen + buf.readUInt16LE(e.offset + 28);
}

/** Unpack one entry, never to more than its declared size. */
export function unpack(buf: Buffer, e: ZipEntry, fileName: string): Buffer {
  const start = dataStart(buf, e, fileName);
  const packed = buf.subarray(start, start + e.packed);
  if (packed.length !== e.packed) throw refused(fileName, `the file is cut short (part ${e.name}); copy it again`);
  let out: Buffer;
  if (e.method === 0) out = packed;
  else {
    try {
      out = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw refused(fileName, `a part (${e.name}) unpacks to more than its header says (a zip bomb?)`);
      throw refused(fileName, `the file is damaged (part ${e.name} does not unpack); open it in Excel or WPS and save it again`);
    }
  }
  if (out.length !== e.size) throw refused(fileName, `the file is damaged (part ${e.name} unpacks to another size than its header says)`);
  return out;
}

export interface SheetRef {
  name: string;
  part: string;
}

export interface CheckedXlsx {
  /** text of xl/workbook.xml */
  workbookXml: string;
  /** the worksheets in workbook order */
  sheets: SheetRef[];
  /** the sheet chosen, its unpacked bytes and its merged ranges ("A1:H1") */
  chosen: SheetRef;
  sheetXml: Buffer;
  merges: string[];
  /** bytes of xl/sharedStrings.xml (empty when the workbook has none), text of xl/styles.xml */
  sharedStringsXml: Buffer;
  stylesXml: string;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Check the whole zip (see the module comment) and return what the reader needs: the sheet list first (from
 * the workbook and its relations), so that `choose` picks the sheet and only that sheet's bytes are kept.
 */
export function checkXlsxZip(buf: Buffer, fileName: string, choose: (sheets: SheetRef[]) => SheetRef): CheckedXlsx {
  const entries = readCentralDirectory(buf, fileName);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get('xl/workbook.xml');
  if (!wbEntry) {
    if (byName.has('xl/workbook.bin')) throw refused(fileName, 'this is an Excel binary workbook (.xlsb); save it as .xlsx (Excel Workbook) and import that');
    throw refused(fileName, 'this is a zip file, not an Excel workbook (.xlsx)');
  }
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const workbookXml = unpack(buf, wbEntry, fileName).toString('utf8');
  const relsXml = relsEntry ? unpack(buf, relsEntry, fileName).toString('utf8') : '';
  const sheets = sheetList(workbookXml, relsXml, new Set(entries.filter((e) => WORKSHEET.test(e.name)).map((e) => e.name)));
  const chosen = choose(sheets);
  // entries back to back from the first byte to the directory: nothing a streaming reader would see is unchecked
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let expect = 0;
  let sheetXml: Buffer | null = null;
  let sharedStringsXml: Buffer = Buffer.alloc(0);
  let stylesXml = '';
  for (const e of sorted) {
    if (e.offset !== expect) throw refused(fileName, 'the file holds data its directory does not list; open it in Excel or WPS and save it again');
    const data = unpack(buf, e, fileName);
    let end = dataStart(buf, e, fileName) + e.packed;
    if (e.flags & 8) {
      // data descriptor: optional signature, crc, sizes (4 or 8 bytes each)
      const sig = end + 4 <= buf.length && buf.readUInt32LE(end) === 0x08074b50 ? 4 : 0;
      const next = end + sig + 12;
      const next64 = end + sig + 20;
      end = next + 4 <= buf.length && [0x04034b50, 0x02014b50].includes(buf.readUInt32LE(next)) ? next : next64;
    }
    expect = end;
    if (e.name === chosen.part) sheetXml = data;
    else if (e.name === 'xl/sharedStrings.xml') sharedStringsXml = data;
    else if (e.name === 'xl/styles.xml') stylesXml = data.toString('utf8');
  }
  if (!sheetXml) throw refused(fileName, `sheet "${chosen.name}" could not be read; open the file in Excel or WPS and save it again`);
  return { workbookXml, sheets, chosen, sheetXml, merges: mergedRanges(sheetXml), sharedStringsXml, stylesXml };
}

/** The ref="A1:H1" of each <mergeCell> (the list comes after the sheet's data). */
function mergedRanges(xml: Buffer): string[] {
  const at = xml.lastIndexOf('<mergeCells');
  if (at < 0) return [];
  const tail = xml.toString('utf8', at, Math.min(xml.length, at + 4 * 1024 * 1024));
  return [...tail.matchAll(/<mergeCell\s+ref="([A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7})"/g)].map((m) => m[1]!);
}

/** The sheets in workbook order: name and part name (only worksheets present in the zip, not chart sheets). */
function sheetList(workbookXml: string, relsXml: string, worksheets: Set<string>): SheetRef[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: { name: string; part: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]+)"/.exec(m[0])?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part && worksheets.has(part)) out.push({ name: xmlText(name), part });
  }
  return out;
}
