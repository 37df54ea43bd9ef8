import type { ApiParsedArg, Product } from '../../shared/api';
import { divRound, formatScaled, formatScaledTrim, parseScaled } from '../../shared/decimal';
import { countReferences, nowIso, type DB } from './db';
import { cached } from './statements';
import { AppError, invalid, notFound } from './errors';
import { likePattern } from './sql';
import { audit, diff } from './trade/common';
import { ON_HAND_SQL } from './trade/stock-query';
import { issueKey } from '../../shared/issues';

interface ProductRow {
  id: number;
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  decl_elements: string;
  brand: string;
  brand_type: string;
  customs_unit: string;
  pcs_per_carton: number | null;
  carton_l_mm: number | null;
  carton_w_mm: number | null;
  carton_h_mm: number | null;
  gross_g: number | null;
  net_g: number | null;
  default_price_e4: number | null;
  currency: string;
  supplier_id: number | null;
  supplier_name: string | null;
  import_duty_e2: number | null;
  import_vat_e2: number | null;
  on_hand: number;
  inspection: number;
  taxable: number;
  notes: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

type Patch = ApiParsedArg<'products.update'>['patch'];

/** Scales of the stored integers: cm with 1 decimal (mm), kg with 3 (g), prices with 4. */
const CM = 1;
const KG = 3;
const PRICE = 4;
const CBM = 4;
const PCT = 2;
const QTY = 3;

const opt = (v: number | null, scale: number, trim = false) =>
  v === null ? '' : trim ? formatScaledTrim(v, scale) : formatScaled(v, scale);
const scaled = (s: string | undefined, scale: number) => (s === undefined || s === '' ? null : parseScaled(s, scale));

/** Cubic metres per carton from the outside size, rounded half up to 4 decimals; '' when a size is missing. */
export function cbmPerCarton(lMm: number | null, wMm: number | null, hMm: number | null): string {
  if (lMm === null || wMm === null || hMm === null) return '';
  // 1 m³ = 1e9 mm³, so 4 decimals of m³ are units of 1e5 mm³.
  return formatScaled(divRound(lMm * wMm * hMm, 100_000), CBM);
}

function toProduct(r: ProductRow): Product {
  return {
    id: r.id,
    itemNo: r.item_no,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    spec: r.spec,
    hsCode: r.hs_code,
    declElements: r.decl_elements,
    brand: r.brand,
    brandType: r.brand_type,
    customsUnit: r.customs_unit,
    pcsPerCarton: r.pcs_per_carton,
    cartonLengthCm: opt(r.carton_l_mm, CM, true),
    cartonWidthCm: opt(r.carton_w_mm, CM, true),
    cartonHeightCm: opt(r.carton_h_mm, CM, true),
    cbmPerCarton: cbmPerCarton(r.carton_l_mm, r.carton_w_mm, r.carton_h_mm),
    grossKgPerCarton: opt(r.gross_g, KG, true),
    netKgPerCarton: opt(r.net_g, KG, true),
    defaultPrice: opt(r.default_price_e4, PRICE, true),
    currency: r.currency,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name ?? '',
    importDutyRate: opt(r.import_duty_e2, PCT, true),
    importVatRate: opt(r.import_vat_e2, PCT, true),
    onHand: formatScaledTrim(r.on_hand, QTY),
    inspection: r.inspection === 1,
    taxable: r.taxable === 1,
    notes: r.notes,
    archived: r.archived === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SELECT = `SELECT p.*, CASE WHEN s.name_zh <> '' THEN s.name_zh ELSE s.name_en END AS supplier_name, ${ON_HAND_SQL} AS on_hand
                FROM product p LEFT JOIN party s ON s.id = p.supplier_id`;

export function getProduct(db: DB, id: number): Product {
  const r = cached(db, `${SELECT} WHERE p.id = ?`).get(id) as ProductRow | undefined;
  if (!r) throw notFound('Product', id);
  return toProduct(r);
}

export function listProducts(db: DB, q: ApiParsedArg<'products.list'>): Product[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!q.includeArchived) where.push('p.archived = 0');
  if (q.supplierId !== undefined) {
    where.push('p.supplier_id = ?');
    params.push(q.supplierId);
  }
  if (q.search) {
    const p = likePattern(q.search);
    where.push(
      `(p.item_no LIKE ? ESCAPE '\\' OR p.name_zh LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\'
        OR p.spec LIKE ? ESCAPE '\\' OR p.hs_code LIKE ? ESCAPE '\\' OR p.brand LIKE ? ESCAPE '\\')`,
    );
    params.push(p, p, p, p, p, p);
  }
  const sql = `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.archived, p.item_no COLLATE NOCASE`;
  return (db.prepare(sql).all(...params) as ProductRow[]).map(toProduct);
}

/** The stored form of a product: integers for sizes, weights and price. */
interface Stored {
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  decl_elements: string;
  brand: string;
  brand_type: string;
  customs_unit: string;
  pcs_per_carton: number | null;
  carton_l_mm: number | null;
  carton_w_mm: number | null;
  carton_h_mm: number | null;
  gross_g: number | null;
  net_g: number | null;
  default_price_e4: number | null;
  currency: string;
  supplier_id: number | null;
  import_duty_e2: number | null;
  import_vat_e2: number | null;
  inspection: number;
  taxable: number;
  notes: string;
}

function toStored(p: Omit<Product, 'id' | 'cbmPerCarton' | 'supplierName' | 'onHand' | 'archived' | 'createdAt' | 'updatedAt'>): Stored {
  return {
    item_no: p.itemNo,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    spec: p.spec,
    hs_code: p.hsCode,
    decl_elements: p.declElements,
    brand: p.brand,
    brand_type: p.brandType,
    customs_unit: p.customsUnit,
    pcs_per_carton: p.pcsPerCarton,
    carton_l_mm: scaled(p.cartonLengthCm, CM),
    carton_w_mm: scaled(p.cartonWidthCm, CM),
    carton_h_mm: scaled(p.cartonHeightCm, CM),
    gross_g: scaled(p.grossKgPerCarton, KG),
    net_g: scaled(p.netKgPerCarton, KG),
    default_price_e4: scaled(p.defaultPrice, PRICE),
    currency: p.currency,
    supplier_id: p.supplierId,
    import_duty_e2: scaled(p.importDutyRate, PCT),
    import_vat_e2: scaled(p.importVatRate, PCT),
    inspection: p.inspection ? 1 : 0,
    taxable: p.taxable ? 1 : 0,
    notes: p.notes,
  };
}

/** Rules that need the database or several fields at once. `prefix` is the argument path of the fields. */
function checkRules(db: DB, s: Stored, id: number | null, prefix: string): void {
  const clash = cached(db, 'SELECT id FROM product WHERE item_no = ? COLLATE NOCASE AND id IS NOT ?').get(s.item_no, id) as { id: number } | undefined;
  if (clash) throw invalid(`${prefix}itemNo`, `item no. ${s.item_no} is already used by product ${clash.id}`, issueKey('errors.itemNoUsed', { itemNo: s.item_no, id: clash.id }));
  if (s.name_zh === '' && s.name_en === '') throw invalid(`${prefix}nameZh`, 'a name in Chinese or English is required', issueKey('errors.nameRequired'));
  if (s.gross_g !== null && s.net_g !== null && s.net_g > s.gross_g) {
    throw invalid(`${prefix}netKgPerCarton`, 'net weight is more than gross weight', issueKey('errors.netOverGross'));
  }
  if (s.supplier_id !== null) {
    const sup = cached(db, 'SELECT roles FROM party WHERE id = ?').get(s.supplier_id) as { roles: string } | undefined;
    if (!sup) throw invalid(`${prefix}supplierId`, `party ${s.supplier_id} does not exist`);
    if (!sup.roles.includes(',supplier,')) throw invalid(`${prefix}supplierId`, `party ${s.supplier_id} is not a supplier`, issueKey('errors.notSupplier'));
  }
}

const EMPTY: Omit<Product, 'id' | 'cbmPerCarton' | 'supplierName' | 'onHand' | 'archived' | 'createdAt' | 'updatedAt'> = {
  itemNo: '',
  nameZh: '',
  nameEn: '',
  spec: '',
  hsCode: '',
  declElements: '',
  brand: '',
  brandType: '',
  customsUnit: '',
  pcsPerCarton: null,
  cartonLengthCm: '',
  cartonWidthCm: '',
  cartonHeightCm: '',
  grossKgPerCarton: '',
  netKgPerCarton: '',
  defaultPrice: '',
  currency: '',
  supplierId: null,
  importDutyRate: '',
  importVatRate: '',
  inspection: false,
  taxable: false,
  notes: '',
};

/** A product's own fields as the audit trail records them (API names; no computed fields, id or timestamps). */
function auditView(p: Product): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(EMPTY) as (keyof typeof EMPTY)[]) out[k] = p[k];
  out.archived = p.archived;
  return out;
}

function stripPatch(p: Patch): Partial<typeof EMPTY> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Partial<typeof EMPTY>;
}

export function createProduct(db: DB, input: ApiParsedArg<'products.create'>, user = 'owner'): Product {
  return db.transaction(() => {
    const s = toStored({ ...EMPTY, ...stripPatch(input) });
    checkRules(db, s, null, '');
    const now = nowIso();
    const cols = [...Object.keys(s), 'created_at', 'updated_at'];
    const info = cached(db, `INSERT INTO product (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(s), now, now);
    const created = getProduct(db, Number(info.lastInsertRowid));
    audit(db, user, 'product', created.id, 'create', auditView(created));
    return created;
  })();
}

export function updateProduct(db: DB, id: number, patch: Patch, user = 'owner'): Product {
  return db.transaction(() => {
    const current = getProduct(db, id);
    const s = toStored({ ...current, ...stripPatch(patch) });
    checkRules(db, s, id, 'patch.');
    const sets = Object.keys(s).map((c) => `${c} = ?`);
    cached(db, `UPDATE product SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...Object.values(s), nowIso(), id);
    const updated = getProduct(db, id);
    const changes = diff(auditView(current), auditView(updated));
    if (Object.keys(changes).length > 0) audit(db, user, 'product', id, 'update', changes);
    return updated;
  })();
}

export function archiveProduct(db: DB, id: number, archived: boolean, user = 'owner'): Product {
  return db.transaction(() => {
    const before = getProduct(db, id);
    db.prepare('UPDATE product SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, nowIso(), id);
    if (before.archived !== archived) audit(db, user, 'product', id, archived ? 'archive' : 'unarchive', { archived: [before.archived, archived] });
    return getProduct(db, id);
  })();
}

export function deleteProduct(db: DB, id: number, user = 'owner'): { id: number } {
  return db.transaction(() => {
    const before = getProduct(db, id);
    const refs = countReferences(db, 'product', id);
    if (refs.length > 0) {
      const used = refs.map((r) => `${r.count} ${r.table}`).join(', ');
      throw new AppError('conflict', `Product ${id} is used by ${used}; archive it instead of deleting it.`);
    }
    db.prepare('DELETE FROM product WHERE id = ?').run(id);
    audit(db, user, 'product', id, 'delete', auditView(before));
    return { id };
  })();
}
