/**
 * Reading a shipment for its filing pack: the header, the buyer, the stalls and every line with the order,
 * product and stall figures the sheets need (raw integers, not display strings).
 */
import type { Company, Party } from '../../../shared/api';
import { getCompany } from '../company';
import type { DB } from '../db';
import { AppError } from '../errors';
import { getParty } from '../parties';
import { PARTY_NAME_SQL } from '../trade/common';
import { getShipment, SHIPMENT_LINE_VIEW_SQL } from '../trade/shipments';
import type { FilingData, FilingLine } from './types';
import { usdCentsOf, usdRateFor } from './usd';

interface Row {
  id: number;
  line_no: number;
  order_line_id: number;
  order_id: number;
  order_no: string;
  currency: string;
  product_id: number | null;
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  unit: string;
  stall_id: number | null;
  stall_name: string | null;
  price_e4: number;
  cartons: number | null;
  qty_e3: number;
  amount_minor: number;
  gross_g: number | null;
  net_g: number | null;
  cbm_e4: number | null;
  ol_line_no: number;
  own_hs_code: string;
  own_unit: string;
  pcs: number | null;
  order_date: string;
  rate_e6: number;
  incoterm: string;
  incoterm_place: string;
  delivery_address: string;
  warehouse: string;
  p_item_no: string;
  brand: string;
  brand_type: string;
  decl_elements: string;
  inspection: number;
  taxable: number;
  factory: string;
}

const LINES_SQL = `
  SELECT v.id, v.line_no, v.order_line_id, v.order_id, v.order_no, v.currency, v.product_id, v.item_no, v.name_zh, v.name_en,
         v.spec, v.hs_code, v.unit, v.stall_id, v.stall_name, v.price_e4, v.cartons, v.qty_e3, v.amount_minor, v.gross_g,
         v.net_g, v.cbm_e4,
         ol.line_no AS ol_line_no, ol.hs_code AS own_hs_code, ol.unit AS own_unit,
         coalesce(ol.pcs_per_carton, p.pcs_per_carton) AS pcs,
         o.order_date, o.rate_e6, o.incoterm, o.incoterm_place, o.delivery_address, o.warehouse,
         coalesce(p.item_no, '') AS p_item_no, coalesce(p.brand, '') AS brand, coalesce(p.brand_type, '') AS brand_type,
         coalesce(p.decl_elements, '') AS decl_elements, coalesce(p.inspection, 0) AS inspection, coalesce(p.taxable, 0) AS taxable,
         coalesce(${PARTY_NAME_SQL('sup')}, '') AS factory
  FROM (${SHIPMENT_LINE_VIEW_SQL} WHERE sl.shipment_id = ?) v
  JOIN order_line ol ON ol.id = v.order_line_id
  JOIN trade_order o ON o.id = v.order_id
  LEFT JOIN product p ON p.id = v.product_id
  LEFT JOIN party sup ON sup.id = p.supplier_id
  ORDER BY v.line_no, v.id`;

export function loadFiling(db: DB, shipmentId: number, opts: { usdRate?: string } = {}): FilingData {
  const company: Company | null = getCompany(db);
  if (!company) throw new AppError('refused', 'Set up the company first (name and base currency).');
  const shipment = getShipment(db, shipmentId);
  const buyer = getParty(db, shipment.consigneeId);
  const rows = db.prepare(LINES_SQL).all(shipmentId) as Row[];
  const stalls = new Map<number, Party>();
  for (const r of rows) if (r.stall_id !== null && !stalls.has(r.stall_id)) stalls.set(r.stall_id, getParty(db, r.stall_id));
  const currencies = new Set(rows.map((r) => r.currency));
  const usd = usdRateFor(db, company.baseCurrency, currencies, opts.usdRate);
  const lines: FilingLine[] = rows.map((r, i) => ({
    seq: i + 1,
    shipmentLineId: r.id,
    orderLineId: r.order_line_id,
    orderLineNo: r.ol_line_no,
    orderId: r.order_id,
    orderNo: r.order_no,
    orderDate: r.order_date,
    orderRateE6: r.rate_e6,
    incoterm: r.incoterm,
    incotermPlace: r.incoterm_place,
    deliveryAddress: r.delivery_address,
    warehouse: r.warehouse,
    productId: r.product_id,
    productItemNo: r.p_item_no,
    itemNo: r.item_no,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    spec: r.spec,
    hsCode: r.hs_code,
    unit: r.unit,
    ownHsCode: r.own_hs_code,
    ownUnit: r.own_unit,
    stallId: r.stall_id,
    cartons: r.cartons,
    pcsPerCarton: r.pcs,
    qtyE3: r.qty_e3,
    priceE4: r.price_e4,
    currency: r.currency,
    amountMinor: r.amount_minor,
    grossG: r.gross_g,
    netG: r.net_g,
    cbmE4: r.cbm_e4,
    brand: r.brand,
    brandType: r.brand_type,
    declElements: r.decl_elements,
    manufacturer: r.factory !== '' ? r.factory : (r.stall_name ?? ''),
    inspection: r.inspection === 1,
    taxable: r.taxable === 1,
    usdCents: usdCentsOf(r.amount_minor, r.currency, r.rate_e6, usd),
  }));
  const docCurrency = currencies.size === 1 ? [...currencies][0]! : 'USD';
  return { company, shipment, buyer, stalls, lines, usd, docCurrency };
}
