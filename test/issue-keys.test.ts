/**
 * Error keys: a refused call's field issues name the catalog key of their message (and its values), so a
 * screen shows them in the user's language; the English message stays for the CLI and logs. Every key
 * the core sends exists in every catalog, and reads in Arabic and Russian without falling back.
 */
import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../shared/api';
import { CATALOG_LANGUAGES, createI18n } from '../shared/i18n';
import { ok, raw, testCore } from './helpers';

async function issues(core: Awaited<ReturnType<typeof testCore>>, name: string, arg: unknown): Promise<FieldIssue[]> {
  const r = await raw(core, name, arg);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error.issues ?? [];
}

describe('error keys on field issues', () => {
  it('gives zod issues a key: required, too long, not a number, not positive, unknown code', async () => {
    const core = await testCore();
    const party = await issues(core, 'parties.create', { roles: ['customer'], nameZh: 'x'.repeat(300), country: 'QQQ' });
    expect(party).toContainEqual(expect.objectContaining({ path: 'nameZh', key: 'errors.tooLong', params: { max: 200 } }));
    expect(party).toContainEqual(expect.objectContaining({ path: 'country', key: 'errors.unknownCountry' }));
    const product = await issues(core, 'products.create', { nameZh: '杯子', pcsPerCarton: 0, hsCode: '12' });
    expect(product).toContainEqual(expect.objectContaining({ path: 'itemNo', key: 'validation.required' }));
    expect(product).toContainEqual(expect.objectContaining({ path: 'pcsPerCarton', key: 'validation.positive' }));
    expect(product).toContainEqual(expect.objectContaining({ path: 'hsCode', key: 'errors.hsCode' }));
    const notNumber = await issues(core, 'products.create', { itemNo: 'A-1', nameZh: '杯子', pcsPerCarton: 'many' });
    expect(notNumber).toContainEqual(expect.objectContaining({ path: 'pcsPerCarton', key: 'validation.notNumber' }));
    // a check with its own wording keeps it (the screen's table translates it)
    const cm = await issues(core, 'products.create', { itemNo: 'A-2', nameZh: '杯子', cartonLengthCm: '12.34' });
    expect(cm.find((i) => i.path === 'cartonLengthCm')).toMatchObject({ message: 'a size in cm with at most 1 decimal' });
    expect(cm.find((i) => i.path === 'cartonLengthCm')?.key).toBeUndefined();
  });

  it('gives the core trade rules a key with their values', async () => {
    const core = await testCore();
    const p = await ok(core, 'products.create', { itemNo: 'A-100', nameZh: '杯子' });
    const clash = await issues(core, 'products.create', { itemNo: 'A-100', nameZh: '碗' });
    expect(clash).toEqual([expect.objectContaining({ path: 'itemNo', key: 'errors.itemNoUsed', params: { itemNo: 'A-100', id: p.id }, message: `item no. A-100 is already used by product ${p.id}` })]);
    const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Buyer' });
    await ok(core, 'orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-01', currency: 'CNY', rate: '1', lines: [{ nameZh: '杯子', quantity: '1', unitPrice: '2' }] });
    const locked = await issues(core, 'company.update', { baseCurrency: 'USD' });
    expect(locked).toEqual([expect.objectContaining({ path: 'baseCurrency', key: 'errors.baseCurrencyLocked', params: { currency: 'CNY' } })]);
    const cents = await issues(core, 'payments.create', { direction: 'in', partyId: buyer.id, payDate: '2026-11-02', currency: 'USD', amount: '10.005', rate: '7.1', method: 'tt' });
    expect(cents).toEqual([expect.objectContaining({ path: 'amount', key: 'payments.errors.decimals', params: { currency: 'USD', decimals: 2 } })]);
    const noRole = await issues(core, 'parties.update', { id: buyer.id, patch: { roles: [] } });
    expect(noRole.map((i) => i.key)).toContain('errors.rolesRequired');

    // the keys read in every language that has catalogs, with their values
    for (const lang of CATALOG_LANGUAGES) {
      const t = createI18n(lang).t;
      for (const i of [...clash, ...locked, ...cents, ...noRole]) {
        expect(t(i.key ?? '', i.params ?? {}), `${lang}:${i.key}`).not.toBe(i.key);
      }
      expect(t('errors.itemNoUsed', clash[0]?.params ?? {}), lang).toContain('A-100');
    }
  });
});
