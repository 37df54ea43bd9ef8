/**
 * The one API map. Every call the renderer, the HTTP server, the CLI and the tests can make is named here,
 * with a zod schema for its argument and its result type. electron/core implements it
 * (electron/core/handlers.ts); electron/main binds it to IPC, electron/server to POST /api/<name>.
 *
 * Conventions: money, prices, weights and sizes cross the boundary as decimal strings (see shared/decimal.ts)
 * and are stored as scaled integers. Schemas are strict: unknown fields are an error, not silently dropped.
 */
import { z } from 'zod';
import { isCode } from './codes';
import { decimalPattern } from './decimal';
import { issueKey, unknownCodeKey, type IssueParams } from './issues';
import { isCurrency, type CurrencyInfo } from './currency';
import {
  AttachmentAddSchema,
  ClaimInputSchema,
  ImportCreateSchema,
  ImportUpdateSchema,
  OrderCreateSchema,
  OrderListSchema,
  OrderPageSchema,
  OrderUpdateSchema,
  PaymentInputSchema,
  ReceiveSchema,
  ShipmentCreateSchema,
  ShipmentUpdateSchema,
  StockAdjustSchema,
  TradeSettingsSchema,
  ORDER_KINDS,
  PAYMENT_DIRECTIONS,
  SHIPMENT_STATUSES,
  ATTACHMENT_ENTITIES,
  CLAIM_SETTLEMENTS,
  isoDate,
  currency as tradeCurrency,
  amount as tradeAmount,
  type Attachment,
  type BalanceRow,
  type Claim,
  type Dashboard,
  type ImportRecord,
  type Order,
  type OrderPage,
  type OrderSummary,
  type Payment,
  type ShippableLine,
  type Shipment,
  type ShipmentSummary,
  type StockMove,
  type StockRow,
  type TradeSettings,
} from './trade';
import { FilingExportSchema, FilingValidateSchema, type FilingExport, type FilingProblem } from './filing';
import { JobCancelSchema, LedgersExportSchema, type JobCancelResult, type LedgersExport } from './ledgers';
import { GridExportSchema, type GridExportResult } from './gridExport';
import { OrdersExportSchema } from './ordersExport';
import {
  ChangeOwnPinSchema,
  IdleMinutesSchema,
  SignInSchema,
  UserCreateSchema,
  UserSetPinSchema,
  UserUpdateSchema,
  type AuthStatus,
  type SignInResult,
  type UserInfo,
} from './users';
import { ContractExportSchema, DOC_LANGUAGES, StatementExportSchema, type DocLanguage, type DocumentExport, type StatementExport } from './documents';
import { IMPORT_KINDS, ImportMappingSaveSchema, ImportPreviewSchema, ImportRunSchema, type ImportMapping, type ImportPreview, type ImportResult } from './import';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** Trimmed text with a maximum length; empty string allowed. */
export const text = (max: number) => z.string().max(max).transform((s) => s.trim());
const optText = (max: number) => text(max).optional();
const id = z.number().int().positive().max(2 ** 31);
const currencyCode = z.string().max(3).refine((v) => v === '' || isCurrency(v), { message: 'unknown currency code', params: issueKey('errors.unknownCurrency') });
const code = (table: Parameters<typeof isCode>[0], what: string) =>
  z.string().max(8).refine((v) => v === '' || isCode(table, v), { message: `unknown ${what} code`, params: unknownCodeKey(what) });

export const PARTY_ROLES = ['customer', 'supplier', 'agent', 'forwarder', 'broker'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const LANGUAGES = ['zh', 'en', 'ar', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export { DOC_LANGUAGES, type DocLanguage } from './documents';

export const HS_CODE_RE = /^\d{10}$/;

// ---------------------------------------------------------------------------------------------------------
// Records as the API returns them

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  companyFile: string;
  hasCompany: boolean;
}

export interface Company {
  nameZh: string;
  nameEn: string;
  address: string;
  baseCurrency: string;
  language: Language;
  mpRegNo: string;
  customsCode: string;
  createdAt: string;
  updatedAt: string;
}

export interface Party {
  id: number;
  roles: PartyRole[];
  nameZh: string;
  nameEn: string;
  country: string;
  phone: string;
  wechat: string;
  whatsapp: string;
  email: string;
  address: string;
  booth: string;
  stallRegNo: string;
  idDocNo: string;
  nationality: string;
  /** the language of the party's documents besides Chinese */
  docLanguage: DocLanguage;
  notes: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Product {
  id: number;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  hsCode: string;
  declElements: string;
  brand: string;
  brandType: string;
  customsUnit: string;
  pcsPerCarton: number | null;
  /** Carton outside size in cm, one decimal ("60.5"), or '' when unknown. */
  cartonLengthCm: string;
  cartonWidthCm: string;
  cartonHeightCm: string;
  /** Computed from the carton size: cubic metres per carton, 4 decimals, '' when a size is missing. */
  cbmPerCarton: string;
  /** Weights per carton in kg, 3 decimals, or ''. */
  grossKgPerCarton: string;
  netKgPerCarton: string;
  /** Default unit price, up to 4 decimals, or ''. */
  defaultPrice: string;
  currency: string;
  supplierId: number | null;
  supplierName: string;
  /** import duty and import VAT rates in percent offered on import lines ("6.5", "13"), or '' */
  importDutyRate: string;
  importVatRate: string;
  /** quantity on hand (receipts, imports, adjustments, returns less shipments), up to 3 decimals */
  onHand: string;
  inspection: boolean;
  taxable: boolean;
  notes: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The kinds of record the audit trail names (audit_log.entity). */
export const AUDIT_ENTITIES = [
  'company',
  'party',
  'product',
  'order',
  'payment',
  'shipment',
  'import',
  'claim',
  'attachment',
  'stock_move',
  'setting',
  'user',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One entry of the audit trail: who changed which record when, and how. */
export interface AuditEntry {
  id: number;
  /** ISO timestamp (UTC) */
  at: string;
  user: string;
  entity: string;
  entityId: number;
  /** create, update, archive, unarchive, delete, confirm, cancel, status, … */
  action: string;
  /** an update: { field: [before, after] }; a create or delete: the record's fields */
  changes: unknown;
}

/** The audit trail's hash chain, checked entry by entry in id order. */
export interface AuditVerifyResult {
  ok: boolean;
  /** how many entries were checked */
  entries: number;
  /** the first entry that does not fit the chain (edited, or after a deleted or inserted entry) */
  brokenAt?: { id: number; entity: string; entityId: number; at: string };
  message: string;
}

// ---- Undo and backups (issue 6, "safe") ----------------------------------------------------------------

/** The change the next undo would reverse: its first audit entry names it (a call may write several). */
export interface UndoTarget {
  /** the audit entries of the change, oldest first */
  auditIds: number[];
  entity: string;
  entityId: number;
  action: string;
  /** the record's name or number ('' when it has none) */
  name: string;
  /** further audit entries the same change wrote (e.g. purchase orders generated together) */
  more: number;
  /** why it cannot be undone: not by design, changed since by another window or program, or gone */
  blocked?: 'not_undoable' | 'changed_since' | 'gone';
}

export interface UndoState {
  /** changes of this session that can still be undone, newest first on the stack */
  available: number;
  /** the most the session keeps */
  depth: number;
  next: UndoTarget | null;
}

export interface UndoResult {
  undone: UndoTarget;
  /** the audit entries the undo wrote ("undo of #n"), one per undone entry */
  entries: number[];
  state: UndoState;
}

/** Records a backup holds (tables missing from an older schema count 0). */
export interface BackupCounts {
  parties: number;
  products: number;
  orders: number;
  payments: number;
  shipments: number;
}

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  counts: BackupCounts;
}

/** What a backup file holds, as shown before restoring it. */
export interface BackupInfo extends BackupResult {
  /** The company's name (Chinese, else English); null when the file was never set up. */
  company: string | null;
  /** The latest updated_at/created_at across the main tables; null when there are no records. */
  lastChange: string | null;
  /** The schema version this app writes; a backup below it is migrated when restored. */
  latestSchemaVersion: number;
}

export type BackupKind = 'daily' | 'monthly' | 'manual' | 'before-restore' | 'other';

/** One file in the backup folder. */
export interface BackupEntry {
  file: string;
  name: string;
  kind: BackupKind;
  bytes: number;
  /** file time, ISO */
  modifiedAt: string;
  /** what it holds, read quickly (the full check runs before a restore); absent when it could not be read */
  info?: Omit<BackupInfo, 'file' | 'bytes'>;
  /** why it cannot be read, when it cannot */
  problem?: string;
}

export interface BackupStatus {
  /** where backups go now */
  folder: string;
  /** <data folder>/backups */
  defaultFolder: string;
  custom: boolean;
  keepDaily: number;
  keepMonthly: number;
  companyFile: string;
  backups: BackupEntry[];
}

export interface RestoreDone {
  restored: BackupInfo;
  /** the copy of the file as it was before the restore (null when there was none) */
  safetyBackup: string | null;
  /** where the damaged file was put aside (recovery), if it was */
  keptAside: string | null;
  /** integrity, foreign keys and audit chain of the restored file */
  check: { ok: boolean; problems: string[] };
}

/** Whether the company file opened; when not, what happened and the backups that can replace it. */
export interface RecoveryStatus {
  damaged: boolean;
  /** what is wrong with the file (damaged only) */
  message: string;
  companyFile: string;
  backupFolder: string;
  /** the newest backup that passed the full check, if any */
  latest: BackupInfo | null;
  backups: BackupEntry[];
}

export interface CodeEntry {
  code: string;
  nameZh: string;
  nameEn: string;
}

// ---------------------------------------------------------------------------------------------------------
// Argument schemas

export const CompanySetupSchema = z
  .object({
    nameZh: text(200).default(''),
    nameEn: text(200).default(''),
    address: text(500).default(''),
    baseCurrency: currencyCode.default('CNY'),
    language: z.enum(LANGUAGES).default('zh'),
    mpRegNo: text(50).default(''),
    customsCode: text(20).default(''),
  })
  .strict()
  .refine((c) => c.nameZh !== '' || c.nameEn !== '', {
    message: 'a company name in Chinese or English is required',
    params: issueKey('errors.companyNameRequired'),
    path: ['nameZh'],
  })
  .refine((c) => c.baseCurrency !== '', { message: 'base currency is required', path: ['baseCurrency'], params: issueKey('errors.baseCurrencyRequired') });

export const CompanyUpdateSchema = z
  .object({
    nameZh: text(200),
    nameEn: text(200),
    address: text(500),
    baseCurrency: currencyCode.refine((v) => v !== '', { message: 'base currency is required', params: issueKey('errors.baseCurrencyRequired') }),
    language: z.enum(LANGUAGES),
    mpRegNo: text(50),
    customsCode: text(20),
  })
  .partial()
  .strict();

const partyFields = {
  roles: z.array(z.enum(PARTY_ROLES)).max(PARTY_ROLES.length),
  nameZh: text(200),
  nameEn: text(200),
  country: code('countries', 'country'),
  phone: text(50),
  wechat: text(100),
  whatsapp: text(50),
  email: text(200),
  address: text(500),
  booth: text(100),
  stallRegNo: text(50),
  idDocNo: text(50),
  nationality: code('countries', 'country'),
  docLanguage: z.enum(DOC_LANGUAGES),
  notes: text(2000),
};

export const PartyInputSchema = z
  .object(partyFields)
  .partial()
  .strict()
  .refine((p) => (p.nameZh ?? '') !== '' || (p.nameEn ?? '') !== '', {
    message: 'a name in Chinese or English is required',
    params: issueKey('errors.nameRequired'),
    path: ['nameZh'],
  })
  .refine((p) => (p.roles ?? []).length > 0, { message: 'choose at least one role', path: ['roles'], params: issueKey('errors.rolesRequired') });

export const PartyPatchSchema = z.object(partyFields).partial().strict();

const cm = z.string().regex(decimalPattern(4, 1), 'a size in cm with at most 1 decimal').or(z.literal(''));
const kg = z.string().regex(decimalPattern(6, 3), 'a weight in kg with at most 3 decimals').or(z.literal(''));

const productFields = {
  itemNo: text(64).refine((v) => v !== '', { message: 'item no. is required', params: issueKey('errors.itemNoRequired') }),
  nameZh: text(200),
  nameEn: text(200),
  spec: text(500),
  hsCode: z
    .string()
    .max(20)
    .transform((s) => s.replace(/[\s.]/g, ''))
    .refine((v) => v === '' || HS_CODE_RE.test(v), { message: 'HS code must be exactly 10 digits', params: issueKey('errors.hsCode') }),
  declElements: text(2000),
  brand: text(100),
  brandType: z.enum(['', '0', '1', '2', '3', '4']),
  customsUnit: code('units', 'customs unit'),
  pcsPerCarton: z.number().int().positive().max(10_000_000).nullable(),
  cartonLengthCm: cm,
  cartonWidthCm: cm,
  cartonHeightCm: cm,
  grossKgPerCarton: kg,
  netKgPerCarton: kg,
  defaultPrice: z.string().regex(decimalPattern(10, 4), 'a price with at most 4 decimals').or(z.literal('')),
  currency: currencyCode,
  supplierId: id.nullable(),
  importDutyRate: z.string().regex(decimalPattern(3, 2), 'a percentage with at most 2 decimals').refine((v) => Number(v) <= 100, 'at most 100').or(z.literal('')),
  importVatRate: z.string().regex(decimalPattern(3, 2), 'a percentage with at most 2 decimals').refine((v) => Number(v) <= 100, 'at most 100').or(z.literal('')),
  inspection: z.boolean(),
  taxable: z.boolean(),
  notes: text(2000),
};

export const ProductInputSchema = z
  .object(productFields)
  .partial()
  .required({ itemNo: true })
  .strict()
  .refine((p) => (p.nameZh ?? '') !== '' || (p.nameEn ?? '') !== '', {
    message: 'a name in Chinese or English is required',
    params: issueKey('errors.nameRequired'),
    path: ['nameZh'],
  });

export const ProductPatchSchema = z.object(productFields).partial().strict();

/**
 * A JSON value, checked in place rather than copied (z.json() copies objects by assignment, which turns an own
 * "__proto__" key into a prototype change and silently drops it): plain objects, arrays, strings, finite
 * numbers, booleans and null, at most 32 levels deep.
 */
function isJsonValue(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    // a field set to undefined (as structured clone over IPC keeps it) is dropped when stored, as JSON does
    return Object.keys(v).every((k) => {
      const x = (v as Record<string, unknown>)[k];
      return x === undefined || isJsonValue(x, depth + 1);
    });
  }
  return false;
}
const jsonValue = z.custom<z.core.util.JSONType>((v) => isJsonValue(v), { message: 'a JSON value (objects, arrays, text, finite numbers, true/false, null)' });

const Empty = z.object({}).strict();
const ById = z.object({ id }).strict();
const search = text(200).optional();

// ---------------------------------------------------------------------------------------------------------
// The map

/** One entry of the map: the argument schema, and the result type carried as a phantom. */
export interface CallDef<S extends z.ZodType, R> {
  arg: S;
  /** never read at run time; carries the result type */
  result?: R;
}
const call =
  <R>() =>
  <S extends z.ZodType>(arg: S): CallDef<S, R> => ({ arg });

export const apiMap = {
  'app.info': call<AppInfo>()(Empty),

  'codes.list': call<CodeEntry[]>()(
    z
      .object({
        table: z.enum([
          'units',
          'countries',
          'tradeModes',
          'incoterms',
          'transportModes',
          'packageTypes',
          'containers',
          'levyTypes',
          'currencies',
        ]),
      })
      .strict(),
  ),

  'company.get': call<Company | null>()(Empty),
  'company.setup': call<Company>()(CompanySetupSchema),
  'company.update': call<Company>()(CompanyUpdateSchema),

  'parties.list': call<Party[]>()(
    z
      .object({
        search,
        role: z.enum(PARTY_ROLES).optional(),
        includeArchived: z.boolean().optional(),
      })
      .strict(),
  ),
  'parties.get': call<Party>()(ById),
  'parties.create': call<Party>()(PartyInputSchema),
  'parties.update': call<Party>()(z.object({ id, patch: PartyPatchSchema }).strict()),
  'parties.archive': call<Party>()(z.object({ id, archived: z.boolean() }).strict()),
  /** Hard delete: only for a party no record uses; otherwise a 'conflict' error that suggests archiving. */
  'parties.delete': call<{ id: number }>()(ById),

  'products.list': call<Product[]>()(
    z.object({ search, includeArchived: z.boolean().optional(), supplierId: id.optional() }).strict(),
  ),
  'products.get': call<Product>()(ById),
  'products.create': call<Product>()(ProductInputSchema),
  'products.update': call<Product>()(z.object({ id, patch: ProductPatchSchema }).strict()),
  'products.archive': call<Product>()(z.object({ id, archived: z.boolean() }).strict()),
  'products.delete': call<{ id: number }>()(ById),

  'currencies.list': call<CurrencyInfo[]>()(Empty),
  /** The exchange rate last used for a currency (to offer it on the next order or payment), or null. */
  'rates.last': call<string | null>()(z.object({ currency: tradeCurrency }).strict()),
  'settings.get': call<TradeSettings>()(Empty),
  'settings.update': call<TradeSettings>()(TradeSettingsSchema),

  // Orders (sales and purchase)
  'orders.list': call<OrderSummary[]>()(OrderListSchema),
  /** One block of the orders list, sorted and filtered in SQL, with the count and totals of the whole filter. */
  'orders.page': call<OrderPage>()(OrderPageSchema),
  /** "Export to Excel" of the orders list: every order of the filter in the grid's sort and columns (a job with progress, cancellable). */
  'orders.export': call<GridExportResult>()(OrdersExportSchema),
  'orders.get': call<Order>()(ById),
  'orders.create': call<Order>()(OrderCreateSchema),
  'orders.update': call<Order>()(OrderUpdateSchema),
  'orders.confirm': call<Order>()(ById),
  'orders.cancel': call<Order>()(z.object({ id, reason: text(500).refine((s) => s !== '', 'say why the order is cancelled') }).strict()),
  'orders.close': call<Order>()(ById),
  /** Only a draft can be deleted; a confirmed order is cancelled instead. */
  'orders.delete': call<{ id: number }>()(ById),
  /** Draft purchase orders, one per stall, from the stall-marked lines of a sales order. */
  'orders.generatePurchase': call<Order[]>()(z.object({ salesOrderId: id }).strict()),
  /** Goods of a purchase order received into stock. */
  'orders.receive': call<Order>()(ReceiveSchema),

  // Payments and balances
  'payments.list': call<Payment[]>()(
    z.object({ partyId: id.optional(), direction: z.enum(PAYMENT_DIRECTIONS).optional(), orderId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
  ),
  'payments.get': call<Payment>()(ById),
  'payments.create': call<Payment>()(PaymentInputSchema),
  'payments.update': call<Payment>()(z.object({ id, payment: PaymentInputSchema }).strict()),
  'payments.delete': call<{ id: number }>()(ById),
  'balances.list': call<BalanceRow[]>()(z.object({ asOf: isoDate.optional(), kind: z.enum(ORDER_KINDS).optional() }).strict()),

  // Shipments (exports)
  'shipments.list': call<ShipmentSummary[]>()(z.object({ search: text(200).optional(), status: z.enum(SHIPMENT_STATUSES).optional() }).strict()),
  'shipments.get': call<Shipment>()(ById),
  'shipments.shippable': call<ShippableLine[]>()(z.object({ consigneeId: id }).strict()),
  'shipments.create': call<Shipment>()(ShipmentCreateSchema),
  'shipments.update': call<Shipment>()(ShipmentUpdateSchema),
  'shipments.setStatus': call<Shipment>()(z.object({ id, status: z.enum(SHIPMENT_STATUSES) }).strict()),
  /** Only a planned shipment can be deleted. */
  'shipments.delete': call<{ id: number }>()(ById),

  // Imports ("buy global")
  'imports.list': call<ImportRecord[]>()(z.object({ search: text(200).optional() }).strict()),
  'imports.get': call<ImportRecord>()(ById),
  'imports.create': call<ImportRecord>()(ImportCreateSchema),
  'imports.update': call<ImportRecord>()(ImportUpdateSchema),
  /** Goods of an import enter stock at their landed cost. */
  'imports.receive': call<ImportRecord>()(z.object({ id, date: isoDate }).strict()),
  'imports.delete': call<{ id: number }>()(ById),

  // Stock
  'stock.list': call<StockRow[]>()(z.object({ search: text(200).optional(), productId: id.optional() }).strict()),
  'stock.moves': call<StockMove[]>()(z.object({ productId: id }).strict()),
  'stock.adjust': call<StockMove>()(StockAdjustSchema),

  // Claims
  'claims.list': call<Claim[]>()(z.object({ partyId: id.optional(), shipmentId: id.optional() }).strict()),
  'claims.create': call<Claim>()(ClaimInputSchema),
  'claims.settle': call<Claim>()(
    z.object({ id, settlement: z.enum(CLAIM_SETTLEMENTS), amount: tradeAmount.optional(), goodsReturned: z.boolean().optional() }).strict(),
  ),

  // Attachments (kept inside the company file)
  'attachments.list': call<Attachment[]>()(z.object({ entity: z.enum(ATTACHMENT_ENTITIES), entityId: id }).strict()),
  'attachments.add': call<Attachment>()(AttachmentAddSchema),
  'attachments.get': call<Attachment & { dataBase64: string }>()(ById),
  'attachments.delete': call<{ id: number }>()(ById),

  // The 1039 market-procurement filing pack of a shipment
  'filing.validate': call<FilingProblem[]>()(FilingValidateSchema),
  /** Validates, then builds the workbook; refused with the problems unless draft. */
  'filing.export': call<FilingExport>()(FilingExportSchema),

  // Documents for foreign buyers, Chinese + the buyer's language (shared/documents.ts)
  /** The sales contract of a sales order. */
  'documents.contract': call<DocumentExport>()(ContractExportSchema),
  /** A party's statement of account for a period, per currency, closing on the balances screen's figure. */
  'documents.statement': call<StatementExport>()(StatementExportSchema),

  /** Any grid to Excel: what the grid shows (columns, sorted and filtered rows) as a workbook with totals. */
  'grid.export': call<GridExportResult>()(GridExportSchema),

  // The bookkeeper's ledgers for a period (shared/ledgers.ts): runs as a job with progress events, cancellable
  'ledgers.export': call<LedgersExport>()(LedgersExportSchema),
  /** Stop a running job (an export) by the jobId its progress events carry. */
  'jobs.cancel': call<JobCancelResult>()(JobCancelSchema),

  /** The audit trail, newest first: the whole file, one kind of record, or one record; dates are local days. */
  'history.list': call<AuditEntry[]>()(
    z
      .object({
        entity: z.enum(AUDIT_ENTITIES).optional(),
        entityId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        /** default 200 */
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict()
      .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'the end date is before the start date', path: ['to'] }),
  ),
  /** Check the audit trail's hash chain (the same check as `trade-records check`). */
  'history.verify': call<AuditVerifyResult>()(Empty),

  // Backups and restore in the window (electron/core/backup.ts, electron/core/holder.ts)
  /** The backup folder, retention and the backups in it (what each holds, read quickly). */
  'backup.status': call<BackupStatus>()(Empty),
  /** Where backups go: a full folder path (e.g. a USB drive), '' for the default beside the data. */
  'backup.setFolder': call<BackupStatus>()(z.object({ folder: text(1000) }).strict()),
  /** A verified copy of the company file now, into the backup folder or the folder given. */
  'backup.now': call<BackupResult>()(z.object({ folder: text(1000).optional() }).strict()),
  /** What a backup file holds, after the full check (integrity, ours, version); refused with why otherwise. */
  'backup.inspect': call<BackupInfo>()(z.object({ file: text(1000).refine((s) => s !== '', 'name a backup file') }).strict()),
  /** Replace the company file with a backup: checked, the current file backed up first, swapped; the window reloads. */
  'backup.restore': call<RestoreDone>()(z.object({ file: text(1000).refine((s) => s !== '', 'name a backup file') }).strict()),
  /** Did the company file open? When not (damaged), what happened and the backups on offer. */
  'recovery.status': call<RecoveryStatus>()(Empty),
  /** Recovery from a damaged company file: put it aside (renamed, kept) and restore the backup named. */
  'recovery.restore': call<RestoreDone>()(z.object({ file: text(1000).refine((s) => s !== '', 'name a backup file') }).strict()),

  // Undo of this session's changes (electron/core/undo.ts)
  'undo.state': call<UndoState>()(Empty),
  /** Reverse the newest change; `expect` = the audit ids the UI showed, refused when the newest is another. */
  'undo.run': call<UndoResult>()(z.object({ expect: z.array(id).min(1).max(1000).optional() }).strict()),

  'dashboard.summary': call<Dashboard>()(z.object({ today: isoDate.optional() }).strict()),

  // Spreadsheet in (shared/import.ts): products, parties and order lines from .xlsx/.csv/.tsv, as a job
  /** Read and check every row; nothing is written. */
  'import.preview': call<ImportPreview>()(ImportPreviewSchema),
  /** Check, then write all in one transaction (refused with the rejected rows unless onlyValid). */
  'import.run': call<ImportResult>()(ImportRunSchema),
  'import.mappings.list': call<ImportMapping[]>()(z.object({ kind: z.enum(IMPORT_KINDS).optional() }).strict()),
  'import.mappings.save': call<ImportMapping>()(ImportMappingSaveSchema),
  'import.mappings.delete': call<{ name: string }>()(z.object({ name: z.string().trim().min(1).max(100) }).strict()),

  /** Per-user UI state kept in the company file (grid column layouts, language). Values are JSON. */
  'ui.get': call<unknown>()(z.object({ key: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/) }).strict()),
  'ui.set': call<{ key: string }>()(
    z
      .object({
        key: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/),
        value: jsonValue.refine((v) => JSON.stringify(v).length <= 100_000, 'value too large'),
      })
      .strict(),
  ),

  // Users, PINs and sessions (shared/users.ts; who may call what: shared/permissions.ts)
  /** Is sign-in required, who can sign in, who this caller is, the idle minutes. */
  'auth.status': call<AuthStatus>()(Empty),
  /** Check a user's PIN; the result's session goes with every later call. Wrong PINs lock the user out for a while. */
  'auth.signIn': call<SignInResult>()(SignInSchema),
  'auth.signOut': call<{ signedOut: boolean }>()(Empty),
  /** A signed-in user changes their own PIN (the current one is asked again). */
  'auth.changePin': call<{ id: number }>()(ChangeOwnPinSchema),
  'users.list': call<UserInfo[]>()(Empty),
  /** A clerk with their own PIN (the owner must have a PIN first). */
  'users.create': call<UserInfo>()(UserCreateSchema),
  'users.update': call<UserInfo>()(UserUpdateSchema),
  /** Turning sign-in on (the owner's first PIN) signs the caller in: the result carries the session. */
  'users.setPin': call<UserInfo & { session?: string }>()(UserSetPinSchema),
  'users.setIdleMinutes': call<{ idleMinutes: number }>()(IdleMinutesSchema),
} as const;

export type ApiMap = typeof apiMap;
export type ApiName = keyof ApiMap;
/** What a caller passes (before defaults and transforms). */
export type ApiArg<N extends ApiName> = z.input<ApiMap[N]['arg']>;
/** What a handler receives (after parsing). */
export type ApiParsedArg<N extends ApiName> = z.output<ApiMap[N]['arg']>;
export type ApiResult<N extends ApiName> = ApiMap[N] extends CallDef<z.ZodType, infer R> ? R : never;

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMap, name);
}

// ---------------------------------------------------------------------------------------------------------
// The envelope every transport returns

/**
 * 'unauthenticated': sign-in is required and the call has no live session (never signed in, signed out, or
 * locked after the idle minutes); 'forbidden': the signed-in user's role may not make this call.
 */
export type ErrorCode = 'validation' | 'not_found' | 'conflict' | 'refused' | 'unauthenticated' | 'forbidden' | 'unknown_call' | 'internal';

export interface FieldIssue {
  /** dotted path of the field, e.g. "patch.hsCode" or "roles.0" */
  path: string;
  /** what is wrong, in English (CLI, logs, and the fallback of a screen that does not know `key`) */
  message: string;
  /** catalog key of the message (shared/issues.ts), so a screen shows it in the UI language */
  key?: string;
  /** the values the keyed message names, e.g. { max: 200 } */
  params?: IssueParams;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Events pushed from the core to the UI (progress of long work). */
export interface ProgressEvent {
  jobId: string;
  label: string;
  done: number;
  total: number;
}
