/**
 * Documents for foreign buyers, as the API shows them (the builders are in electron/core/documents).
 *
 * 'documents.contract' { orderId, language? }
 *   The sales contract (销售合同 / Sales Contract) of a sales order: seller, buyer, the lines with totals and the
 *   amount in words, the terms (price, payment, delivery, packing, claims, force majeure, disputes), signatures.
 * 'documents.statement' { partyId, from, to, language? }
 *   The statement of account (对账单) of a party for a period, per currency: the opening balance (as of the day
 *   before `from`), the orders, payments and claim credits dated in the period with a running balance, and the
 *   closing balance — the balances screen's figure as of `to`.
 *
 * Both are bilingual: Chinese plus `language`, by default the party's document language (party.docLanguage).
 * The workbook is kept in the data folder's exports/ and returned as bytes.
 */
import { z } from 'zod';
import { id, isoDate } from './trade';

/** The language a party's documents use besides Chinese. Add one here and in shared/i18n/documents/. */
export const DOC_LANGUAGES = ['en', 'ar', 'ru'] as const;
export type DocLanguage = (typeof DOC_LANGUAGES)[number];

export const ContractExportSchema = z.object({ orderId: id, language: z.enum(DOC_LANGUAGES).optional() }).strict();

export const StatementExportSchema = z
  .object({ partyId: id, from: isoDate, to: isoDate, language: z.enum(DOC_LANGUAGES).optional() })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'the period ends before it begins', path: ['to'] });

export interface DocumentExport {
  fileName: string;
  /** the workbook, base64 */
  dataBase64: string;
  /** the second language the document was written in */
  language: DocLanguage;
}

/** One currency of a statement, amounts as decimal strings in the currency's decimals. */
export interface StatementCurrency {
  currency: string;
  opening: string;
  debit: string;
  credit: string;
  /** opening + debit − credit: the balances screen's balance as of `to` (> 0: the party owes us) */
  closing: string;
  movements: number;
}

export interface StatementExport extends DocumentExport {
  currencies: StatementCurrency[];
}
