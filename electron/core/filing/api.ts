/**
 * The filing pack behind the API: the pack is written into the data folder's exports/ (so a copy stays
 * beside the company file) and returned as bytes, which the window saves where the user chooses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiParsedArg } from '../../../shared/api';
import type { FilingExport } from '../../../shared/filing';
import type { DB } from '../db';
import { notFound } from '../errors';
import { buildFilingPack } from './pack';

/** A local date-time stamp for file names: 20261129-101500. */
export function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A file name that is safe on every OS from a shipment no. (which the user may have typed). */
export function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80) || 'shipment';
}

export async function exportFilingPack(db: DB, dataDir: string, arg: ApiParsedArg<'filing.export'>, now = new Date()): Promise<FilingExport> {
  const s = db.prepare('SELECT no FROM shipment WHERE id = ?').get(arg.shipmentId) as { no: string } | undefined;
  if (!s) throw notFound('Shipment', arg.shipmentId);
  const dir = path.join(dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `${safeFileName(s.no)}-1039-${stamp(now)}${arg.draft ? '-DRAFT' : ''}.xlsx`;
  const result = await buildFilingPack(db, arg.shipmentId, path.join(dir, fileName), {
    ...(arg.draft !== undefined ? { draft: arg.draft } : {}),
    ...(arg.usdRate !== undefined ? { usdRate: arg.usdRate } : {}),
    ...(arg.simplified === false ? { simplified: false as const } : {}),
  });
  return {
    fileName,
    dataBase64: fs.readFileSync(result.file).toString('base64'),
    declarations: result.declarations,
    problems: result.problems,
  };
}
