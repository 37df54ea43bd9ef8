import { describe, expect, it } from 'vitest';
import { ok, raw, testCore } from './helpers';

const stall = { roles: ['supplier' as const], nameZh: '金华玩具摊位', booth: '国际商贸城 2区 12街 34567', stallRegNo: 'YW2026-0001' };
const toy = {
  itemNo: 'A-1001',
  nameZh: '塑料玩具车',
  nameEn: 'Plastic toy car',
  hsCode: '9503008900',
  customsUnit: '007',
  pcsPerCarton: 240,
  cartonLengthCm: '60',
  cartonWidthCm: '40',
  cartonHeightCm: '50',
  grossKgPerCarton: '12.5',
  netKgPerCarton: '11.25',
  defaultPrice: '0.0125',
  currency: 'USD',
};

describe('parties', () => {
  it('keeps all the fields a 1039 filing needs and finds them by role and search', async () => {
    const core = await testCore();
    const buyer = await ok(core, 'parties.create', {
      roles: ['customer'],
      nameEn: 'Ahmed Trading LLC',
      country: 'ARE',
      nationality: 'EGY',
      idDocNo: 'A12345678',
      whatsapp: '+971 50 123 4567',
    });
    const s = await ok(core, 'parties.create', stall);
    expect(buyer).toMatchObject({ roles: ['customer'], country: 'ARE', nationality: 'EGY', idDocNo: 'A12345678', archived: false });

    expect((await ok(core, 'parties.list', { role: 'supplier' })).map((p) => p.id)).toEqual([s.id]);
    expect((await ok(core, 'parties.list', { search: '34567' })).map((p) => p.id)).toEqual([s.id]);
    expect((await ok(core, 'parties.list', { search: 'ahmed' })).map((p) => p.id)).toEqual([buyer.id]);
    // LIKE wildcards typed by the user are literal
    expect(await ok(core, 'parties.list', { search: '%' })).toEqual([]);
  });

  it('rejects a party without a name or role, or with an unknown country, naming the field', async () => {
    const core = await testCore();
    const noName = await raw(core, 'parties.create', { roles: ['customer'] });
    expect(noName.ok || noName.error.issues?.map((i) => i.path)).toEqual(['nameZh']);
    const noRole = await raw(core, 'parties.create', { nameZh: '某人', roles: [] });
    expect(noRole.ok || noRole.error.issues?.map((i) => i.path)).toEqual(['roles']);
    const badCountry = await raw(core, 'parties.create', { nameZh: '某人', roles: ['customer'], country: 'XXX' });
    expect(badCountry.ok || badCountry.error.issues).toEqual([{ path: 'country', message: 'unknown country code', key: 'errors.unknownCountry' }]);
    expect(await ok(core, 'parties.list', { includeArchived: true })).toEqual([]);
  });

  it('updates one field without touching the others, and refuses to blank both names', async () => {
    const core = await testCore();
    const s = await ok(core, 'parties.create', stall);
    const updated = await ok(core, 'parties.update', { id: s.id, patch: { phone: '138 0000 0000' } });
    expect(updated).toMatchObject({ phone: '138 0000 0000', booth: stall.booth, stallRegNo: stall.stallRegNo });
    const r = await raw(core, 'parties.update', { id: s.id, patch: { nameZh: '' } });
    expect(r.ok || r.error.issues).toEqual([{ path: 'patch.nameZh', message: 'a name in Chinese or English is required', key: 'errors.nameRequired' }]);
    expect((await ok(core, 'parties.get', { id: s.id })).nameZh).toBe(stall.nameZh);
  });

  it('archives instead of deleting a party that a product uses', async () => {
    const core = await testCore();
    const s = await ok(core, 'parties.create', stall);
    await ok(core, 'products.create', { ...toy, supplierId: s.id });
    const del = await raw(core, 'parties.delete', { id: s.id });
    expect(del.ok).toBe(false);
    expect(del.ok || del.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/1 product; archive it instead/) });
    expect((await ok(core, 'parties.get', { id: s.id })).archived).toBe(false);

    await ok(core, 'parties.archive', { id: s.id, archived: true });
    expect(await ok(core, 'parties.list', {})).toEqual([]);
    expect((await ok(core, 'parties.list', { includeArchived: true })).map((p) => p.archived)).toEqual([true]);

    const unused = await ok(core, 'parties.create', { roles: ['broker'], nameZh: '报关行' });
    expect(await ok(core, 'parties.delete', { id: unused.id })).toEqual({ id: unused.id });
    expect((await raw(core, 'parties.get', { id: unused.id })).ok).toBe(false);
  });
});

describe('products', () => {
  it('stores sizes, weights and prices exactly and computes CBM per carton', async () => {
    const core = await testCore();
    const p = await ok(core, 'products.create', toy);
    expect(p).toMatchObject({
      itemNo: 'A-1001',
      cbmPerCarton: '0.1200',
      grossKgPerCarton: '12.5',
      netKgPerCarton: '11.25',
      defaultPrice: '0.0125',
      pcsPerCarton: 240,
    });
    const odd = await ok(core, 'products.create', { itemNo: 'B-7', nameZh: '发夹', cartonLengthCm: '33.3', cartonWidthCm: '33.3', cartonHeightCm: '33.3' });
    // 33.3³ cm³ = 36926.037 cm³ = 0.036926… m³ → 0.0369
    expect(odd.cbmPerCarton).toBe('0.0369');
    expect((await ok(core, 'products.create', { itemNo: 'C-1', nameEn: 'Comb', cartonLengthCm: '50' })).cbmPerCarton).toBe('');
  });

  it('keeps item numbers unique, ignoring case', async () => {
    const core = await testCore();
    await ok(core, 'products.create', toy);
    const dup = await raw(core, 'products.create', { ...toy, itemNo: 'a-1001' });
    expect(dup.ok || dup.error.issues).toEqual([{ path: 'itemNo', message: expect.stringMatching(/a-1001 is already used by product 1/), key: 'errors.itemNoUsed', params: { itemNo: 'a-1001', id: 1 } }]);
    const other = await ok(core, 'products.create', { ...toy, itemNo: 'A-1002' });
    const clash = await raw(core, 'products.update', { id: other.id, patch: { itemNo: 'A-1001' } });
    expect(clash.ok || clash.error.issues?.[0]?.path).toBe('patch.itemNo');
    expect((await ok(core, 'products.list', {})).map((p) => p.itemNo)).toEqual(['A-1001', 'A-1002']);
  });

  it('accepts only 10-digit HS codes', async () => {
    const core = await testCore();
    for (const hsCode of ['9503', '95030089001', '95030089AB']) {
      const r = await raw(core, 'products.create', { ...toy, hsCode });
      expect(r.ok || r.error.issues).toEqual([{ path: 'hsCode', message: 'HS code must be exactly 10 digits', key: 'errors.hsCode' }]);
    }
    // brokers write 9503.0089.00: dots and spaces are removed
    expect((await ok(core, 'products.create', { ...toy, hsCode: '9503.0089.00' })).hsCode).toBe('9503008900');
    expect(await ok(core, 'products.list', {})).toHaveLength(1);
  });

  it('refuses net weight above gross, unknown units, too many decimals, and non-supplier parties', async () => {
    const core = await testCore();
    const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Buyer' });
    const cases: [Record<string, unknown>, string][] = [
      [{ netKgPerCarton: '13' }, 'netKgPerCarton'],
      [{ customsUnit: '999' }, 'customsUnit'],
      [{ defaultPrice: '0.01255' }, 'defaultPrice'],
      [{ cartonLengthCm: '-5' }, 'cartonLengthCm'],
      [{ pcsPerCarton: 0 }, 'pcsPerCarton'],
      [{ supplierId: buyer.id }, 'supplierId'],
      [{ supplierId: 999 }, 'supplierId'],
    ];
    for (const [change, field] of cases) {
      const r = await raw(core, 'products.create', { ...toy, ...change });
      expect(r.ok || r.error.issues?.map((i) => i.path), JSON.stringify(change)).toEqual([field]);
    }
    expect(await ok(core, 'products.list', {})).toEqual([]);
  });

  it('finds products by item no., name, spec or HS code and hides archived ones', async () => {
    const core = await testCore();
    const a = await ok(core, 'products.create', toy);
    const b = await ok(core, 'products.create', { itemNo: 'HC-88', nameZh: '发夹', spec: '金属 5cm', hsCode: '9615190000' });
    expect((await ok(core, 'products.list', { search: '玩具' })).map((p) => p.id)).toEqual([a.id]);
    expect((await ok(core, 'products.list', { search: '961519' })).map((p) => p.id)).toEqual([b.id]);
    expect((await ok(core, 'products.list', { search: '5cm' })).map((p) => p.id)).toEqual([b.id]);
    await ok(core, 'products.archive', { id: a.id, archived: true });
    expect((await ok(core, 'products.list', {})).map((p) => p.id)).toEqual([b.id]);
    const patched = await ok(core, 'products.update', { id: b.id, patch: { defaultPrice: '1.5', currency: 'CNY' } });
    expect(patched).toMatchObject({ defaultPrice: '1.5', currency: 'CNY', spec: '金属 5cm' });
  });
});

describe('company and UI state', () => {
  it('is set up once, then updated', async () => {
    const core = await testCore({ setup: false });
    expect(await ok(core, 'company.get', {})).toBeNull();
    expect((await ok(core, 'app.info', {})).hasCompany).toBe(false);
    const bad = await raw(core, 'company.setup', { baseCurrency: 'CNY' });
    expect(bad.ok || bad.error.issues?.[0]?.path).toBe('nameZh');
    const c = await ok(core, 'company.setup', { nameEn: 'Yiwu Star Trading' });
    expect(c).toMatchObject({ nameEn: 'Yiwu Star Trading', baseCurrency: 'CNY', language: 'zh' });
    expect((await raw(core, 'company.setup', { nameEn: 'again' })).ok).toBe(false);
    expect((await ok(core, 'company.update', { mpRegNo: '3318960001' })).mpRegNo).toBe('3318960001');
  });

  it('keeps a grid layout per key', async () => {
    const core = await testCore();
    const layout = [{ colId: 'itemNo', width: 140, sort: 'asc' }];
    await ok(core, 'ui.set', { key: 'grid.products', value: layout });
    expect(await ok(core, 'ui.get', { key: 'grid.products' })).toEqual(layout);
    expect(await ok(core, 'ui.get', { key: 'grid.parties' })).toBeNull();
  });
});

describe('base currency', () => {
  it('cannot change once trade records exist, because their base amounts are in it', async () => {
    const core = await testCore();
    expect((await ok(core, 'company.update', { baseCurrency: 'USD' })).baseCurrency).toBe('USD');
    const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Buyer' });
    await ok(core, 'orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-01', currency: 'USD', rate: '1', lines: [{ nameEn: 'Cup', quantity: '10', unitPrice: '1.5' }] });
    const r = await raw(core, 'company.update', { baseCurrency: 'CNY' });
    expect(r.ok || r.error.issues?.[0]?.path).toBe('baseCurrency');
    expect((await ok(core, 'company.get', {}))?.baseCurrency).toBe('USD');
  });
});
