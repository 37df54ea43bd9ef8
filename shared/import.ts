/**
 * Spreadsheet in: importing products, parties and order lines from the .xlsx / .csv / .tsv files traders
 * have (electron/core/import). The API:
 *
 * 'import.preview' { kind, file, sheet?, encoding?, headerRow?, columns?, mappingName?, … }
 *   Reads the file (bytes, base64), finds the header row, proposes a column mapping (or applies the one
 *   given), validates EVERY row and returns: the sheets, the encoding, the header row, the mapping, the first
 *   rows as they will be stored (with the changes to existing products/parties), each rejected row with its
 *   row number in the file, its column and the reason, the skipped (blank, totals, repeated header) rows, and
 *   the counts. Nothing is written. Runs as a job (progress events carry cancelToken).
 *
 * 'import.run' { …the same, onlyValid, order options }
 *   The same reading and checking, then writes everything in ONE transaction: products matched by item no.
 *   (updated with the changes shown) or created, parties matched by name and role, or order lines as one new
 *   draft order. Rows were rejected and onlyValid is not set → refused, nothing written. A cancel or a failure
 *   leaves the company file as it was.
 *
 * 'import.mappings.list|save|delete': named mappings (file header → field) reused for the next file from the
 *   same source; kept in the company file (table import_mapping).
 *
 * Files travel as base64 in the call: in browser mode the request body is limited to 32 MB and base64 grows a
 * file by a third, so a file up to 23 MB can be imported there (a larger one is refused before the upload, with
 * the advice to use the command line, which reads any file up to 100 MB from its path).
 */
import { z } from 'zod';
import { jobId } from './ledgers';
import { id, isoDate, rate, currency } from './trade';
import type { PartyRole } from './api';

/** shared/api.ts PARTY_ROLES (not imported: api.ts imports this file) */
const ROLES = ['customer', 'supplier', 'agent', 'forwarder', 'broker'] as const satisfies readonly PartyRole[];

export const IMPORT_KINDS = ['products', 'parties', 'order-lines'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** The fields a column can be mapped to, per kind (API field names; pseudo-fields explained beside). */
export const IMPORT_FIELDS = {
  products: [
    'itemNo', 'nameZh', 'nameEn', 'spec', 'hsCode', 'declElements', 'brand', 'customsUnit', 'pcsPerCarton',
    /** "60*40*50" split into length, width, height */
    'cartonSize',
    'cartonLengthCm', 'cartonWidthCm', 'cartonHeightCm', 'grossKgPerCarton', 'netKgPerCarton', 'defaultPrice', 'currency',
    /** a supplier party by name or 商户号 */
    'supplier',
    'importDutyRate', 'importVatRate', 'notes',
  ],
  parties: ['nameZh', 'nameEn', 'roles', 'country', 'phone', 'wechat', 'whatsapp', 'email', 'address', 'booth', 'stallRegNo', 'idDocNo', 'nationality', 'notes'],
  'order-lines': [
    'itemNo', 'nameZh', 'nameEn', 'spec', 'hsCode', 'unit', 'cartons', 'pcsPerCarton', 'quantity', 'unitPrice',
    /** checked against quantity × unit price, not stored */
    'amount',
    'grossKg', 'netKg', 'cbm',
    /** the stall (supplier) of a sales line, by name or 商户号 */
    'stall',
    'notes',
  ],
} as const satisfies Record<ImportKind, readonly string[]>;
export const ALL_IMPORT_FIELDS = [...new Set(Object.values(IMPORT_FIELDS).flat())] as string[];

/** The most bytes a file may have in a call (base64 in the request body of browser mode: 32 MB). */
export const IMPORT_MAX_UPLOAD_BYTES = 23 * 1024 * 1024;

const field = z.string().max(40).refine((f) => f === '' || ALL_IMPORT_FIELDS.includes(f), 'not an import field');
const name = z.string().trim().min(1, 'give the mapping a name').max(100);

export const ImportFileSchema = z
  .object({
    name: z.string().trim().min(1).max(255).refine((s) => !/[\\/\0]/.test(s), 'a file name without folders'),
    dataBase64: z.string().max(Math.ceil((IMPORT_MAX_UPLOAD_BYTES * 4) / 3) + 8, `files up to ${IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024} MB can be uploaded; import larger ones with the command line`),
  })
  .strict();

const previewFields = {
  kind: z.enum(IMPORT_KINDS),
  file: ImportFileSchema,
  sheet: z.string().max(100).optional(),
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  /** the header row's number in the file (default: found) */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** the field of each column (0 = column A; '' = not imported); default: proposed from the headers */
  columns: z.array(field).max(200).optional(),
  /** a saved mapping to apply (by name) */
  mappingName: name.optional(),
  /** parties: the role of rows without a role column (default customer) */
  role: z.enum(ROLES).optional(),
  /** order lines: the party of the new draft order */
  partyId: id.optional(),
  cancelToken: jobId.optional(),
};

export const ImportPreviewSchema = z.object(previewFields).strict();

export const ImportRunSchema = z
  .object({
    ...previewFields,
    /** write the valid rows even though some were rejected (after the user saw the list) */
    onlyValid: z.boolean().optional(),
    /** order lines: sales (a customer's order) or purchase (from a supplier); default from the party's roles */
    orderKind: z.enum(['sales', 'purchase']).optional(),
    orderDate: isoDate.optional(),
    currency: currency.optional(),
    rate: rate.optional(),
  })
  .strict();

export const ImportMappingSaveSchema = z
  .object({
    name,
    kind: z.enum(IMPORT_KINDS),
    /** header text in the file → field ('' = not imported) */
    columns: z.array(z.object({ header: z.string().max(200), field }).strict()).min(1).max(200),
  })
  .strict();

export interface ImportMapping {
  name: string;
  kind: ImportKind;
  columns: { header: string; field: string }[];
  updatedAt: string;
}

export interface ImportColumn {
  index: number;
  /** A, B, …, AA */
  letter: string;
  /** the header text in the file (both header rows joined when there are two) */
  header: string;
  field: string | null;
  /** the first few values under it */
  samples: string[];
}

export interface ImportIssue {
  /** the row number in the file, as Excel shows it */
  row: number;
  /** the column's header in the file (or the field when no column is mapped to it) */
  column: string;
  field: string;
  message: string;
}

export type SkipReason = 'blank' | 'totals' | 'header';
export interface ImportSkip {
  row: number;
  reason: SkipReason;
  /** the text that marked a totals row (合计, Total) */
  text?: string;
}

export interface ImportPreviewRow {
  row: number;
  /** products/parties: a new record, or an update of an existing one (with the changes), or no change */
  action: 'create' | 'update' | 'unchanged' | 'line';
  /** the values as they will be stored, by field */
  values: Record<string, string>;
  /** update: field → [now, after] */
  changes?: Record<string, [string, string]>;
  /** the existing record updated */
  matchId?: number;
}

export interface ImportCounts {
  /** data rows below the header */
  rows: number;
  valid: number;
  rejected: number;
  skipped: number;
  create: number;
  update: number;
  unchanged: number;
}

export interface ImportPreview {
  jobId: string;
  kind: ImportKind;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: ImportEncoding | null;
  detectedEncoding: ImportEncoding | null;
  sheets: string[];
  sheet: string;
  /** the header row(s) in the file (two when a merged group header sits above) */
  headerRows: number[];
  columns: ImportColumn[];
  /** fields no column is mapped to that the import needs (e.g. itemNo for products) */
  missing: string[];
  rows: ImportPreviewRow[];
  rejected: ImportIssue[];
  skipped: ImportSkip[];
  counts: ImportCounts;
  /** true when rejected / skipped were cut at the report limit (the counts are complete) */
  truncated: boolean;
  notes: string[];
  mappingName: string | null;
}

export interface ImportResult extends ImportPreview {
  written: { created: number; updated: number; unchanged: number; lines: number };
  /** order lines: the new draft order */
  order: { id: number; no: string } | null;
}
