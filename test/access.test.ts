/**
 * Issue 6, "Users, roles and lock", in the core: the permission map covers every call; a clerk's call to an
 * owner-only call (or a forbidden argument of a limited one) answers 'forbidden' and changes nothing; no clerk
 * result carries a purchase price, a product's default price, a payment out or a supplier balance (checked by
 * searching every result for the fixture's distinctive numbers, which the owner's results do carry); PINs are
 * stored as scrypt hashes only; wrong PINs lock the user out; the audit trail names the clerk; idle sessions
 * lock; browser mode's session header works only with the page token and from the page's origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../electron/core';
import { lockoutSeconds } from '../electron/core/access/users';
import { startServer } from '../electron/server';
import { apiMap, type ApiArg, type ApiName, type ApiResult } from '../shared/api';
import { SESSION_HEADER, TOKEN_HEADER } from '../shared/bridge';
import { callAccess } from '../shared/permissions';
import { PIN_LOCK_SECONDS, PIN_MAX_ATTEMPTS } from '../shared/users';
import { fingerprint, tempDir } from './helpers';

/** Distinctive numbers a clerk must never see: the PO's unit price and amount, the product's default price,
 * the payment to the stall. (The sales price 5.55 is fine for a clerk.) */
const SECRETS = ['3.1415', '314.15', '2.7182', '271.82'];
const OWNER_PIN = '246810';
const CLERK_PIN = '493817';

let core: Core;
let clock = Date.parse('2026-11-29T08:00:00Z');
let ownerSession: string;
let clerkSession: string;
let clerkId: number;
const ids = { buyer: 0, stall: 0, toy: 0, so: 0, po: 0, payIn: 0, payOut: 0, poLine: 0 };

async function as<N extends ApiName>(session: string | undefined, name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  const r = await core.call(name, arg, session);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const owner = <N extends ApiName>(name: N, arg: ApiArg<N>) => as(ownerSession, name, arg);
const clerk = <N extends ApiName>(name: N, arg: ApiArg<N>) => as(clerkSession, name, arg);

beforeAll(async () => {
  // a folder of our own: the helpers' temp folders go after each test, this file's core lives for all of them
  core = await openCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tr-access-')), log: () => {}, now: () => new Date(clock) });
  // sign-in is off: every call is the owner's, as before users existed
  await as(undefined, 'company.setup', { nameZh: '义乌权限测试商行', baseCurrency: 'CNY', language: 'zh' });
  const buyer = await as(undefined, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS' });
  const stall = await as(undefined, 'parties.create', { roles: ['supplier'], nameZh: '玩具摊位', stallRegNo: 'YW-1' });
  const toy = await as(undefined, 'products.create', { itemNo: 'T-1', nameZh: '玩具车', defaultPrice: '2.7182', currency: 'CNY', supplierId: stall.id });
  const so = await as(undefined, 'orders.create', {
    kind: 'sales', partyId: buyer.id, orderDate: '2026-11-20', currency: 'CNY', rate: '1',
    lines: [{ productId: toy.id, quantity: '100', unitPrice: '5.55', stallId: stall.id }],
  });
  await as(undefined, 'orders.confirm', { id: so.id });
  const po = await as(undefined, 'orders.create', {
    kind: 'purchase', partyId: stall.id, orderDate: '2026-11-21', currency: 'CNY', rate: '1',
    lines: [{ productId: toy.id, quantity: '100', unitPrice: '3.1415' }],
  });
  await as(undefined, 'orders.confirm', { id: po.id });
  const payIn = await as(undefined, 'payments.create', { direction: 'in', partyId: buyer.id, payDate: '2026-11-22', amount: '100', currency: 'CNY', rate: '1', method: 'bank' });
  const payOut = await as(undefined, 'payments.create', {
    direction: 'out', partyId: stall.id, payDate: '2026-11-22', amount: '271.82', currency: 'CNY', rate: '1', method: 'cash',
    allocations: [{ orderId: po.id, amount: '271.82' }],
  });
  Object.assign(ids, { buyer: buyer.id, stall: stall.id, toy: toy.id, so: so.id, po: po.id, payIn: payIn.id, payOut: payOut.id, poLine: po.lines[0]!.id });

  // the owner turns sign-in on, signs in, adds a clerk
  const me = await as(undefined, 'auth.status', {});
  expect(me).toMatchObject({ signInRequired: false, me: { name: 'owner', role: 'owner' } });
  // turning sign-in on signs the owner in (no moment without a session)
  const on = await as(undefined, 'users.setPin', { id: me.me!.id, pin: OWNER_PIN });
  expect(on.session).toBeTruthy();
  ownerSession = on.session!;
  expect((await as(ownerSession, 'auth.status', {})).me).toMatchObject({ name: 'owner' });
  clerkId = (await owner('users.create', { name: '小王', pin: CLERK_PIN })).id;
  clerkSession = (await as(undefined, 'auth.signIn', { userId: clerkId, pin: CLERK_PIN })).session;
}, 30_000);

afterAll(() => {
  core.close();
  fs.rmSync(core.dataDir, { recursive: true, force: true });
});

describe('the permission map', () => {
  it('names every call of the API map, and only those', () => {
    expect(Object.keys(callAccess).sort()).toEqual(Object.keys(apiMap).sort());
  });
});

describe('sign-in', () => {
  it('once the owner has a PIN, calls without a session are refused except the public ones', async () => {
    const r = await core.call('orders.list', { kind: 'sales' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const status = await as(undefined, 'auth.status', {});
    expect(status.signInRequired).toBe(true);
    expect(status.me).toBeNull();
    expect(status.users.map((u) => u.name)).toEqual(['owner', '小王']);
    expect((await as(clerkSession, 'auth.status', {})).me).toMatchObject({ name: '小王', role: 'clerk' });
  });

  it('stores PINs as scrypt hashes: neither PIN is anywhere in the file', async () => {
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = core.dataDir;
    const bytes = Buffer.concat(fs.readdirSync(dir).filter((f) => f.startsWith('company.sqlite')).map((f) => fs.readFileSync(path.join(dir, f))));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from('小王'))).toBe(true); // the search can find text that is there
    for (const pin of [OWNER_PIN, CLERK_PIN]) expect(bytes.includes(Buffer.from(pin))).toBe(false);
    const hashes = core.db.prepare("SELECT pin_hash FROM app_user WHERE pin_hash <> ''").all() as { pin_hash: string }[];
    expect(hashes).toHaveLength(2);
    for (const h of hashes) expect(h.pin_hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hashes[0]!.pin_hash).not.toBe(hashes[1]!.pin_hash);
  });

  it(`locks a user out for ${PIN_LOCK_SECONDS} s after ${PIN_MAX_ATTEMPTS} wrong PINs, even with the right one, then twice as long`, async () => {
    const u = await owner('users.create', { name: 'Guess Me', pin: '1111' });
    const codes: string[] = [];
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) {
      const r = await core.call('auth.signIn', { userId: u.id, pin: String(2000 + i) });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual([...Array(PIN_MAX_ATTEMPTS - 1).fill('validation'), 'refused']);
    const locked = await core.call('auth.signIn', { userId: u.id, pin: '1111' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!locked.ok && locked.error.message).toMatch(/try again in \d+ seconds/);
    const listed = await owner('users.list', {});
    expect(listed.find((x) => x.id === u.id)!.lockedUntil, JSON.stringify(listed)).not.toBe('');
    clock += (PIN_LOCK_SECONDS + 1) * 1000;
    // five more wrong in a row: locked twice as long
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) await core.call('auth.signIn', { userId: u.id, pin: String(4000 + i) });
    clock += (PIN_LOCK_SECONDS + 1) * 1000;
    const still = await core.call('auth.signIn', { userId: u.id, pin: '1111' });
    expect(!still.ok && still.error.message).toMatch(/try again in 59 seconds/);
    clock += PIN_LOCK_SECONDS * 1000;
    expect(await core.call('auth.signIn', { userId: u.id, pin: '1111' })).toMatchObject({ ok: true });
    // the right PIN starts the count again: the next wrong one leaves 4 tries
    const again = await core.call('auth.signIn', { userId: u.id, pin: '9999' });
    expect(!again.ok && again.error.message).toMatch(/4 tries left/);
    // guesses sent in parallel are checked one at a time: the rest are refused unchecked
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => core.call('auth.signIn', { userId: u.id, pin: String(3000 + i) })));
    expect(burst.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['validation', ...Array(11).fill('refused')]);
    expect(lockoutSeconds(5)).toBe(60);
    expect([10, 15, 20, 60].map(lockoutSeconds)).toEqual([120, 240, 480, 24 * 3600]);
    await owner('users.update', { id: u.id, disabled: true });
  });

  it('a disabled clerk is signed out and cannot sign in; enabled again, signs in', async () => {
    const u = await owner('users.create', { name: 'Temp', pin: '5555' });
    const s = (await as(undefined, 'auth.signIn', { userId: u.id, pin: '5555' })).session;
    await owner('users.update', { id: u.id, disabled: true });
    expect(await core.call('parties.list', {}, s)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await core.call('auth.signIn', { userId: u.id, pin: '5555' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await core.call('users.update', { id: u.id, disabled: false }, ownerSession)).toMatchObject({ ok: true });
    expect(await core.call('auth.signIn', { userId: u.id, pin: '5555' })).toMatchObject({ ok: true });
  });

  it('locks a session after the idle minutes; 0 = never', async () => {
    await owner('users.setIdleMinutes', { idleMinutes: 2 });
    const s = (await as(undefined, 'auth.signIn', { userId: clerkId, pin: CLERK_PIN })).session;
    clock += 90_000;
    expect(await core.call('parties.list', {}, s)).toMatchObject({ ok: true }); // used within 2 minutes: still on
    clock += 121_000;
    const r = await core.call('parties.list', {}, s);
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(!r.ok && r.error.message).toMatch(/Locked after 2 idle minutes/);
    expect(await core.call('parties.list', {}, s)).toMatchObject({ ok: false }); // gone for good
    // the other sessions were idle as long: sign in again
    ownerSession = (await as(undefined, 'auth.signIn', { userId: 1, pin: OWNER_PIN })).session;
    clerkSession = (await as(undefined, 'auth.signIn', { userId: clerkId, pin: CLERK_PIN })).session;
    await owner('users.setIdleMinutes', { idleMinutes: 0 });
    clock += 24 * 3600_000;
    expect(await core.call('parties.list', {}, clerkSession)).toMatchObject({ ok: true });
    await owner('users.setIdleMinutes', { idleMinutes: 10 });
  });

  it('a clerk changes their own PIN with the current one', async () => {
    const wrong = await core.call('auth.changePin', { currentPin: '0000', newPin: '7777' }, clerkSession);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'currentPin' }] } });
    await clerk('auth.changePin', { currentPin: CLERK_PIN, newPin: '7777' });
    expect(await core.call('auth.signIn', { userId: clerkId, pin: CLERK_PIN })).toMatchObject({ ok: false });
    await clerk('auth.changePin', { currentPin: '7777', newPin: CLERK_PIN });
  });
});

describe('a clerk', () => {
  /** a plausible argument for each owner-only call (refused before it is even parsed) */
  const ownerOnlyArgs = (): Partial<Record<ApiName, unknown>> => ({
    'company.update': { nameZh: '改名' },
    'parties.archive': { id: ids.buyer, archived: true },
    'parties.delete': { id: ids.buyer },
    'products.archive': { id: ids.toy, archived: true },
    'products.delete': { id: ids.toy },
    'settings.update': { prefixes: { sales: 'XS' } },
    'orders.cancel': { id: ids.so, reason: 'test' },
    'orders.delete': { id: ids.so },
    'orders.generatePurchase': { salesOrderId: ids.so },
    'payments.delete': { id: ids.payIn },
    'shipments.delete': { id: 1 },
    'stock.adjust': { productId: ids.toy, date: '2026-11-29', quantity: '-5', reason: 'lost' },
    'claims.settle': { id: 1, settlement: 'credit', amount: '1' },
    'attachments.delete': { id: 1 },
    'ledgers.export': { from: '2026-11-01', to: '2026-11-30' },
    'history.list': {},
    'imports.list': {},
    'users.create': { name: 'Sneaky', pin: '1234' },
    'users.setPin': { id: 1, pin: '1234' },
    'users.update': { id: clerkId, name: 'Boss' },
    'users.setIdleMinutes': { idleMinutes: 0 },
  });

  it('gets forbidden from every owner-only call, and nothing changes', async () => {
    const owners = (Object.keys(callAccess) as ApiName[]).filter((n) => callAccess[n] === 'owner');
    expect(owners.length).toBeGreaterThan(25);
    const args = ownerOnlyArgs();
    const before = fingerprint(core);
    for (const name of owners) {
      const r = await core.callRaw(name, args[name] ?? {}, clerkSession);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(!r.ok && r.error.message, name).toMatch(/clerk cannot/);
    }
    expect(fingerprint(core)).toBe(before);
    // the same arguments are fine for the owner (a forbidden answer is about the role, not the argument)
    expect(await core.call('settings.update', { prefixes: { sales: 'SO' } }, ownerSession)).toMatchObject({ ok: true });
  });

  it('gets forbidden for purchase orders, payments out, supplier balances and the default price, and nothing changes', async () => {
    const cases: [ApiName, unknown][] = [
      ['orders.create', { kind: 'purchase', partyId: ids.stall, orderDate: '2026-11-29', currency: 'CNY', rate: '1', lines: [{ quantity: '1', unitPrice: '1' }] }],
      ['orders.update', { id: ids.po, header: { notes: 'x' } }],
      ['orders.page', { kind: 'purchase', offset: 0, sort: { field: 'amount', dir: 'desc' } }],
      [
        'orders.export',
        {
          query: { kind: 'purchase' },
          columns: [{ field: 'amount', header: 'Amount', widthPx: 100, kind: 'number' }],
          statusWords: { draft: 'd', confirmed: 'c', partial: 'p', complete: 'x', closed: 'z', cancelled: 'n' },
          title: 'Purchase orders',
        },
      ],
      ['payments.create', { direction: 'out', partyId: ids.stall, payDate: '2026-11-29', amount: '1', currency: 'CNY', rate: '1', method: 'cash' }],
      ['payments.update', { id: ids.payOut, payment: { direction: 'in', partyId: ids.stall, payDate: '2026-11-29', amount: '1', currency: 'CNY', rate: '1', method: 'cash' } }],
      ['payments.update', { id: ids.payIn, payment: { direction: 'out', partyId: ids.buyer, payDate: '2026-11-29', amount: '1', currency: 'CNY', rate: '1', method: 'cash' } }],
      ['payments.list', { direction: 'out' }],
      ['payments.get', { id: ids.payOut }],
      ['balances.list', { kind: 'purchase' }],
      ['products.create', { itemNo: 'T-2', nameZh: '新货', defaultPrice: '1.5' }],
      ['products.update', { id: ids.toy, patch: { defaultPrice: '9' } }],
      ['attachments.list', { entity: 'import', entityId: 1 }],
      ['attachments.list', { entity: 'order', entityId: ids.po }],
      ['attachments.add', { entity: 'order', entityId: ids.po, fileName: 'inv.jpg', mime: 'image/jpeg', dataBase64: 'AAAA' }],
    ];
    const before = fingerprint(core);
    for (const [name, arg] of cases) {
      const r = await core.callRaw(name, arg, clerkSession);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fingerprint(core)).toBe(before);
  });

  /** Every call a clerk may make that reads records, with an argument that returns the fixture's data. */
  const reads = (): [ApiName, unknown][] => [
    ['orders.list', { kind: 'purchase' }],
    ['orders.list', { kind: 'sales' }],
    ['orders.page', { kind: 'purchase', offset: 0 }],
    ['orders.page', { kind: 'sales', offset: 0 }],
    ['orders.get', { id: ids.po }],
    ['orders.get', { id: ids.so }],
    ['products.list', {}],
    ['products.get', { id: ids.toy }],
    ['payments.list', {}],
    ['payments.list', { partyId: ids.stall }],
    ['payments.list', { orderId: ids.po }],
    ['payments.get', { id: ids.payIn }],
    ['balances.list', {}],
    ['dashboard.summary', { today: '2026-11-21' }],
    ['parties.list', {}],
    ['parties.get', { id: ids.stall }],
    ['stock.list', {}],
    ['stock.moves', { productId: ids.toy }],
    ['shipments.list', {}],
    ['shipments.shippable', { consigneeId: ids.buyer }],
    ['claims.list', {}],
    ['attachments.list', { entity: 'order', entityId: ids.so }],
    ['filing.validate', { shipmentId: 1 }],
    ['settings.get', {}],
    ['rates.last', { currency: 'USD' }],
    ['ui.get', { key: 'language' }],
    ['company.get', {}],
    ['app.info', {}],
    ['auth.status', {}],
    ['recovery.status', {}],
  ];
  /** Calls a clerk may make that are not reads of records (writes, files, sign-in, code tables). */
  const notReads = new Set<ApiName>([
    'codes.list', 'currencies.list', 'parties.create', 'parties.update', 'products.create', 'products.update', 'orders.create',
    'orders.update', 'orders.confirm', 'orders.close', 'orders.receive', 'payments.create', 'payments.update', 'shipments.get',
    'shipments.create', 'shipments.update', 'shipments.setStatus', 'claims.create', 'attachments.add', 'attachments.get',
    'filing.export', 'grid.export', 'orders.export', 'jobs.cancel', 'ui.set', 'auth.signIn', 'auth.signOut', 'auth.changePin',
    // a file of a sales order's own prices; refused for a purchase order (test/documents.test.ts)
    'documents.contract',
  ]);

  it('sees no purchase price, default price, payment out or supplier balance in any result (the owner sees them)', async () => {
    const covered = new Set(reads().map(([n]) => n));
    const missing = (Object.keys(callAccess) as ApiName[]).filter((n) => callAccess[n] !== 'owner' && !covered.has(n) && !notReads.has(n));
    expect(missing, 'a call a clerk may make is neither checked here nor listed as not a read').toEqual([]);

    const seenByOwner = new Set<string>();
    for (const [name, arg] of reads()) {
      const asClerk = await core.callRaw(name, arg, clerkSession);
      const text = JSON.stringify(asClerk);
      for (const secret of SECRETS) expect(text.includes(secret), `${name} ${JSON.stringify(arg)} shows ${secret} to a clerk`).toBe(false);
      const asOwner = JSON.stringify(await core.callRaw(name, arg, ownerSession));
      for (const secret of SECRETS) if (asOwner.includes(secret)) seenByOwner.add(secret);
    }
    // the search is real: the owner's results carry every one of them
    expect([...seenByOwner].sort()).toEqual([...SECRETS].sort());
  });

  it('sees a receivable of a party that is also a supplier without what we owe them', async () => {
    const both = await owner('parties.create', { roles: ['customer', 'supplier'], nameZh: '又买又卖' });
    const so = await owner('orders.create', { kind: 'sales', partyId: both.id, orderDate: '2026-11-25', currency: 'CNY', rate: '1', lines: [{ nameZh: '杯子', quantity: '1', unitPrice: '100' }] });
    await owner('orders.confirm', { id: so.id });
    const po = await owner('orders.create', { kind: 'purchase', partyId: both.id, orderDate: '2026-11-25', currency: 'CNY', rate: '1', lines: [{ nameZh: '杯子', quantity: '1', unitPrice: '31.4' }] });
    await owner('orders.confirm', { id: po.id });
    const row = async (s: string) => (await as(s, 'balances.list', { asOf: '2026-11-29' })).find((r) => r.partyId === both.id);
    expect((await row(ownerSession))?.balance).toBe('68.60');
    expect((await row(clerkSession))?.balance).toBe('100.00');
  });

  it('still sees what a clerk works with: sales prices, the purchase order lines to receive, money received', async () => {
    const po = await clerk('orders.get', { id: ids.po });
    expect(po.lines[0]).toMatchObject({ quantity: '100', unitPrice: '', amount: '' });
    expect(po.amount).toBe('');
    const so = await clerk('orders.get', { id: ids.so });
    expect(so.lines[0]!.unitPrice).toBe('5.55');
    const pays = await clerk('payments.list', {});
    expect(pays.map((p) => p.id)).toEqual([ids.payIn]);
    const toy = await clerk('products.get', { id: ids.toy });
    expect(toy).toMatchObject({ itemNo: 'T-1', defaultPrice: '' });
  });

  it('records a sales order, a payment and a product; the audit trail names the clerk', async () => {
    const o = await clerk('orders.create', {
      kind: 'sales', partyId: ids.buyer, orderDate: '2026-11-29', currency: 'CNY', rate: '1',
      lines: [{ productId: ids.toy, quantity: '10', unitPrice: '6' }],
    });
    await clerk('orders.confirm', { id: o.id });
    await clerk('payments.create', { direction: 'in', partyId: ids.buyer, payDate: '2026-11-29', amount: '60', currency: 'CNY', rate: '1', method: 'wechat', allocations: [{ orderId: o.id, amount: '60' }] });
    const p = await clerk('products.create', { itemNo: 'T-3', nameZh: '新玩具' });
    await clerk('products.update', { id: p.id, patch: { spec: '红色' } });
    // receiving a purchase order is a clerk's job too; the answer has no prices
    const received = await clerk('orders.receive', { orderId: ids.po, date: '2026-11-29', lines: [{ orderLineId: ids.poLine, quantity: '10' }] });
    expect(received.lines[0]!.unitPrice).toBe('');
    const trail = await owner('history.list', { limit: 10 });
    const byClerk = trail.filter((e) => e.user === '小王').map((e) => `${e.entity}:${e.action}`);
    expect(byClerk).toEqual(expect.arrayContaining(['order:create', 'order:confirm', 'payment:create', 'product:create', 'product:update']));
    const userEntries = await owner('history.list', { entity: 'user' });
    expect(userEntries.map((e) => e.action)).toEqual(expect.arrayContaining(['set_pin', 'create', 'disable']));
    expect(JSON.stringify(userEntries)).not.toContain('scrypt');
  });
});

describe('browser mode sessions', () => {
  it('a session works only with the page token and from the page’s origin', async () => {
    const rendererDir = tempDir('tr-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html></html>');
    const server = await startServer({ core, rendererDir, port: 0 });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${server.url}api/parties.list`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect((await post({ [TOKEN_HEADER]: server.token, [SESSION_HEADER]: clerkSession })).status).toBe(200);
      expect((await post({ [TOKEN_HEADER]: server.token })).status).toBe(401);
      expect((await post({ [SESSION_HEADER]: clerkSession })).status).toBe(401);
      expect((await post({ [TOKEN_HEADER]: server.token, [SESSION_HEADER]: clerkSession, origin: 'http://evil.example' })).status).toBe(403);
      const forbidden = await post({ [TOKEN_HEADER]: server.token, [SESSION_HEADER]: clerkSession, 'x-ignored': '1' }).then(() =>
        fetch(`${server.url}api/history.list`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, [SESSION_HEADER]: clerkSession }, body: '{}' }),
      );
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await server.close();
    }
  });
});
