/**
 * What the documents for foreign buyers share: a workbook context on the filing sheets' look (filing/layout.ts),
 * paragraphs in two languages, the seller and buyer blocks, signatures, and writing the file into exports/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Company, Party } from '../../../shared/api';
import type { DocumentExport } from '../../../shared/documents';
import { newWorkbook, setText, writeWorkbook } from '../excel';
import { safeFileName, stamp } from '../filing/api';
import { STYLE, type PackContext, type Sheet } from '../filing/layout';
import { countryEn } from '../filing/text';
import type { DocKey, DocTexts } from './texts';

export function newDocument(company: Company, title: string, docNo: string): PackContext {
  const companyName = company.nameZh || company.nameEn;
  return { wb: newWorkbook({ title, company: companyName }), usedNames: new Set(), draft: false, companyName, shipmentNo: docNo };
}

/** A paragraph in the buyer's language: right to left and aligned right when the language is (Arabic). */
export function foreignStyle(tx: DocTexts, base: Partial<ExcelJS.Style> = STYLE.value): Partial<ExcelJS.Style> {
  if (!tx.rtl) return base;
  return { ...base, alignment: { ...base.alignment, horizontal: 'right', readingOrder: 'rtl' } };
}

/** A paragraph twice: the Chinese line, then the buyer's language on its own line (full width, wrapped). */
export function paragraph(s: Sheet, tx: DocTexts, key: DocKey, vars?: Record<string, string>, style: Partial<ExcelJS.Style> = STYLE.value): void {
  s.line(tx.zh(key, vars), style);
  s.line(tx.fx(key, vars), foreignStyle(tx, style));
}

/** Our company as a document names it: English name (for the buyer), Chinese name, address. */
export const sellerText = (c: Company) => [c.nameEn, c.nameZh, c.address].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('\n');

/** The buyer: names, address, country. */
export const buyerText = (b: Party) =>
  [b.nameEn, b.nameZh, b.address, b.country === '' ? '' : countryEn(b.country)].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('\n');

/** Two signature blocks side by side: the seller's (left half) and the buyer's (right half). */
export function signatures(s: Sheet, tx: DocTexts, seller: string, buyer: string): void {
  const half = Math.floor(s.columns / 2);
  const r = s.row++;
  setBlock(s, r, 1, half, `${tx.bi('common.sellerSignature', {}, '\n')}\n${seller}\n\n\n${tx.bi('common.date')}:`);
  setBlock(s, r, half + 1, s.columns, `${tx.bi('common.buyerSignature', {}, '\n')}\n${buyer}\n\n\n${tx.bi('common.date')}:`);
  s.ws.getRow(r).height = 110;
}

function setBlock(s: Sheet, r: number, c1: number, c2: number, text: string): void {
  setText(s.merge(r, c1, c2), text, { ...STYLE.label, alignment: { vertical: 'top', wrapText: true } });
}

/** Write the workbook into the data folder's exports/ and return it as bytes for the window to save. */
export async function saveDocument(ctx: PackContext, dataDir: string, baseName: string, tx: DocTexts, outFile?: string): Promise<DocumentExport & { file: string }> {
  const fileName = `${safeFileName(baseName)}-${tx.lang}-${stamp(new Date())}.xlsx`;
  let target = outFile;
  if (!target) {
    const dir = path.join(dataDir, 'exports');
    fs.mkdirSync(dir, { recursive: true });
    target = path.join(dir, fileName);
  }
  const file = await writeWorkbook(ctx.wb, target);
  return { file, fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64'), language: tx.lang };
}
