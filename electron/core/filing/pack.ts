/**
 * buildFilingPack: one workbook with everything a 1039 export is filed with.
 *
 *   汇总 Summary                    the declarations, USD totals, the USD rule (and open problems in a draft)
 *   交易单-n <stall>                 one transaction voucher per stall and buyer
 *   per declaration (suffix -n when the shipment is split into several):
 *     联网清单                        platform goods list
 *     货物清单                        declaration goods list (merged lines when simplified), remark
 *     简化申报对照                    which lines went into each merged line, and the rule (simplified only)
 *     商业发票 Invoice / 装箱单 Packing List
 *   报关单备注 Remark                the declaration remark text
 *
 * Validation runs first: with problems the pack is refused (AppError 'validation', one issue per problem)
 * unless `draft`, which writes it with 草稿 DRAFT on every sheet (a banner row and the page header). The file
 * is written to a temp name and renamed when complete (excel/write.ts).
 */
import { formatAmount } from '../money';
import type { DB } from '../db';
import { AppError } from '../errors';
import { newWorkbook, writeWorkbook } from '../excel';
import type { PackContext } from './layout';
import { addGoodsSheet, addMappingSheet, addPlatformSheet } from './sheet-lists';
import { addInvoiceSheet, addPackingSheet } from './sheet-invoice';
import { addRemarkSheet, addSummarySheet } from './sheet-summary';
import { addVoucherSheet, voucherGroups } from './sheet-voucher';
import type { DeclarationSummary, FilingProblem } from './types';
import { planFiling, type FilingOptions } from './validate';

export interface FilingPackOptions extends FilingOptions {
  /** write even with problems, marked 草稿 DRAFT */
  draft?: boolean;
}

export interface FilingPackResult {
  file: string;
  declarations: DeclarationSummary[];
  /** the problems a draft was written with (empty for a valid pack) */
  problems: FilingProblem[];
}

/** The problems as an AppError the API and the CLI show: one issue per problem, path "record.id.field". */
export function problemsError(problems: FilingProblem[]): AppError {
  return new AppError(
    'validation',
    `The filing pack cannot be written: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix.`,
    problems.map((p) => ({ path: `${p.record}.${p.id}.${p.field}`, message: `${p.name}: ${p.message}` })),
  );
}

export async function buildFilingPack(db: DB, shipmentId: number, outFile: string, opts: FilingPackOptions = {}): Promise<FilingPackResult> {
  const plan = planFiling(db, shipmentId, opts);
  const { data, declarations, rule, problems } = plan;
  const draft = opts.draft === true && problems.length > 0;
  if (problems.length > 0 && !opts.draft) throw problemsError(problems);

  const companyName = data.company.nameZh || data.company.nameEn;
  const wb = newWorkbook({ title: `Filing pack ${data.shipment.no}`, company: companyName });
  const ctx: PackContext = { wb, usedNames: new Set(), draft, companyName, shipmentNo: data.shipment.no };

  addSummarySheet(ctx, data, declarations, problems);
  for (const g of voucherGroups(data)) addVoucherSheet(ctx, data, g);
  for (const d of declarations) {
    addPlatformSheet(ctx, data, d);
    addGoodsSheet(ctx, data, d);
    if (d.merged && rule) addMappingSheet(ctx, data, d, rule);
    addInvoiceSheet(ctx, data, d);
    addPackingSheet(ctx, data, d);
  }
  addRemarkSheet(ctx, data, declarations);

  const file = await writeWorkbook(wb, outFile);
  return {
    file,
    problems,
    declarations: declarations.map((d) => ({
      index: d.index,
      lines: d.lines.length,
      kinds: d.kinds,
      simplified: d.merged !== null,
      mergedLines: d.merged?.length ?? d.lines.length,
      usd: d.usdCents === null ? '' : formatAmount(d.usdCents, 'USD'),
      currency: data.docCurrency,
      amount: d.docMinor === null ? '' : formatAmount(d.docMinor, data.docCurrency),
    })),
  };
}
