/**
 * The market-procurement (trade mode 1039) filing pack: shapes shared by the loader, the validation, the
 * split into declarations, the simplified declaration and the workbook.
 *
 * All figures are the core's exact integers: amounts in minor units of their currency, quantities ×1000,
 * unit prices ×10^4, weights in grams, volumes ×10^4 m³.
 */
import type { Company, Party } from '../../../shared/api';
import type { Shipment } from '../../../shared/trade';

/** One declaration carries at most USD 150,000 (in cents). */
export const DECLARATION_CAP_USD_CENTS = 15_000_000;

export type { FilingRecord, FilingProblem, DeclarationSummary } from '../../../shared/filing';


/** A line of the shipment with everything the pack needs. */
export interface FilingLine {
  /** 1-based position in the shipment */
  seq: number;
  shipmentLineId: number;
  orderLineId: number;
  orderLineNo: number;
  orderId: number;
  orderNo: string;
  orderDate: string;
  orderRateE6: number;
  incoterm: string;
  incotermPlace: string;
  deliveryAddress: string;
  warehouse: string;
  productId: number | null;
  productItemNo: string;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  hsCode: string;
  unit: string;
  /** the order line's own HS code / unit ('' when the product's is used) — says which record to fix */
  ownHsCode: string;
  ownUnit: string;
  stallId: number | null;
  cartons: number | null;
  pcsPerCarton: number | null;
  qtyE3: number;
  priceE4: number;
  currency: string;
  amountMinor: number;
  grossG: number | null;
  netG: number | null;
  cbmE4: number | null;
  brand: string;
  brandType: string;
  declElements: string;
  /** 生产厂商: the product's supplier (factory) when recorded, else the stall that sold it */
  manufacturer: string;
  inspection: boolean;
  taxable: boolean;
  /** the line's value in US cents (usd.ts), null when no USD rate is known */
  usdCents: number | null;
}

export interface UsdRateInfo {
  /** base currency per 1 USD ×1e6; null when not known */
  rateE6: number | null;
  source: 'not needed' | 'base currency is USD' | 'option' | 'last rate' | 'missing';
  base: string;
}

export interface FilingData {
  company: Company;
  shipment: Shipment;
  buyer: Party;
  stalls: Map<number, Party>;
  lines: FilingLine[];
  usd: UsdRateInfo;
  /** the currency of the declaration lists, invoice and packing list: the lines' one currency, else USD */
  docCurrency: string;
}

/** A whole line, or one part of a line split by quantity, inside one declaration. */
export interface DeclLine {
  line: FilingLine;
  /** 1 of 1 for a whole line */
  part: number;
  parts: number;
  qtyE3: number;
  cartons: number | null;
  amountMinor: number;
  usdCents: number | null;
  /** in the pack's document currency */
  docMinor: number | null;
  grossG: number | null;
  netG: number | null;
  cbmE4: number | null;
}

/** A line of the declaration goods list after the simplified declaration: one or more DeclLines merged. */
export interface MergedLine {
  /** 1-based 序号 on the declaration */
  no: number;
  /** the line whose HS code and name the merged line takes (the highest value of the group) */
  lead: DeclLine;
  sources: DeclLine[];
  /** why these lines are together: "95" (chapter), "own line: inspection" … */
  groupKey: string;
  kept: 'inspection' | 'taxable' | null;
  qtyE3: number;
  unit: string;
  cartons: number | null;
  docMinor: number | null;
  usdCents: number | null;
  grossG: number | null;
  netG: number | null;
  cbmE4: number | null;
}

export interface Declaration {
  /** 1-based */
  index: number;
  count: number;
  lines: DeclLine[];
  /** distinct HS codes ("kinds of goods") */
  kinds: number;
  /** merged lines when the simplified declaration applies, else null */
  merged: MergedLine[] | null;
  usdCents: number | null;
  docMinor: number | null;
  cartons: number;
  grossG: number;
  netG: number;
  cbmE4: number;
}

/** What buildFilingPack reports for each declaration. */
