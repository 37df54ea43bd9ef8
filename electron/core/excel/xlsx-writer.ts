/**
 * The fast streaming xlsx writer for long sheets (ledgers, grid exports): the sheet XML is written by hand and
 * deflated with fflate straight into the file, one sheet after another, so memory stays bounded however long the
 * sheet (only the shared-strings table grows, with the distinct texts). ExcelJS's streaming writer did the same
 * job 3–4× slower (it builds a cell object and serialises a style per cell); DESIGN.md has the measurements.
 *
 * What a sheet gets is what the Excel helpers give every exported sheet (cells.ts, sheet.ts):
 *  - typed cells: text as shared strings, numbers as numbers (written from the core's exact decimal strings, never
 *    through a float), dates as serial days with a date format; codes are text;
 *  - text that a spreadsheet could take for a formula is written with a quotePrefix style (cells.ts
 *    looksLikeFormula), control characters removed and length capped (cells.ts cleanText);
 *  - frozen header (sheetViews), fitted column widths, autofilter, A4 page setup fitted to one page wide with the
 *    header row repeated on every page and a header/footer (sheet.ts pageHeaderFooter), a print area.
 * Styles are ExcelJS-shaped objects (font, fill, border, alignment, numFmt, quotePrefix), so the style constants of
 * the sheets stay as they are; each distinct combination becomes one <xf> of styles.xml.
 *
 * Order of work: `addSheet` → (optional) `columns(widths)` → `row(...)` … → `end(...)`; then the next sheet.
 * Rows are kept in memory until the widths are given (the ledgers fit them to the first few hundred rows), then
 * flushed. `finish(order)` writes workbook, styles, shared strings and the package parts, fsyncs and closes the
 * file; `abort()` closes it (the caller removes the temp file). Writes are synchronous (the export runs in a
 * worker thread): nothing queues, so nothing grows while the disk is slow.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { Zip, type ZipInputFile } from 'fflate';
import { cleanText, decimalText, looksLikeFormula, numberFormat, usedDecimals } from './cells';
import { columnLetter, pageHeaderFooter, PORTRAIT_WIDTH, type PrintOptions } from './sheet';

export type XStyle = Partial<ExcelJS.Style> & { quotePrefix?: boolean };

/** Deflate level: 1–3 are much faster than the default 6 and sheet XML compresses almost as well. */
const LEVEL = 1;
/** Characters of XML gathered before they are encoded and deflated. */
const CHUNK_CHARS = 256 * 1024;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function escapeXml(s: string): string {
  return /[&<>"\r]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;') : s;
}

// ---------------------------------------------------------------------------------------------------------
// Zip entries: fflate writes the zip container; the deflating is Node's own zlib (native, about 5× faster here
// than fflate's JavaScript deflate, which took most of an export's time)

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 of the zip format, continued from `crc` (zlib.crc32 where Node has it: 20.15, 22.2 and later). */
function crc32(data: Uint8Array, crc: number): number {
  const native = (zlib as { crc32?: (d: Uint8Array, v: number) => number }).crc32;
  if (native) return native(data, crc);
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * A deflated zip entry fed in chunks: each chunk is deflated on its own and ends on a byte boundary (a sync flush),
 * the last one ends the stream, so the pieces together are one valid deflate stream.
 */
class DeflateEntry implements ZipInputFile {
  crc = 0;
  size = 0;
  readonly compression = 8;
  /** "fast" in the zip header's compression flags */
  readonly flag = 2;
  mtime = Date.now();
  ondata!: (err: Error | null, data: Uint8Array, final: boolean) => void;

  constructor(readonly filename: string) {}

  push(chunk: Uint8Array, final = false): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    const out = zlib.deflateRawSync(chunk, { level: LEVEL, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
    this.ondata(null, out, final);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Styles

/** Number formats Excel knows by id (ExcelJS reads them back by the same ids). */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

const DEFAULT_FONT = { name: 'Calibri', size: 11 };

function colorXml(tag: string, c: Partial<ExcelJS.Color> | undefined): string {
  if (!c) return '';
  if (c.argb) return `<${tag} rgb="${c.argb}"/>`;
  if (c.theme !== undefined) return `<${tag} theme="${c.theme}"/>`;
  return '';
}

function fontXml(f: Partial<ExcelJS.Font>): string {
  const font = { ...DEFAULT_FONT, ...f };
  return (
    '<font>' +
    (font.bold ? '<b/>' : '') +
    (font.italic ? '<i/>' : '') +
    (font.underline ? '<u/>' : '') +
    `<sz val="${font.size}"/>` +
    colorXml('color', font.color) +
    `<name val="${escapeXml(font.name)}"/><family val="2"/>` +
    '</font>'
  );
}

function fillXml(fill: ExcelJS.Fill): string {
  if (fill.type !== 'pattern') throw new Error('only pattern fills are written');
  return `<fill><patternFill patternType="${fill.pattern}">${colorXml('fgColor', fill.fgColor)}${colorXml('bgColor', fill.bgColor)}</patternFill></fill>`;
}

function borderXml(b: Partial<ExcelJS.Borders>): string {
  const side = (tag: 'left' | 'right' | 'top' | 'bottom') => {
    const s = b[tag];
    return s?.style ? `<${tag} style="${s.style}">${colorXml('color', s.color)}</${tag}>` : `<${tag}/>`;
  };
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}

function alignmentXml(a: Partial<ExcelJS.Alignment>): string {
  let s = '<alignment';
  if (a.horizontal) s += ` horizontal="${a.horizontal}"`;
  // ExcelJS calls Excel's vertical "center" 'middle'
  if (a.vertical) s += ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"`;
  if (a.wrapText) s += ' wrapText="1"';
  if (a.indent) s += ` indent="${a.indent}"`;
  return `${s}/>`;
}

class StyleTable {
  private readonly fonts = [fontXml({})];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = [borderXml({})];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map<string, number>([[this.xfs[0]!, 0]]);
  /** style object → (numFmt|quotePrefix → xf id) */
  private readonly byObject = new WeakMap<object, Map<string, number>>();
  private readonly plain = new Map<string, number>();

  private index(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  private numFmtId(fmt: string | undefined): number {
    if (!fmt) return 0;
    const builtin = BUILTIN_FORMATS[fmt];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(fmt);
    if (id === undefined) this.numFmts.set(fmt, (id = 164 + this.numFmts.size));
    return id;
  }

  /**
   * The xf id of `style` with `numFmt` (overriding the style's own) and quotePrefix. Cached per style object, so
   * a style constant costs one Map lookup per cell.
   */
  id(style: XStyle | undefined, numFmt?: string, quotePrefix = false): number {
    const key = quotePrefix ? `${numFmt ?? ''}|q` : (numFmt ?? '');
    let cache: Map<string, number> | undefined;
    if (style) {
      cache = this.byObject.get(style);
      if (!cache) this.byObject.set(style, (cache = new Map()));
    } else cache = this.plain;
    let id = cache.get(key);
    if (id === undefined) cache.set(key, (id = this.build(style ?? {}, numFmt ?? style?.numFmt, quotePrefix || style?.quotePrefix === true)));
    return id;
  }

  private build(style: XStyle, numFmt: string | undefined, quotePrefix: boolean): number {
    const fmt = this.numFmtId(numFmt);
    const font = style.font ? this.index(this.fonts, fontXml(style.font)) : 0;
    const fill = style.fill ? this.index(this.fills, fillXml(style.fill)) : 0;
    const border = style.border ? this.index(this.borders, borderXml(style.border)) : 0;
    const align = style.alignment ? alignmentXml(style.alignment) : '';
    let xf = `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"`;
    if (fmt) xf += ' applyNumberFormat="1"';
    if (font) xf += ' applyFont="1"';
    if (fill) xf += ' applyFill="1"';
    if (border) xf += ' applyBorder="1"';
    if (align) xf += ' applyAlignment="1"';
    if (quotePrefix) xf += ' quotePrefix="1"';
    xf += align ? `>${align}</xf>` : '/>';
    let id = this.xfIds.get(xf);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push(xf);
      this.xfIds.set(xf, id);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(f)}"/>`);
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cells

/** Excel's serial day of a calendar date (1900 date system): 2026-01-15 → 46037. */
export function serialDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

const COLUMN_LETTERS: string[] = [];
/** 0 → "A" (cached). */
export function colName(i: number): string {
  return (COLUMN_LETTERS[i] ??= columnLetter(i + 1));
}

/** A sheet's print layout, given when it ends. */
export interface SheetEnd {
  /** autofilter over rows headerRow..lastRow of the first `columns` columns */
  autoFilter?: { headerRow: number; lastRow: number; columns: number };
  print: PrintOptions;
}

// ---------------------------------------------------------------------------------------------------------
// The workbook

interface SheetInfo {
  name: string;
  file: string;
  printArea: string;
  printTitles?: string;
  filter?: string;
}

export class XlsxWriter {
  readonly styles = new StyleTable();
  private readonly strings = new Map<string, number>();
  private readonly stringXml: string[] = [];
  private stringRefs = 0;
  private readonly rawTexts = new Map<string, number>();
  private readonly zip: Zip;
  private fd: number | null;
  private readonly sheets: SheetInfo[] = [];
  private open: XlsxSheet | null = null;
  private failure: unknown = null;

  constructor(
    readonly file: string,
    private readonly meta: { title: string; company?: string; created?: Date },
  ) {
    // 'wx': the temp name is new; never write over something that is there
    this.fd = fs.openSync(file, 'wx');
    this.zip = new Zip((err, data) => {
      if (err) {
        this.failure ??= err;
        return;
      }
      if (this.fd !== null && this.failure === null) {
        try {
          fs.writeSync(this.fd, data);
        } catch (e) {
          this.failure = e;
        }
      }
    });
  }

  /** Throw the first write error (disk full …) if there was one. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /**
   * A text as a cell needs it, remembered per raw text (ledger texts repeat: names, units, statuses, currencies), so
   * a repeated text costs one Map lookup instead of cleaning, the formula check and the shared-string lookup:
   * -1 when the cleaned text is empty, else its shared-string index × 2, +1 when it looks like a formula.
   */
  textCode(raw: string): number {
    let code = this.rawTexts.get(raw);
    if (code === undefined) {
      const s = cleanText(raw);
      code = s === '' ? -1 : this.stringIndex(s) * 2 + (looksLikeFormula(s) ? 1 : 0);
      this.rawTexts.set(raw, code);
    }
    if (code >= 0) this.stringRefs++;
    return code;
  }

  /** The shared-string index of a text (already cleaned). */
  sharedString(s: string): number {
    this.stringRefs++;
    return this.stringIndex(s);
  }

  private stringIndex(s: string): number {
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.stringXml.length;
      this.strings.set(s, i);
      const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
      // "_x0041_" in a text is Excel's escape of a character: its "_" is escaped in turn, so the text stays as written
      const text = s.includes('_x') ? s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : s;
      this.stringXml.push(`<si><t${preserve}>${escapeXml(text)}</t></si>`);
    }
    return i;
  }

  /** Begin the next sheet (the one before must have ended). `name` must be a valid, unique sheet name. */
  addSheet(name: string, opts: { frozenRows?: number; landscapeHint?: boolean } = {}): XlsxSheet {
    if (this.open) throw new Error(`sheet ${this.open.name} has not ended`);
    const file = `xl/worksheets/sheet${this.sheets.length + 1}.xml`;
    const entry = new DeflateEntry(file);
    this.zip.add(entry);
    const sheet = new XlsxSheet(this, name, entry, opts.frozenRows ?? 0, (info) => {
      this.sheets.push({ name, file, ...info });
      this.open = null;
    });
    this.open = sheet;
    return sheet;
  }

  private entry(name: string, xml: string): void {
    const e = new DeflateEntry(name);
    this.zip.add(e);
    e.push(Buffer.from(xml, 'utf8'), true);
  }

  /**
   * Write the workbook (sheets in `order` of their names; default: as added), styles, shared strings and package
   * parts; flush to disk and close. The caller renames the file.
   */
  finish(order?: string[]): void {
    if (this.open) throw new Error(`sheet ${this.open.name} has not ended`);
    const byName = new Map(this.sheets.map((s) => [s.name, s]));
    const sheets = order ? order.map((n) => byName.get(n)!) : this.sheets;
    if (sheets.length !== this.sheets.length || sheets.some((s) => !s)) throw new Error('the sheet order must name every sheet once');
    const quoted = (n: string) => `'${n.replace(/'/g, "''")}'`;
    const names: string[] = [];
    sheets.forEach((s, i) => {
      const q = escapeXml(quoted(s.name));
      if (s.filter) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${q}!${s.filter}</definedName>`);
      names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${q}!${s.printArea}</definedName>`);
      if (s.printTitles) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${q}!${s.printTitles}</definedName>`);
    });
    this.entry(
      'xl/workbook.xml',
      XML_HEAD +
        `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rIdS${this.sheets.indexOf(s) + 1}"/>`).join('') +
        `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`,
    );
    this.entry(
      'xl/_rels/workbook.xml.rels',
      XML_HEAD +
        `<Relationships xmlns="${NS_PKG_REL}">` +
        this.sheets.map((s, i) => `<Relationship Id="rIdS${i + 1}" Type="${NS_REL}/worksheet" Target="${s.file.slice(3)}"/>`).join('') +
        `<Relationship Id="rIdStyles" Type="${NS_REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rIdStrings" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    );
    this.entry('xl/styles.xml', this.styles.xml());
    {
      const e = new DeflateEntry('xl/sharedStrings.xml');
      this.zip.add(e);
      const parts = [XML_HEAD, `<sst xmlns="${NS_MAIN}" count="${this.stringRefs}" uniqueCount="${this.stringXml.length}">`];
      let size = 0;
      for (const si of this.stringXml) {
        parts.push(si);
        size += si.length;
        if (size > CHUNK_CHARS) {
          e.push(Buffer.from(parts.join(''), 'utf8'));
          parts.length = 0;
          size = 0;
        }
      }
      parts.push('</sst>');
      e.push(Buffer.from(parts.join(''), 'utf8'), true);
    }
    const ct = 'application/vnd.openxmlformats-officedocument';
    this.entry(
      '[Content_Types].xml',
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
        this.sheets.map((s) => `<Override PartName="/${s.file}" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`).join('') +
        `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
        '</Types>',
    );
    this.entry(
      '_rels/.rels',
      XML_HEAD +
        `<Relationships xmlns="${NS_PKG_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    const when = (this.meta.created ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
    this.entry(
      'docProps/core.xml',
      XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>Trade Records</dc:creator><dc:title>${escapeXml(this.meta.title)}</dc:title><cp:lastModifiedBy>Trade Records</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    );
    this.entry(
      'docProps/app.xml',
      XML_HEAD +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Trade Records</Application>' +
        `<Company>${escapeXml(this.meta.company ?? '')}</Company></Properties>`,
    );
    this.zip.end();
    this.check();
    const fd = this.fd!;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    this.fd = null;
  }

  /** Stop after an error or a cancel: close the file (the caller removes it). */
  abort(): void {
    this.failure ??= new Error('aborted');
    try {
      this.zip.terminate();
    } catch {
      // nothing to stop
    }
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// A sheet

export class XlsxSheet {
  private parts: string[] = [];
  private size = 0;
  private started = false;
  private widths: number[] | null = null;
  private lastRow = 0;

  constructor(
    private readonly book: XlsxWriter,
    readonly name: string,
    private readonly entry: DeflateEntry,
    private readonly frozenRows: number,
    private readonly onEnd: (info: Omit<SheetInfo, 'name' | 'file'>) => void,
  ) {}

  /** The xf id of a style (see StyleTable.id). */
  style(style: XStyle | undefined, numFmt?: string, quotePrefix = false): number {
    return this.book.styles.id(style, numFmt, quotePrefix);
  }

  /** Column widths (in characters, from column A); rows written so far are kept until these are given. */
  columns(widths: number[]): void {
    if (this.started) throw new Error('column widths must be given before the rows are written');
    this.widths = widths;
    this.flush(false);
  }

  // --- cells: each returns the cell's XML; `ref` is the cell address ("B12")

  /** A text cell: cleaned, quotePrefix when it looks like a formula; empty text gives an empty (styled) cell. */
  text(ref: string, text: string, style?: XStyle): string {
    const code = this.book.textCode(text);
    if (code < 0) return this.blank(ref, style);
    const id = this.style(style, undefined, (code & 1) === 1);
    return `<c r="${ref}"${id ? ` s="${id}"` : ''} t="s"><v>${code >>> 1}</v></c>`;
  }

  /** A number cell from a decimal string ("1234.5", "-3") or a number, with a number format. */
  number(ref: string, value: string | number, style?: XStyle, numFmt?: string): string {
    const id = this.style(style, numFmt);
    return `<c r="${ref}"${id ? ` s="${id}"` : ''}><v>${value}</v></c>`;
  }

  /**
   * A number cell from a scaled integer (as cells.ts setScaled): `decimals` fixes the decimals shown (default: all
   * of `scale`), 'trim' shows only those the value uses.
   */
  scaled(ref: string, scaled: number, scale: number, decimals: number | 'trim' = scale, style?: XStyle): string {
    return this.number(ref, decimalText(scaled, scale), style, numberFormat(decimals === 'trim' ? usedDecimals(scaled, scale) : decimals));
  }

  /** An empty cell: written only when it has a style. */
  blank(ref: string, style?: XStyle): string {
    const id = this.style(style);
    return id ? `<c r="${ref}" s="${id}"/>` : '';
  }

  /** A row of cells (their XML joined); rows must come in order. */
  row(r: number, cells: string, opts: { height?: number } = {}): void {
    if (r <= this.lastRow) throw new Error(`${this.name}: row ${r} after row ${this.lastRow}`);
    this.lastRow = r;
    const ht = opts.height ? ` ht="${opts.height}" customHeight="1"` : '';
    this.push(`<row r="${r}"${ht}>${cells}</row>`);
  }

  private push(xml: string): void {
    this.parts.push(xml);
    this.size += xml.length;
    if (this.size > CHUNK_CHARS && this.widths) this.flush(false);
  }

  private flush(final: boolean): void {
    if (!this.started) {
      this.started = true;
      this.parts.unshift(this.head());
    }
    if (final) this.parts.push(this.tail);
    this.entry.push(Buffer.from(this.parts.join(''), 'utf8'), final);
    this.parts = [];
    this.size = 0;
    this.book.check();
  }

  private tail = '';

  private head(): string {
    const f = this.frozenRows;
    const views = f
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${f}" topLeftCell="A${f + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${f + 1}" sqref="A${f + 1}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const cols = (this.widths ?? []).map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    return (
      XML_HEAD +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${views}<sheetFormatPr defaultRowHeight="15"/>` +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>'
    );
  }

  /** End the sheet: autofilter and print layout; its XML is complete in the zip afterwards. */
  end(opts: SheetEnd): void {
    const p = opts.print;
    const width = (this.widths ?? []).slice(0, p.columns).reduce((a, w) => a + w, 0) + Math.max(0, p.columns - (this.widths?.length ?? 0)) * 9;
    const orientation = p.orientation === undefined || p.orientation === 'auto' ? (width > PORTRAIT_WIDTH ? 'landscape' : 'portrait') : p.orientation;
    const lastCol = colName(p.columns - 1);
    const lastRow = Math.max(p.lastRow ?? this.lastRow, 1);
    const hf = pageHeaderFooter(this.name, p);
    let tail = '</sheetData>';
    let filter: string | undefined;
    if (opts.autoFilter) {
      const a = opts.autoFilter;
      const ref = `A${a.headerRow}:${colName(a.columns - 1)}${Math.max(a.lastRow, a.headerRow)}`;
      tail += `<autoFilter ref="${ref}"/>`;
      filter = `$A$${a.headerRow}:$${colName(a.columns - 1)}$${Math.max(a.lastRow, a.headerRow)}`;
    }
    tail +=
      '<printOptions horizontalCentered="1"/>' +
      '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3" footer="0.3"/>' +
      `<pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="0"/>` +
      `<headerFooter><oddHeader>${escapeXml(hf.oddHeader)}</oddHeader><oddFooter>${escapeXml(hf.oddFooter)}</oddFooter></headerFooter>` +
      '</worksheet>';
    this.tail = tail;
    this.flush(true);
    this.onEnd({
      printArea: `$A$1:$${lastCol}$${lastRow}`,
      ...(p.repeatRows ? { printTitles: `$${p.repeatRows[0]}:$${p.repeatRows[1]}` } : {}),
      ...(filter ? { filter } : {}),
    });
  }
}
