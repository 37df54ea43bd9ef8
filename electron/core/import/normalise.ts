/**
 * Cell values as traders type them → the values the app stores: full-width digits (１２３), thousands
 * separators, currency signs (¥ US$ RMB), numbers stored as text, floating-point noise from Excel
 * (0.30000000000000004), units written in Chinese or English (个 PCS, 千克 KGS, 箱 CTNS) → customs unit codes,
 * country names → customs country codes. Each parser returns the value or a reason the row is rejected.
 */
import { codeTables } from '../../../shared/codes';
import { isCurrency } from '../../../shared/currency';
import { PARTY_ROLES, type PartyRole } from '../../../shared/api';
import type { Cell } from './read';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Full-width ASCII (！–～) and the ideographic space to their plain forms. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A number as plain text without exponent or float noise (15 significant digits, as Excel shows). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const clean = Number(n.toPrecision(15));
  const s = String(clean);
  if (!/e/i.test(s)) return s;
  return clean.toFixed(12).replace(/\.?0+$/, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What a cell shows as text (trimmed; numbers without noise; dates as YYYY-MM-DD). */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return numberText(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (c instanceof Date) return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
  return '';
}

/** Header text for matching: plain width, lower case, letters and digits only ("Item No." → "itemno"). */
export function headerKey(s: string): string {
  return halfWidth(s).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const CURRENCY_SIGNS: [RegExp, string][] = [
  [/^(?:us\$|usd|u\.s\.\$)/i, 'USD'],
  [/^(?:hk\$|hkd)/i, 'HKD'],
  [/^(?:rmb|cny|¥|元)/i, 'CNY'],
  [/^(?:eur|€)/i, 'EUR'],
  [/^(?:gbp|£)/i, 'GBP'],
  [/^\$/, 'USD'],
];

/** Strip a currency sign or code in front of or behind a number; says which currency it named. */
export function stripCurrency(s: string): { text: string; currency: string | null } {
  let t = s.trim();
  let currency: string | null = null;
  for (const [re, cur] of CURRENCY_SIGNS) {
    const m = re.exec(t);
    if (m) {
      currency = cur;
      t = t.slice(m[0].length).trim();
      break;
    }
  }
  const tail = /\s*(usd|rmb|cny|元|eur|hkd)$/i.exec(t);
  if (tail) {
    const code = tail[1]!.toUpperCase();
    currency ??= code === 'RMB' || code === '元' ? 'CNY' : code;
    t = t.slice(0, tail.index).trim();
  }
  return { text: t, currency };
}

export interface DecimalOpts {
  scale: number;
  /** most digits before the point */
  whole: number;
  /** a unit word the number may carry ("kg", "cm", "%") */
  units?: RegExp;
  allowZero?: boolean;
}

const PLAIN = /^\d+(\.\d+)?$/;

/** A non-negative decimal with at most `scale` decimals, as canonical text ("1,234.50" → "1234.5"). */
export function parseDecimal(c: Cell, o: DecimalOpts): Parsed<string> & { currency?: string | null } {
  if (typeof c === 'number') {
    if (c < 0) return bad(`${numberText(c)} is negative`);
    return checkDecimal(numberText(c), numberText(c), o);
  }
  if (typeof c === 'string' && PLAIN.test(c)) return checkDecimal(c, c, o);
  const raw = cellText(c);
  let t = halfWidth(raw).replace(/[\s\u00a0]/g, '');
  const cur = stripCurrency(t);
  t = cur.text;
  if (o.units) t = t.replace(o.units, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, '');
  if (t.startsWith('-') && /\d/.test(t)) return bad(`${raw} is negative`);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return bad(`${raw} is not a number`);
  return { ...checkDecimal(raw, t, o), currency: cur.currency };
}

function checkDecimal(raw: string, t: string, o: DecimalOpts): Parsed<string> {
  let [int = '', frac = ''] = t.split('.');
  int = int.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  if (frac.length > o.scale) return bad(`${raw} has more than ${o.scale} decimals`);
  if (int.length > o.whole) return bad(`${raw} is too large`);
  const value = frac ? `${int}.${frac}` : int;
  if (!o.allowZero && !/[1-9]/.test(value)) return bad(`${raw} must be more than 0`);
  return ok(value);
}

/** A whole number > 0 ("24", "２４", "24.0", "1,200"). */
export function parseWhole(c: Cell, max = 10_000_000): Parsed<number> {
  const d = parseDecimal(c, { scale: 0, whole: 8, units: /(pcs|pc|个|只|件|箱|ctns?|套)$/i });
  if (!d.ok) return /decimals$/.test(d.message) ? bad(`${cellText(c)} is not a whole number`) : d;
  const n = Number(d.value);
  if (n > max) return bad(`${cellText(c)} is too large`);
  return ok(n);
}

// ---------------------------------------------------------------------------------------------------------
// Code tables

const UNIT_WORDS: Record<string, string> = {
  pcs: '007', pc: '007', pce: '007', piece: '007', pieces: '007', 件数: '011',
  set: '006', sets: '006', pair: '025', pairs: '025', prs: '025',
  kg: '035', kgs: '035', kilogram: '035', kilograms: '035', 公斤: '035',
  g: '036', gram: '036', grams: '036',
  ctn: '120', ctns: '120', carton: '120', cartons: '120',
  box: '140', boxes: '140', doz: '127', dozen: '127', dz: '127',
  m: '030', meter: '030', meters: '030', metre: '030', metres: '030', mtr: '030', mtrs: '030',
  roll: '018', rolls: '018', bag: '125', bags: '125',
};

let unitIndex: Map<string, string> | null = null;
/** A customs unit code from its code ("007"), its Chinese name (个) or a usual English word (PCS, KGS, CTNS). */
export function parseUnit(c: Cell): Parsed<string> {
  const raw = cellText(c);
  if (!unitIndex) {
    unitIndex = new Map(Object.entries(UNIT_WORDS));
    for (const r of codeTables.units) {
      unitIndex.set(r.code, r.code);
      unitIndex.set(r.name_zh, r.code);
    }
  }
  const t = halfWidth(raw).trim().toLowerCase().replace(/\.$/, '');
  const code = unitIndex.get(t) ?? (/^\d{1,3}$/.test(t) ? unitIndex.get(t.padStart(3, '0')) : undefined);
  return code ? ok(code) : bad(`${raw} is not a customs unit (个, 千克, 箱, PCS, KGS, CTNS … or the code)`);
}

const COUNTRY_ALIASES: Record<string, string> = {
  us: 'USA', america: 'USA', unitedstates: 'USA', uk: 'GBR', britain: 'GBR', england: 'GBR', unitedkingdom: 'GBR',
  russia: 'RUS', korea: 'KOR', southkorea: 'KOR', uae: 'ARE', dubai: 'ARE', 迪拜: 'ARE', iran: 'IRN', vietnam: 'VNM',
  china: 'CHN', 中国大陆: 'CHN', hongkong: 'HKG', taiwan: 'TWN', 阿联酋: 'ARE', turkey: 'TUR', turkiye: 'TUR',
};

let countryIndex: Map<string, string> | null = null;
/** A customs country code from its code (CHN), Chinese name (中国) or English name (China). */
export function parseCountry(c: Cell): Parsed<string> {
  const raw = cellText(c);
  if (!countryIndex) {
    countryIndex = new Map(Object.entries(COUNTRY_ALIASES));
    for (const r of codeTables.countries) {
      countryIndex.set(headerKey(r.code), r.code);
      countryIndex.set(headerKey(r.name_zh), r.code);
      if (r.name_en) {
        countryIndex.set(headerKey(r.name_en), r.code);
        countryIndex.set(headerKey(r.name_en.replace(/\s*\(.*\)\s*$/, '')), r.code);
      }
    }
  }
  const code = countryIndex.get(headerKey(raw));
  return code ? ok(code) : bad(`${raw} is not a country the customs table knows`);
}

export function parseCurrency(c: Cell): Parsed<string> {
  const raw = cellText(c);
  const t = halfWidth(raw).trim().toUpperCase();
  const alias = t === 'RMB' || t === '人民币' || t === '¥' || t === '￥' ? 'CNY' : t === '美元' || t === 'US$' || t === '$' ? 'USD' : t === '欧元' ? 'EUR' : t;
  return isCurrency(alias) ? ok(alias) : bad(`${raw} is not a currency code (CNY, USD, …)`);
}

const ROLE_WORDS: Record<string, PartyRole> = {
  客户: 'customer', 买家: 'customer', 客人: 'customer', 外商: 'customer', customer: 'customer', buyer: 'customer', client: 'customer',
  供应商: 'supplier', 档口: 'supplier', 工厂: 'supplier', 厂家: 'supplier', supplier: 'supplier', factory: 'supplier', stall: 'supplier', vendor: 'supplier',
  代理: 'agent', agent: 'agent', 货代: 'forwarder', forwarder: 'forwarder', 报关行: 'broker', broker: 'broker', customsbroker: 'broker',
};

/** Roles from words such as "客户", "Supplier", "客户/供应商". */
export function parseRoles(c: Cell): Parsed<PartyRole[]> {
  const raw = cellText(c);
  const roles = new Set<PartyRole>();
  for (const part of halfWidth(raw).split(/[,/、;；|+&\s]+/).filter(Boolean)) {
    const k = headerKey(part);
    const role = ROLE_WORDS[k] ?? (PARTY_ROLES as readonly string[]).find((r) => r === k);
    if (!role) return bad(`${raw} is not a role (客户, 供应商, 代理, 货代, 报关行 / customer, supplier, agent, forwarder, broker)`);
    roles.add(role as PartyRole);
  }
  return roles.size ? ok([...roles]) : bad('no role given');
}

/** "60*40*50", "60x40x50cm", "60×40×50" → three sizes in cm. */
export function parseCartonSize(c: Cell): Parsed<[string, string, string]> {
  const raw = cellText(c);
  const parts = halfWidth(raw).toLowerCase().replace(/cm/g, '').split(/\s*[*x×]\s*/);
  if (parts.length !== 3) return bad(`${raw} is not a carton size such as 60*40*50`);
  const out: string[] = [];
  for (const p of parts) {
    const d = parseDecimal(p, { scale: 1, whole: 4 });
    if (!d.ok) return bad(`${raw}: ${d.message}`);
    out.push(d.value);
  }
  return ok(out as [string, string, string]);
}

/** Plain text: full-width letters kept as typed, but trimmed; digits-only values from numbers without noise. */
export function parseText(c: Cell, max: number): Parsed<string> {
  const t = cellText(c);
  return t.length > max ? bad(`${t.length} characters, at most ${max}`) : ok(t);
}

/** An HS code: digits only after removing spaces and dots; exactly 10 digits. */
export function parseHsCode(c: Cell): Parsed<string> {
  const raw = cellText(c);
  const t = halfWidth(raw).replace(/[\s.\-]/g, '');
  return /^\d{10}$/.test(t) ? ok(t) : bad(`${raw} is not 10 digits`);
}

export const hasCjk = (s: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
