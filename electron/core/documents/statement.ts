/**
 * 对账单 / Statement of Account of a party for a period, per currency, in Chinese and the party's language.
 *
 *   opening  = the party's balance in that currency as of the day before `from` (balances.ts)
 *   debit    = sales orders (confirmed or later) and payments out to the party, dated in the period
 *   credit   = payments in from the party, purchase orders, settled claim credits/refunds on sales lines
 *   closing  = opening + debit − credit = the balances screen's figure as of `to`
 *
 * The identity holds because balances.ts counts exactly these records by their own dates (an allocation moves
 * money between an order and a payment of the same party and currency, so it cancels out). The closing figure
 * printed is the balances module's own, so the statement and the balances screen can never disagree.
 */
import type { DocLanguage } from '../../../shared/api';
import type { StatementCurrency } from '../../../shared/documents';
import type { DB } from '../db';
import { invalid } from '../errors';
import { fitColumns, setMoney } from '../excel';
import { addSheet, borderRow, finishSheet, STYLE, td } from '../filing/layout';
import { getCompany } from '../company';
import { getParty } from '../parties';
import { formatAmount, parseAmount } from '../money';
import { listBalances } from '../trade/balances';
import { todayLocal } from '../trade/common';
import { OPEN_STATUSES } from '../trade/orders';
import { buyerText, foreignStyle, newDocument, paragraph, saveDocument, signatures } from './layout';
import { docTexts, type DocKey } from './texts';

interface Movement {
  date: string;
  no: string;
  kind: 'salesOrder' | 'purchaseOrder' | 'paymentIn' | 'paymentOut' | 'claimCredit';
  detail: string;
  currency: string;
  /** > 0 debit (the party owes more), < 0 credit */
  signed: number;
}

const ORDER_OF_KIND: Record<Movement['kind'], number> = { salesOrder: 0, purchaseOrder: 1, claimCredit: 2, paymentOut: 3, paymentIn: 4 };

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function movements(db: DB, partyId: number, from: string, to: string): Movement[] {
  const statuses = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
  const p = { partyId, from, to };
  const orders = db
    .prepare(
      `SELECT kind, no, order_date AS date, currency, total_minor AS amount FROM trade_order
       WHERE party_id = @partyId AND status IN (${statuses}) AND order_date BETWEEN @from AND @to`,
    )
    .all(p) as { kind: 'sales' | 'purchase'; no: string; date: string; currency: string; amount: number }[];
  const payments = db
    .prepare(
      `SELECT pm.direction, pm.no, pm.pay_date AS date, pm.currency, pm.amount_minor AS amount, pm.method, pm.reference,
              (SELECT group_concat(o.no, ', ') FROM payment_allocation pa JOIN trade_order o ON o.id = pa.order_id WHERE pa.payment_id = pm.id) AS orders
       FROM payment pm WHERE pm.party_id = @partyId AND pm.pay_date BETWEEN @from AND @to`,
    )
    .all(p) as { direction: 'in' | 'out'; no: string; date: string; currency: string; amount: number; method: string; reference: string; orders: string | null }[];
  const claims = db
    .prepare(
      `SELECT c.no, c.claim_date AS date, o.kind, o.no AS order_no, o.currency, c.amount_minor AS amount FROM claim c
       JOIN shipment_line sl ON sl.id = c.shipment_line_id
       JOIN order_line ol ON ol.id = sl.order_line_id
       JOIN trade_order o ON o.id = ol.order_id
       WHERE o.party_id = @partyId AND o.status IN (${statuses}) AND c.status = 'settled' AND c.settlement IN ('credit', 'refund')
         AND c.amount_minor > 0 AND c.claim_date BETWEEN @from AND @to AND o.order_date <= c.claim_date`,
    )
    .all(p) as { no: string; date: string; kind: 'sales' | 'purchase'; order_no: string; currency: string; amount: number }[];

  const out: Movement[] = [
    ...orders.map((o): Movement => ({ date: o.date, no: o.no, kind: o.kind === 'sales' ? 'salesOrder' : 'purchaseOrder', detail: '', currency: o.currency, signed: o.kind === 'sales' ? o.amount : -o.amount })),
    ...payments.map((m): Movement => ({
      date: m.date,
      no: m.no,
      kind: m.direction === 'in' ? 'paymentIn' : 'paymentOut',
      detail: [m.reference, m.orders ?? ''].filter(Boolean).join(' · '),
      currency: m.currency,
      signed: m.direction === 'in' ? -m.amount : m.amount,
    })),
    ...claims.map((c): Movement => ({ date: c.date, no: c.no, kind: 'claimCredit', detail: c.order_no, currency: c.currency, signed: c.kind === 'sales' ? -c.amount : c.amount })),
  ];
  return out.sort((a, b) => a.date.localeCompare(b.date) || ORDER_OF_KIND[a.kind] - ORDER_OF_KIND[b.kind] || a.no.localeCompare(b.no));
}

/** The party's balance per currency as of a date, in minor units (the balances screen's figures). */
function balancesOf(db: DB, partyId: number, asOf: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of listBalances(db, { asOf })) if (r.partyId === partyId) m.set(r.currency, parseAmount(r.balance, r.currency, 'balance'));
  return m;
}

export interface StatementData {
  currencies: (StatementCurrency & { openingMinor: number; closingMinor: number; lines: (Movement & { balance: number })[] })[];
}

export function statementData(db: DB, partyId: number, from: string, to: string): StatementData {
  const opening = balancesOf(db, partyId, dayBefore(from));
  const closing = balancesOf(db, partyId, to);
  const moves = movements(db, partyId, from, to);
  const codes = [...new Set([...opening.keys(), ...closing.keys(), ...moves.map((m) => m.currency)])].sort();
  return {
    currencies: codes.map((currency) => {
      const open = opening.get(currency) ?? 0;
      let run = open;
      let debit = 0;
      let credit = 0;
      const lines = moves
        .filter((m) => m.currency === currency)
        .map((m) => {
          run += m.signed;
          if (m.signed > 0) debit += m.signed;
          else credit -= m.signed;
          return { ...m, balance: run };
        });
      const close = closing.get(currency) ?? 0;
      const f = (v: number) => formatAmount(v, currency);
      return { currency, opening: f(open), debit: f(debit), credit: f(credit), closing: f(close), movements: lines.length, openingMinor: open, closingMinor: close, lines };
    }),
  };
}

export async function buildStatement(db: DB, dataDir: string, arg: { partyId: number; from: string; to: string; language?: DocLanguage | undefined }, outFile?: string) {
  const party = getParty(db, arg.partyId);
  const company = getCompany(db);
  if (!company) throw invalid('partyId', 'set up the company first');
  const tx = docTexts(arg.language ?? party.docLanguage);
  const data = statementData(db, arg.partyId, arg.from, arg.to);
  const partyLabel = party.nameEn || party.nameZh;
  const period = { from: arg.from, to: arg.to };

  const ctx = newDocument(company, `Statement ${partyLabel} ${arg.from}–${arg.to}`, `${arg.from} – ${arg.to}`);
  const n = 6;
  const s = addSheet(ctx, `对账单 Statement ${arg.to}`, n);
  const ws = s.ws;
  s.line(tx.bi('statement.title', {}, '  '), STYLE.title, 30);
  s.line([company.nameZh, company.nameEn].filter((x, i, a) => x !== '' && a.indexOf(x) === i).join('  '), STYLE.subtitle);
  s.blank();
  s.fields([[tx.bi(party.roles.includes('customer') || !party.roles.includes('supplier') ? 'statement.customer' : 'statement.supplier'), [buyerText(party), party.phone].filter(Boolean).join('\n'), 1, 2, 3, n]]);
  s.fields([
    // dates stay one left-to-right run inside an Arabic line (else 2026-03-01 may be shown as 01-03-2026)
    [tx.bi('statement.period'), `${tx.zh('statement.periodValue', period)}\n${tx.fx('statement.periodValue', { from: tx.ltr(arg.from), to: tx.ltr(arg.to) })}`, 1, 2, 3, 4],
    [tx.bi('common.date'), todayLocal(), 5, 5, 6, n],
  ]);
  let firstHeader = 0;
  let lastRow = 0;
  if (data.currencies.length === 0) paragraph(s, tx, 'statement.none');
  for (const c of data.currencies) {
    s.blank();
    s.fields([[tx.bi('common.currency'), c.currency, 1, 2, 3, n]]);
    const h = (key: DocKey) => tx.bi(key, { currency: c.currency }, '\n');
    const hr = s.header([h('common.date'), h('statement.docNo'), h('statement.summary'), h('statement.debit'), h('statement.credit'), h('statement.balance')]);
    if (firstHeader === 0) firstHeader = hr;
    const balanceRow = (label: string, minor: number) => {
      const r = s.row++;
      td.text(s.merge(r, 1, 5), label, STYLE.total);
      setMoney(ws.getCell(r, 6), minor, c.currency, STYLE.totalNum);
      borderRow(ws, r, n, STYLE.total);
    };
    balanceRow(tx.bi('statement.opening'), c.openingMinor);
    for (const m of c.lines) {
      const r = s.row++;
      td.center(ws.getCell(r, 1), m.date);
      td.text(ws.getCell(r, 2), m.no);
      td.text(ws.getCell(r, 3), [tx.bi(`statement.${m.kind}`), m.detail].filter(Boolean).join('\n'));
      td.money(ws.getCell(r, 4), m.signed > 0 ? m.signed : null, c.currency);
      td.money(ws.getCell(r, 5), m.signed < 0 ? -m.signed : null, c.currency);
      td.money(ws.getCell(r, 6), m.balance, c.currency);
    }
    const tr = s.row++;
    td.text(s.merge(tr, 1, 3), tx.bi('statement.periodTotal'), STYLE.total);
    td.money(ws.getCell(tr, 4), parseAmount(c.debit, c.currency, 'debit'), c.currency, STYLE.totalNum);
    td.money(ws.getCell(tr, 5), parseAmount(c.credit, c.currency, 'credit'), c.currency, STYLE.totalNum);
    borderRow(ws, tr, n, STYLE.total);
    balanceRow(tx.bi('statement.closing'), c.closingMinor);
    lastRow = s.row - 1;
  }
  s.blank();
  s.line(tx.zh('statement.note'), STYLE.note);
  s.line(tx.fx('statement.note'), foreignStyle(tx, STYLE.note));
  s.blank();
  signatures(s, tx, company.nameEn || company.nameZh, partyLabel);

  if (firstHeader > 0) fitColumns(ws, { fromRow: firstHeader, toRow: lastRow, min: 10, max: 36, minByColumn: { 1: 11, 2: 14, 3: 28, 4: 14, 5: 14, 6: 14 } });
  finishSheet(s, { title: `${tx.fx('statement.title')} ${tx.ltr(`${arg.from} – ${arg.to}`)}`, right: partyLabel, orientation: 'portrait' });
  const result = await saveDocument(ctx, dataDir, `statement-${partyLabel}-${arg.from}-${arg.to}`, tx, outFile);
  return { ...result, currencies: data.currencies.map(({ currency, opening, debit, credit, closing, movements }) => ({ currency, opening, debit, credit, closing, movements })) };
}
