/**
 * The 1039 filing pack as the API shows it (the builders are in electron/core/filing).
 */
import { z } from 'zod';

/** The kind of record a problem is on, so the UI can open it and the user can fix the named field. */
export type FilingRecord = 'company' | 'shipment' | 'shipmentLine' | 'order' | 'orderLine' | 'party' | 'product';

export interface FilingProblem {
  record: FilingRecord;
  /** the record's id (company: 1) */
  id: number;
  /** the record's no. or name as the user knows it: "SO-2026-0003 line 2 (A-1001)", "金华玩具摊位" */
  name: string;
  /** the field to fix, as the API names it: hsCode, unit, grossKg, stallRegNo, nationality … */
  field: string;
  message: string;
}

/** One declaration of the pack (a shipment over USD 150,000 has several). */
export interface DeclarationSummary {
  index: number;
  lines: number;
  kinds: number;
  simplified: boolean;
  mergedLines: number;
  usd: string;
  currency: string;
  amount: string;
}

const shipmentId = z.number().int().positive().max(2 ** 31);
const usdRate = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, 'a rate with at most 6 decimals')
  .refine((s) => /[1-9]/.test(s), 'must be more than 0');

export const FilingValidateSchema = z.object({ shipmentId, usdRate: usdRate.optional() }).strict();
export const FilingExportSchema = z
  .object({
    shipmentId,
    usdRate: usdRate.optional(),
    /** write even with problems, every sheet marked 草稿 DRAFT */
    draft: z.boolean().optional(),
    /** false: never merge lines (no simplified declaration) */
    simplified: z.boolean().optional(),
  })
  .strict();

export interface FilingExport {
  fileName: string;
  /** the workbook, base64 (a pack is small: a 2,000-line shipment is well under a megabyte) */
  dataBase64: string;
  declarations: DeclarationSummary[];
  /** the problems a draft was written with; empty for a valid pack */
  problems: FilingProblem[];
}
