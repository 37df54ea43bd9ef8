/**
 * Demo data (issue 7): seed(db, { lines, seed }) fills a company file with realistic, reproducible records —
 * buyers from many countries, hundreds of market stalls, products with HS codes and customs units, sales and
 * purchase orders of 5–40 lines, payments with allocations, shipments with ISO 6346 containers, receipts and
 * imports. Everything comes from one seeded PRNG (mulberry32) and fixed timestamps, so the same seed gives the
 * same rows.
 *
 * It writes with prepared statements inside large transactions (not through the API, for speed), but every row
 * is what the core would have written: line amounts by money.ts lineAmount, order totals = Σ lines and the base
 * total by convert(), CBM by cartonsCbmE4, receipt unit costs as orders.receive computes them, import lines by
 * imports.computeLines. Number series are continued and stored, so the app numbers the next record correctly.
 */
import { containerCheckDigit } from '../../shared/iso6346';
import type { DB } from './db';
import { convert, lineAmount, roundDiv } from './money';
import { getSettings } from './trade/common';
import { cartonsCbmE4 } from './trade/orders';
import { computeLines } from './trade/imports';

export interface SeedOptions {
  /** order lines to write (sales + purchase) */
  lines: number;
  /** PRNG seed (default 1) */
  seed?: number;
  /** first order date (default 2023-01-01); orders spread over `days` days (default 1095) */
  from?: string;
  days?: number;
  onProgress?: (linesDone: number) => void;
}

export interface SeedResult {
  ms: number;
  counts: Record<string, number>;
}

/** mulberry32: small, fast, good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES: [string, string, string[]][] = [
  // country, nationality shown on the passport, name parts
  ['NGA', 'NGA', ['Chukwu', 'Adeyemi', 'Okafor', 'Balogun', 'Eze']],
  ['GHA', 'GHA', ['Mensah', 'Owusu', 'Boateng', 'Asante']],
  ['KEN', 'KEN', ['Otieno', 'Kamau', 'Wanjiru', 'Mwangi']],
  ['EGY', 'EGY', ['Hassan', 'Mahmoud', 'Abdelrahman', 'Farouk']],
  ['SAU', 'SAU', ['Al-Qahtani', 'Al-Harbi', 'Al-Shehri', 'Al-Otaibi']],
  ['ARE', 'ARE', ['Al Mansouri', 'Al Nuaimi', 'Al Suwaidi']],
  ['IRQ', 'IRQ', ['Al-Jubouri', 'Al-Obaidi', 'Kadhim']],
  ['IRN', 'IRN', ['Hosseini', 'Rezaei', 'Mohammadi']],
  ['PAK', 'PAK', ['Khan', 'Qureshi', 'Siddiqui', 'Malik']],
  ['AFG', 'AFG', ['Ahmadzai', 'Popal', 'Sultani']],
  ['UZB', 'UZB', ['Karimov', 'Rakhimov', 'Yusupov']],
  ['KAZ', 'KAZ', ['Nurlanov', 'Abenov', 'Seitkali']],
  ['RUS', 'RUS', ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov']],
  ['UKR', 'UKR', ['Shevchenko', 'Kovalenko', 'Bondarenko']],
  ['POL', 'POL', ['Nowak', 'Kowalski', 'Wiśniewski']],
  ['TUR', 'TUR', ['Yılmaz', 'Kaya', 'Demir', 'Şahin']],
  ['IND', 'IND', ['Sharma', 'Patel', 'Gupta', 'Singh']],
  ['BGD', 'BGD', ['Rahman', 'Hossain', 'Islam']],
  ['MYS', 'MYS', ['Abdullah', 'Ismail', 'Tan']],
  ['IDN', 'IDN', ['Santoso', 'Wijaya', 'Hidayat']],
  ['THA', 'THA', ['Srisuk', 'Chaiyaporn', 'Boonmee']],
  ['VNM', 'VNM', ['Nguyen', 'Tran', 'Le', 'Pham']],
  ['PHL', 'PHL', ['Santos', 'Reyes', 'Cruz']],
  ['BRA', 'BRA', ['Silva', 'Santos', 'Oliveira', 'Souza']],
  ['MEX', 'MEX', ['Hernández', 'García', 'Martínez']],
  ['COL', 'COL', ['Rodríguez', 'Gómez', 'López']],
  ['PER', 'PER', ['Quispe', 'Flores', 'Sánchez']],
  ['CHL', 'CHL', ['Muñoz', 'Rojas', 'Díaz']],
  ['ARG', 'ARG', ['Fernández', 'González', 'Pérez']],
  ['USA', 'USA', ['Smith', 'Johnson', 'Brown', 'Miller']],
  ['DZA', 'DZA', ['Benali', 'Bouzid', 'Haddad']],
  ['MAR', 'MAR', ['El Amrani', 'Benjelloun', 'Alaoui']],
  ['LBY', 'LBY', ['Al-Mabrouk', 'Ben Ali']],
  ['SDN', 'SDN', ['Osman', 'Abdalla', 'Elamin']],
  ['ETH', 'ETH', ['Tesfaye', 'Bekele', 'Girma']],
  ['TZA', 'TZA', ['Mushi', 'Mollel', 'Massawe']],
  ['ZAF', 'ZAF', ['Nkosi', 'Dlamini', 'van der Merwe']],
  ['YEM', 'YEM', ['Al-Hamdani', 'Saleh']],
  ['JOR', 'JOR', ['Haddad', 'Khoury', 'Nasser']],
  ['LBN', 'LBN', ['Khalil', 'Haddad', 'Saab']],
  ['KOR', 'KOR', ['Kim', 'Lee', 'Park']],
  ['CHL', 'CHL', ['Vargas', 'Soto']],
];
const FIRST = ['Ahmed', 'Mohamed', 'Ali', 'John', 'Maria', 'Olga', 'Samuel', 'Fatima', 'Yusuf', 'Grace', 'Daniel', 'Ivan', 'Carlos', 'Aisha', 'Omar', 'Peter', 'Ana', 'Hamid', 'Nadia', 'Tariq'];
const TRADING = ['Trading', 'General Trading', 'Import & Export', 'Enterprises', 'Merchandise', 'Commercial'];
const LEGAL = ['LLC', 'Ltd', 'Co.', 'FZE', 'S.A.', 'Sdn Bhd', 'Limited'];
const PORTS: Record<string, string> = { NGA: 'Lagos (Apapa)', GHA: 'Tema', KEN: 'Mombasa', EGY: 'Alexandria', SAU: 'Jeddah', ARE: 'Jebel Ali', IRQ: 'Umm Qasr', IRN: 'Bandar Abbas', PAK: 'Karachi', BRA: 'Santos', MEX: 'Manzanillo', USA: 'Los Angeles', RUS: 'Vladivostok', TUR: 'Mersin', IND: 'Nhava Sheva', VNM: 'Ho Chi Minh', DZA: 'Algiers', MAR: 'Casablanca', ZAF: 'Durban', TZA: 'Dar es Salaam' };
const SURNAMES_ZH = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '楼', '龚', '骆', '金', '傅', '何'];
const GIVEN_ZH = ['建国', '丽华', '小芳', '志强', '海燕', '伟', '敏', '静', '军', '秀英', '国平', '红梅', '晓东', '春燕', '建华'];
const SHOP = ['饰品', '玩具', '箱包', '五金', '小家电', '针织', '鞋业', '工艺品', '日用品', '袜业', '帽业', '花卉', '文具', '化妆品'];

/** Product families: HS code, customs unit (units.tsv), names, pcs/carton, cost CNY ×1e4 range, g per pc. */
const FAMILIES: { hs: string; unit: string; zh: string; en: string; pcs: number[]; cost: [number, number]; g: number; dims: [number, number, number] }[] = [
  { hs: '3924100000', unit: '007', zh: '塑料餐具', en: 'Plastic tableware', pcs: [48, 72, 96, 120], cost: [8000, 60000], g: 60, dims: [600, 400, 450] },
  { hs: '3926909090', unit: '007', zh: '塑料收纳盒', en: 'Plastic storage box', pcs: [24, 36, 48], cost: [30000, 150000], g: 220, dims: [620, 450, 500] },
  { hs: '4202220000', unit: '007', zh: '女式手提包', en: "Ladies' handbag", pcs: [20, 30, 40], cost: [150000, 600000], g: 450, dims: [700, 500, 550] },
  { hs: '4202920000', unit: '007', zh: '双肩背包', en: 'Backpack', pcs: [20, 30, 50], cost: [120000, 450000], g: 500, dims: [700, 500, 600] },
  { hs: '6109100000', unit: '011', zh: '棉制针织T恤', en: 'Cotton knitted T-shirt', pcs: [100, 120, 200], cost: [90000, 250000], g: 160, dims: [600, 400, 400] },
  { hs: '6115950000', unit: '026', zh: '棉制袜子', en: 'Cotton socks', pcs: [240, 360, 480], cost: [15000, 60000], g: 40, dims: [550, 400, 350] },
  { hs: '6302600000', unit: '015', zh: '棉制毛巾', en: 'Cotton towel', pcs: [100, 200, 300], cost: [40000, 180000], g: 120, dims: [600, 450, 450] },
  { hs: '6402999000', unit: '025', zh: '橡胶底休闲鞋', en: 'Casual shoes, rubber soles', pcs: [12, 24, 36], cost: [200000, 800000], g: 700, dims: [650, 450, 400] },
  { hs: '6505009900', unit: '007', zh: '针织帽', en: 'Knitted hat', pcs: [120, 240, 300], cost: [30000, 150000], g: 80, dims: [600, 500, 500] },
  { hs: '6702100000', unit: '035', zh: '塑料仿真花', en: 'Artificial flowers, plastic', pcs: [100, 200, 400], cost: [10000, 80000], g: 35, dims: [900, 500, 500] },
  { hs: '7117190000', unit: '035', zh: '贱金属仿首饰', en: 'Imitation jewellery, base metal', pcs: [600, 1200, 2400], cost: [5000, 50000], g: 12, dims: [450, 350, 300] },
  { hs: '7323930000', unit: '035', zh: '不锈钢厨房用具', en: 'Stainless steel kitchenware', pcs: [24, 48, 72], cost: [50000, 300000], g: 350, dims: [550, 400, 400] },
  { hs: '8306290000', unit: '035', zh: '贱金属装饰品', en: 'Base metal ornaments', pcs: [48, 96, 144], cost: [30000, 200000], g: 150, dims: [500, 400, 400] },
  { hs: '8513101000', unit: '007', zh: '手电筒', en: 'Torch (flashlight)', pcs: [60, 100, 200], cost: [40000, 200000], g: 120, dims: [500, 380, 350] },
  { hs: '8516310000', unit: '001', zh: '电吹风', en: 'Hair dryer', pcs: [10, 20, 30], cost: [250000, 900000], g: 600, dims: [600, 400, 450] },
  { hs: '9503002100', unit: '007', zh: '塑料玩具', en: 'Plastic toys', pcs: [36, 72, 144], cost: [20000, 250000], g: 150, dims: [700, 500, 600] },
  { hs: '9505900000', unit: '035', zh: '节日用品', en: 'Festive articles', pcs: [100, 200, 500], cost: [5000, 80000], g: 40, dims: [600, 450, 500] },
  { hs: '9603210000', unit: '012', zh: '牙刷', en: 'Toothbrush', pcs: [720, 1440], cost: [3000, 15000], g: 15, dims: [500, 350, 300] },
  { hs: '9615110000', unit: '016', zh: '塑料梳子', en: 'Plastic comb', pcs: [600, 1200], cost: [2000, 12000], g: 20, dims: [450, 350, 300] },
  { hs: '9617001100', unit: '007', zh: '保温杯', en: 'Vacuum flask', pcs: [24, 48], cost: [100000, 400000], g: 380, dims: [600, 400, 450] },
];
const SPECS = ['红色', '蓝色', '黑色', '混色', '大号', '中号', '小号', '6件套', '12件套', '礼盒装', 'OPP袋装', '彩盒装'];
const OWNERS = ['CSQ', 'MSK', 'MSC', 'CMA', 'OOL', 'COS', 'TGH', 'TCN', 'CBH', 'FCI', 'EGH', 'SEG', 'HLX', 'ONE'];
const METHODS_CNY = ['cash', 'bank', 'alipay', 'wechat'] as const;

const DAY = 86_400_000;

export function seed(db: DB, opts: SeedOptions): SeedResult {
  const t0 = performance.now();
  const total = Math.max(0, Math.floor(opts.lines));
  const rnd = mulberry32(opts.seed ?? 1);
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const fromMs = Date.parse(`${opts.from ?? '2023-01-01'}T00:00:00Z`);
  const days = opts.days ?? 1095;
  const endMs = fromMs + (days - 1) * DAY;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const stampOf = (date: string) => `${date}T09:00:00.000Z`;

  const prevSync = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const counts: Record<string, number> = { parties: 0, products: 0, salesOrders: 0, purchaseOrders: 0, orderLines: 0, payments: 0, shipments: 0, shipmentLines: 0, stockMoves: 0, imports: 0, importLines: 0 };

  try {
    // --- company ---------------------------------------------------------------------------------------
    const created = stampOf(iso(fromMs));
    db.prepare(
      `INSERT INTO company (id, name_zh, name_en, address, base_currency, language, mp_reg_no, customs_code, created_at, updated_at)
       VALUES (1, '义乌市示例国际贸易商行', 'Yiwu Demo International Trading Firm', '浙江省义乌市福田街道商城大道 1 号', 'CNY', 'zh', '330796000001', '3318960001', ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ).run(created, created);
    const base = (db.prepare('SELECT base_currency FROM company WHERE id = 1').get() as { base_currency: string }).base_currency;
    const usdRateAt = (ms: number) => (base === 'USD' ? 1_000_000 : 7_050_000 + Math.floor(((ms - fromMs) / DAY) * 137) % 250_000);
    const foreign = base === 'CNY' ? 'USD' : base; // sales currency
    const rateOf = (cur: string, ms: number) => (cur === base ? 1_000_000 : usdRateAt(ms));

    // --- number series: continue what the file has ----------------------------------------------------
    const prefixes = getSettings(db).prefixes;
    const series = new Map<string, number>();
    for (const r of db.prepare('SELECT series, year, last FROM number_series').all() as { series: string; year: number; last: number }[]) {
      series.set(`${r.series}|${r.year}`, r.last);
    }
    const nextNo = (s: keyof typeof prefixes, date: string) => {
      const year = Number(date.slice(0, 4));
      const k = `${s}|${year}`;
      const n = (series.get(k) ?? 0) + 1;
      series.set(k, n);
      return `${prefixes[s]}-${year}-${String(n).padStart(4, '0')}`;
    };

    // --- parties --------------------------------------------------------------------------------------
    const insParty = db.prepare(
      `INSERT INTO party (roles, name_zh, name_en, country, phone, wechat, whatsapp, email, address, booth, stall_reg_no, id_doc_no, nationality, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const nBuyers = clamp(Math.round(total / 3000), 20, 400);
    const nStalls = clamp(Math.round(total / 1500), 30, 800);
    const buyers: { id: number; country: string }[] = [];
    const stalls: number[] = [];
    const foreignSuppliers: number[] = [];
    let agent = 0;
    let forwarders: number[] = [];
    let brokers: number[] = [];
    db.transaction(() => {
      for (let i = 0; i < nBuyers; i++) {
        const [country, nat, surnames] = pick(COUNTRIES);
        const first = pick(FIRST);
        const last = pick(surnames);
        const company = `${last} ${pick(TRADING)} ${pick(LEGAL)}`;
        const passport = `${String.fromCharCode(65 + int(0, 25))}${int(10_000_000, 99_999_999)}`;
        const phone = `+${int(20, 998)} ${int(100, 999)} ${int(1000000, 9999999)}`;
        const id = Number(
          insParty.run(',customer,', '', `${company}`, country, phone, '', phone, `${first.toLowerCase()}.${i + 1}@example.com`, `${int(1, 300)} Market Road, ${country}`, '', '', passport, nat, created, created).lastInsertRowid,
        );
        buyers.push({ id, country });
      }
      const seenBooth = new Set<string>();
      for (let i = 0; i < nStalls; i++) {
        let booth = '';
        do booth = `国际商贸城 ${int(1, 5)}区 ${int(1, 40)}街 ${int(10000, 39999)}`;
        while (seenBooth.has(booth));
        seenBooth.add(booth);
        const owner = `${pick(SURNAMES_ZH)}${pick(GIVEN_ZH)}`;
        const name = `义乌市${owner.slice(0, 1)}${pick(['氏', '记', '佳', '源', '鑫', '盛'])}${pick(SHOP)}商行`;
        const reg = `92330782${'MA'}${int(10_000_000, 99_999_999)}`;
        const phone = `13${int(0, 9)}${int(10_000_000, 99_999_999)}`;
        stalls.push(Number(insParty.run(',supplier,', name, '', 'CHN', phone, `wx${phone}`, '', '', '浙江省义乌市', booth, reg, '', 'CHN', created, created).lastInsertRowid));
      }
      agent = Number(insParty.run(',agent,', '义乌市示例市场采购贸易代理有限公司', 'Yiwu Demo MP Agency Co., Ltd', 'CHN', '0579-85000000', '', '', '', '浙江省义乌市国际商贸城', '', '', '', 'CHN', created, created).lastInsertRowid);
      forwarders = ['宁波远航国际货运代理有限公司', '义乌通达货运代理有限公司', '金华顺丰国际物流有限公司'].map((n) =>
        Number(insParty.run(',forwarder,', n, '', 'CHN', '0574-87000000', '', '', '', '', '', '', '', 'CHN', created, created).lastInsertRowid),
      );
      brokers = ['义乌海关报关行', '宁波港通报关有限公司'].map((n) => Number(insParty.run(',broker,', n, '', 'CHN', '', '', '', '', '', '', '', '', 'CHN', created, created).lastInsertRowid));
      for (const [n, c] of [['Rossi Forniture S.r.l.', 'ITA'], ['Müller Haushaltswaren GmbH', 'DEU'], ['Sakura Trading K.K.', 'JPN']] as const) {
        foreignSuppliers.push(Number(insParty.run(',supplier,', '', n, c, '', '', '', '', '', '', '', '', c, created, created).lastInsertRowid));
      }
    })();
    counts.parties = buyers.length + stalls.length + 1 + forwarders.length + brokers.length + foreignSuppliers.length;

    // --- products -------------------------------------------------------------------------------------
    interface Prod { id: number; item: string; zh: string; en: string; spec: string; hs: string; unit: string; pcs: number; l: number; w: number; h: number; gross: number; net: number; cost: number; stall: number }
    const products: Prod[] = [];
    const nProducts = clamp(Math.round(total / 150), 100, 8000);
    const startNo = ((db.prepare('SELECT max(id) AS m FROM product').get() as { m: number | null }).m ?? 0) + 1;
    const insProduct = db.prepare(
      `INSERT INTO product (item_no, name_zh, name_en, spec, hs_code, decl_elements, brand, brand_type, customs_unit, pcs_per_carton, carton_l_mm, carton_w_mm, carton_h_mm,
         gross_g, net_g, default_price_e4, currency, supplier_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '无品牌', '0', ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < nProducts; i++) {
        const f = pick(FAMILIES);
        const pcs = pick(f.pcs);
        const net = pcs * Math.max(1, Math.round(f.g * (0.8 + rnd() * 0.4)));
        const gross = net + int(500, 2500);
        const l = f.dims[0] + int(-50, 50) * 2;
        const w = f.dims[1] + int(-30, 30) * 2;
        const h = f.dims[2] + int(-30, 30) * 2;
        const cost = Math.round(int(f.cost[0], f.cost[1]) / 100) * 100;
        const spec = pick(SPECS);
        const item = `YW${String(startNo + i).padStart(6, '0')}`;
        const stall = pick(stalls);
        const id = Number(
          insProduct.run(item, f.zh, f.en, spec, f.hs, `${f.zh}|${spec}|无品牌`, f.unit, pcs, l, w, h, gross, net, cost, stall, created, created).lastInsertRowid,
        );
        products.push({ id, item, zh: f.zh, en: f.en, spec, hs: f.hs, unit: f.unit, pcs, l, w, h, gross, net, cost, stall });
      }
    })();
    counts.products = products.length;

    // --- statements -----------------------------------------------------------------------------------
    const insOrder = db.prepare(
      `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, incoterm, incoterm_place, payment_terms, warehouse, notes, status, cancel_reason,
         total_minor, base_total_minor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
    );
    const insLine = db.prepare(
      `INSERT INTO order_line (order_id, line_no, product_id, item_no, name_zh, name_en, spec, hs_code, unit, cartons, pcs_per_carton, qty_e3, price_e4, amount_minor,
         gross_g, net_g, cbm_e4, stall_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insPayment = db.prepare(
      `INSERT INTO payment (no, direction, party_id, pay_date, amount_minor, currency, rate_e6, method, reference, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insAlloc = db.prepare('INSERT INTO payment_allocation (payment_id, order_id, amount_minor) VALUES (?, ?, ?)');
    const insShipment = db.prepare(
      `INSERT INTO shipment (no, mode, trade_mode, exporter_id, consignee_id, dest_country, dest_port, loading_port, container_no, container_type, seal_no, bl_no,
         vessel_voyage, forwarder_id, broker_id, declaration_no, etd, eta, status, marks, created_at, updated_at)
       VALUES (?, 'sea', '1039', ?, ?, ?, ?, '宁波 Ningbo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insShipLine = db.prepare(
      `INSERT INTO shipment_line (shipment_id, order_line_id, line_no, cartons, qty_e3, amount_minor, gross_g, net_g, cbm_e4) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMove = db.prepare(
      `INSERT INTO stock_move (product_id, move_date, kind, qty_e3, unit_cost_e4, order_line_id, import_line_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    const setTotals = db.prepare('UPDATE trade_order SET total_minor = ?, base_total_minor = ? WHERE id = ?');
    const addPayment = (dir: 'in' | 'out', partyId: number, orderId: number, date: string, amount: number, cur: string, rate: number) => {
      if (amount <= 0) return;
      const method = cur === 'CNY' ? pick(METHODS_CNY) : 'tt';
      const pid = Number(insPayment.run(nextNo('payment', date), dir, partyId, date, amount, cur, rate, method, method === 'tt' ? `TT${int(100000000, 999999999)}` : '', stampOf(date), stampOf(date)).lastInsertRowid);
      insAlloc.run(pid, orderId, amount);
      counts.payments!++;
    };

    // sales orders waiting to be shipped, per buyer
    interface ShipLine { id: number; cartons: number; qty: number; amount: number; gross: number; net: number; cbm: number }
    interface Pending { orders: { id: number; total: number; cur: string; rate: number; date: string }[]; lines: ShipLine[]; lastMs: number }
    const pending = new Map<number, Pending>();
    const shipCutoff = endMs - 60 * DAY;
    const receiveCutoff = endMs - 30 * DAY;
    const buyerById = new Map(buyers.map((b) => [b.id, b]));

    const flushShipment = (buyerId: number, p: Pending) => {
      const b = buyerById.get(buyerId)!;
      const etdMs = p.lastMs + int(7, 20) * DAY;
      const etaMs = etdMs + int(25, 45) * DAY;
      const etd = iso(etdMs);
      const eta = iso(etaMs);
      const status = etaMs + 10 * DAY < endMs ? 'delivered' : etaMs < endMs ? 'arrived' : 'departed';
      const first10 = `${pick(OWNERS)}U${String(int(0, 999999)).padStart(6, '0')}`;
      const container = `${first10}${containerCheckDigit(first10)}`;
      const cbm = p.lines.reduce((a, l) => a + l.cbm, 0);
      const type = cbm <= 280_000 ? '20GP' : cbm <= 580_000 ? '40GP' : '40HQ';
      const no = nextNo('shipment', etd);
      const decl = `2901${etd.slice(0, 4)}${String(int(0, 9_999_999_999)).padStart(10, '0')}`;
      const created = stampOf(etd);
      const sid = Number(
        insShipment.run(no, agent, buyerId, b.country, PORTS[b.country] ?? '', container, type, `${int(1_000_000, 9_999_999)}`, `NGB${int(10_000_000, 99_999_999)}`,
          `${pick(['MSC AURORA', 'CSCL MERCURY', 'OOCL TOKYO', 'CMA CGM TAGE', 'EVER GIVEN'])} ${int(100, 999)}${pick(['E', 'W', 'S', 'N'])}`,
          pick(forwarders), pick(brokers), decl, etd, eta, status, `N/M`, created, created).lastInsertRowid,
      );
      p.lines.forEach((l, i) => insShipLine.run(sid, l.id, i + 1, l.cartons, l.qty, l.amount, l.gross, l.net, l.cbm));
      counts.shipments!++;
      counts.shipmentLines! += p.lines.length;
      // the balance is paid when the goods leave
      for (const o of p.orders) {
        const paid = Math.round(o.total * 0.3);
        addPayment('in', buyerId, o.id, etd < iso(endMs) ? etd : iso(endMs), o.total - paid, o.cur, o.rate);
      }
      pending.delete(buyerId);
    };

    // --- orders ---------------------------------------------------------------------------------------
    // dates: evenly spread, ordered, so numbers follow dates
    const avgLines = 22.5;
    const nOrders = Math.max(1, Math.ceil(total / avgLines));
    let written = 0;
    let orderIdx = 0;
    const CHUNK = 40_000;
    while (written < total) {
      db.transaction(() => {
        const chunkEnd = Math.min(total, written + CHUNK);
        while (written < chunkEnd) {
          const ms = fromMs + Math.floor((orderIdx / nOrders) * (days - 1)) * DAY;
          orderIdx++;
          const date = iso(ms);
          const left = total - written;
          let n = int(5, 40);
          if (left <= 40) n = left; // the last order takes what is left (fewer than 5 only for a tiny total)
          else if (left - n < 5) n = left - 5;
          const kind = rnd() < 0.6 ? 'sales' : 'purchase';
          const stamp = stampOf(date);
          if (kind === 'sales') {
            const buyer = buyers[Math.floor(buyers.length * rnd() * rnd())]!; // skewed: a few big buyers
            const cur = rnd() < 0.85 ? foreign : base;
            const rate = rateOf(cur, ms);
            const cancelled = rnd() < 0.02;
            const old = ms < shipCutoff;
            const status = cancelled ? 'cancelled' : old ? 'complete' : rnd() < 0.2 ? 'draft' : 'confirmed';
            const no = nextNo('sales', date);
            const oid = Number(
              insOrder.run('sales', no, buyer.id, date, cur, rate, 'FOB', 'Ningbo', pick(['30% deposit, balance before loading', 'T/T 30/70', '100% before loading']), '',
                status, cancelled ? 'buyer cancelled' : '', 0, 0, stamp, stamp).lastInsertRowid,
            );
            let sum = 0;
            const lines: ShipLine[] = [];
            for (let i = 0; i < n; i++) {
              const p = pick(products);
              const cartons = int(1, 40);
              const qty = cartons * p.pcs * 1000;
              const usdPrice = cur === base ? p.cost * int(105, 125) / 100 : (p.cost * int(110, 135)) / 100 / (rate / 1e6);
              const price = Math.max(1, Math.round(usdPrice / 10) * 10);
              const amount = lineAmount(qty, price, cur);
              const gross = cartons * p.gross;
              const net = cartons * p.net;
              const cbm = cartonsCbmE4(cartons, p.l, p.w, p.h);
              const lid = Number(insLine.run(oid, i + 1, p.id, p.item, p.zh, p.en, p.spec, p.hs, p.unit, cartons, p.pcs, qty, price, amount, gross, net, cbm, p.stall).lastInsertRowid);
              sum += amount;
              lines.push({ id: lid, cartons, qty, amount, gross, net, cbm });
            }
            const baseTotal = convert(sum, cur, rate, base);
            setTotals.run(sum, baseTotal, oid);
            counts.salesOrders!++;
            if (!cancelled && status !== 'draft') {
              if (rnd() < 0.8) addPayment('in', buyer.id, oid, date, Math.round(sum * 0.3), cur, rate); // deposit
              if (old) {
                const p = pending.get(buyer.id) ?? { orders: [], lines: [], lastMs: ms };
                p.orders.push({ id: oid, total: sum, cur, rate, date });
                p.lines.push(...lines);
                p.lastMs = ms;
                pending.set(buyer.id, p);
                if (p.lines.length >= 60 + (buyer.id % 5) * 40) flushShipment(buyer.id, p);
              }
            }
          } else {
            const stall = pick(stalls);
            const rate = 1_000_000;
            const cur = base === 'CNY' ? 'CNY' : base;
            const received = ms < receiveCutoff;
            const status = received ? 'complete' : rnd() < 0.25 ? 'draft' : 'confirmed';
            const no = nextNo('purchase', date);
            const oid = Number(
              insOrder.run('purchase', no, stall, date, cur, rate, '', '', pick(['货到付款', '月结', '现金']), pick(['义乌仓', '稠城仓']), status, '', 0, 0, stamp, stamp).lastInsertRowid,
            );
            let sum = 0;
            const recvDate = iso(Math.min(ms + int(3, 15) * DAY, endMs));
            for (let i = 0; i < n; i++) {
              const p = pick(products);
              const cartons = int(1, 60);
              const qty = cartons * p.pcs * 1000;
              const price = p.cost;
              const amount = lineAmount(qty, price, cur);
              const lid = Number(
                insLine.run(oid, i + 1, p.id, p.item, p.zh, p.en, p.spec, p.hs, p.unit, cartons, p.pcs, qty, price, amount, cartons * p.gross, cartons * p.net,
                  cartonsCbmE4(cartons, p.l, p.w, p.h), null).lastInsertRowid,
              );
              sum += amount;
              if (received) {
                insMove.run(p.id, recvDate, 'purchase_receipt', qty, roundDiv(BigInt(price) * BigInt(rate), 1_000_000n), lid, null, no, stampOf(recvDate));
                counts.stockMoves!++;
              }
            }
            setTotals.run(sum, convert(sum, cur, rate, base), oid);
            counts.purchaseOrders!++;
            if (received) addPayment('out', stall, oid, recvDate, sum, cur, rate);
          }
          written += n;
          counts.orderLines! += n;
        }
        if (written >= total) for (const [buyerId, p] of [...pending]) flushShipment(buyerId, p);
      })();
      opts.onProgress?.(written);
    }

    // --- imports (a few, computed like the core) ------------------------------------------------------
    const nImports = total === 0 ? 0 : clamp(Math.round(total / 20_000), 2, 50);
    const insImport = db.prepare(
      `INSERT INTO import_record (no, supplier_id, origin_country, trade_mode, declaration_no, arrival_date, currency, rate_e6, value_basis, freight_minor, insurance_minor,
         vat_in_cost, status, created_at, updated_at) VALUES (?, ?, ?, '0110', ?, ?, ?, ?, ?, ?, ?, 1, 'received', ?, ?)`,
    );
    const insImportLine = db.prepare(
      `INSERT INTO import_line (import_id, line_no, product_id, description, hs_code, qty_e3, price_e4, amount_minor, duty_rate_e2, vat_rate_e2, customs_value_base, duty_base,
         vat_base, landed_base, landed_unit_e4) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let k = 0; k < nImports; k++) {
        const ms = fromMs + Math.floor(((k + 0.5) / nImports) * (days - 1)) * DAY;
        const date = iso(ms);
        const sup = pick(foreignSuppliers);
        const country = sup === foreignSuppliers[0] ? 'ITA' : sup === foreignSuppliers[1] ? 'DEU' : 'JPN';
        const cur = base === 'USD' ? 'USD' : 'USD';
        const rate = rateOf(cur, ms);
        const basis = rnd() < 0.5 ? 'CIF' : 'FOB';
        const freight = basis === 'FOB' ? int(50_000, 300_000) : 0;
        const insurance = basis === 'FOB' ? int(1_000, 10_000) : 0;
        const h = { currency: cur, rate_e6: rate, value_basis: basis, freight_minor: freight, insurance_minor: insurance, vat_in_cost: 1 } as const;
        const picks = Array.from({ length: int(3, 10) }, () => ({ p: pick(products), qty: int(50, 2000) * 1000, price: int(5_000, 200_000), dutyE2: pick([0, 500, 800, 1000, 1400]), vatE2: 1300 }));
        const computed = computeLines(h, base, picks.map((x) => ({ qty: x.qty, price: x.price, dutyE2: x.dutyE2, vatE2: x.vatE2 })));
        const no = nextNo('import', date);
        const iid = Number(
          insImport.run(no, sup, country, `2901${date.slice(0, 4)}1${String(int(0, 999_999_999)).padStart(9, '0')}`, date, cur, rate, basis, freight, insurance, stampOf(date), stampOf(date)).lastInsertRowid,
        );
        picks.forEach((x, i) => {
          const c = computed[i]!;
          const lid = Number(
            insImportLine.run(iid, i + 1, x.p.id, `${x.p.zh} ${x.p.en}`, x.p.hs, x.qty, x.price, c.amount, x.dutyE2, x.vatE2, c.customsValue, c.duty, c.vat, c.landed, c.landedUnitE4).lastInsertRowid,
          );
          insMove.run(x.p.id, date, 'import_receipt', x.qty, c.landedUnitE4, null, lid, no, stampOf(date));
          counts.stockMoves!++;
        });
        counts.imports!++;
        counts.importLines! += picks.length;
      }
      // the series the app continues from, and the last rate used
      const upSeries = db.prepare(
        'INSERT INTO number_series (series, year, last) VALUES (?, ?, ?) ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last)',
      );
      for (const [k, last] of series) {
        const [s, y] = k.split('|');
        upSeries.run(s, Number(y), last);
      }
      if (foreign !== base) {
        db.prepare(
          `INSERT INTO last_rate (currency, rate_e6, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (currency) DO UPDATE SET rate_e6 = excluded.rate_e6, updated_at = excluded.updated_at`,
        ).run(foreign, usdRateAt(endMs), stampOf(iso(endMs)));
      }
    })();
  } finally {
    db.pragma(`synchronous = ${prevSync}`);
  }
  return { ms: performance.now() - t0, counts };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
