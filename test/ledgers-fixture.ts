/**
 * A small company with sales in USD, JPY and CNY, purchases in CNY and EUR, two shipments, an FOB import in
 * USD, payments in and out, and open balances, made through the API like the app makes them. Base currency CNY.
 * The figures the ledgers must show are worked out by hand in test/ledgers.test.ts.
 */
import type { Core } from '../electron/core';
import type { Party, Product } from '../shared/api';
import { ok, testCore } from './helpers';

export const Q1 = { from: '2026-01-01', to: '2026-03-31' } as const;

export const EVIL_NAME = '=HYPERLINK("http://evil.example","点我")';
export const EVIL_REFERENCE = "=cmd|' /C calc'!A0";

export interface LedgerWorld {
  core: Core;
  ahmed: Party;
  tanaka: Party;
  stall: Party;
  foods: Party;
  toy: Product;
  clip: Product;
  evil: Product;
  coffee: Product;
  so1: number;
  so2: number;
  so3: number;
  so4: number;
  po1: number;
  po2: number;
}

export async function ledgerWorld(): Promise<LedgerWorld> {
  const core = await testCore();
  const ahmed = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE', nationality: 'ARE', idDocNo: 'P1234567' });
  const tanaka = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Tanaka Shoji', country: 'JPN' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', stallRegNo: '330782000123' });
  const foods = await ok(core, 'parties.create', { roles: ['supplier'], nameEn: 'Global Foods GmbH', country: 'DEU' });

  const toy = await ok(core, 'products.create', { itemNo: 'A-1001', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', hsCode: '9503008900', customsUnit: '007' });
  const clip = await ok(core, 'products.create', { itemNo: 'HC-88', nameZh: '发夹', nameEn: 'Hair clip', hsCode: '9615190000', customsUnit: '007' });
  const evil = await ok(core, 'products.create', { itemNo: '=1+2', nameZh: EVIL_NAME, nameEn: '@SUM(A1)', hsCode: '3926909090', customsUnit: '007' });
  const coffee = await ok(core, 'products.create', { itemNo: '007', nameZh: '焙炒咖啡', nameEn: 'Roasted coffee', hsCode: '0901210000', customsUnit: '035', importDutyRate: '8', importVatRate: '13' });

  const order = async (kind: 'sales' | 'purchase', partyId: number, orderDate: string, currency: string, rate: string, lines: { productId: number; quantity: string; unitPrice: string }[], confirm = true) => {
    const o = await ok(core, 'orders.create', { kind, partyId, orderDate, currency, rate, lines });
    if (confirm) await ok(core, 'orders.confirm', { id: o.id });
    return o;
  };

  const so1 = await order('sales', ahmed.id, '2026-01-15', 'USD', '7.1', [
    { productId: toy.id, quantity: '2400', unitPrice: '1.25' },
    { productId: clip.id, quantity: '999', unitPrice: '0.0125' },
  ]);
  const so2 = await order('sales', tanaka.id, '2026-02-10', 'JPY', '0.048', [{ productId: evil.id, quantity: '500', unitPrice: '250' }]);
  const so3 = await order('sales', ahmed.id, '2026-03-05', 'CNY', '1', [{ productId: toy.id, quantity: '100', unitPrice: '8.8' }]);
  // before the period: only in the balances (aged over 90 days at 2026-03-31)
  const so4 = await order('sales', ahmed.id, '2025-12-20', 'USD', '7', [{ productId: toy.id, quantity: '800', unitPrice: '1.25' }]);
  // a draft in the period: in no ledger
  await order('sales', ahmed.id, '2026-02-01', 'USD', '7.1', [{ productId: toy.id, quantity: '1', unitPrice: '99' }], false);
  const po1 = await order('purchase', stall.id, '2026-01-10', 'CNY', '1', [{ productId: toy.id, quantity: '2400', unitPrice: '6.5' }]);
  const po2 = await order('purchase', foods.id, '2026-03-20', 'EUR', '7.8', [{ productId: coffee.id, quantity: '100', unitPrice: '3.3' }]);

  const lines = async (id: number) => (await ok(core, 'orders.get', { id })).lines;
  const so1Lines = await lines(so1.id);
  const so3Lines = await lines(so3.id);
  const so2Lines = await lines(so2.id);
  const sh1 = await ok(core, 'shipments.create', {
    mode: 'sea',
    tradeMode: '1039',
    consigneeId: ahmed.id,
    destCountry: 'ARE',
    containerNo: 'CSQU3054383',
    etd: '2026-02-20',
    lines: [...so1Lines, ...so3Lines].map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
  });
  await ok(core, 'shipments.setStatus', { id: sh1.id, status: 'departed' });
  const sh2 = await ok(core, 'shipments.create', {
    mode: 'air',
    tradeMode: '0110',
    consigneeId: tanaka.id,
    destCountry: 'JPN',
    etd: '2026-03-25',
    lines: so2Lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
  });
  await ok(core, 'shipments.setStatus', { id: sh2.id, status: 'declared' });

  await ok(core, 'imports.create', {
    supplierId: foods.id,
    originCountry: 'DEU',
    tradeMode: '0110',
    arrivalDate: '2026-03-10',
    currency: 'USD',
    rate: '7.2',
    valueBasis: 'FOB',
    freight: '100',
    insurance: '10',
    lines: [
      { productId: coffee.id, quantity: '1000', unitPrice: '2.5' },
      { description: '-Sugar 白砂糖', hsCode: '1701991000', quantity: '500', unitPrice: '1.2', dutyRate: '0', vatRate: '9' },
    ],
  });
  // arrived after the period: not in the ledgers
  await ok(core, 'imports.create', {
    supplierId: foods.id,
    tradeMode: '0110',
    arrivalDate: '2026-04-02',
    currency: 'USD',
    rate: '7.2',
    valueBasis: 'CIF',
    lines: [{ productId: coffee.id, quantity: '1', unitPrice: '1' }],
  });

  await ok(core, 'payments.create', {
    direction: 'in',
    partyId: ahmed.id,
    payDate: '2026-02-01',
    amount: '2000',
    currency: 'USD',
    rate: '7.15',
    method: 'tt',
    allocations: [{ orderId: so1.id, amount: '2000' }],
  });
  await ok(core, 'payments.create', {
    direction: 'out',
    partyId: stall.id,
    payDate: '2026-01-20',
    amount: '15600',
    currency: 'CNY',
    rate: '1',
    method: 'bank',
    reference: EVIL_REFERENCE,
    allocations: [{ orderId: po1.id, amount: '15600' }],
  });
  await ok(core, 'payments.create', { direction: 'in', partyId: tanaka.id, payDate: '2026-03-30', amount: '50000', currency: 'JPY', rate: '0.048', method: 'wechat' });

  return { core, ahmed, tanaka, stall, foods, toy, clip, evil, coffee, so1: so1.id, so2: so2.id, so3: so3.id, so4: so4.id, po1: po1.id, po2: po2.id };
}
