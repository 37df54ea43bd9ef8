/** Exact sums of amount strings (integers of the currency's minor unit; never floating point). */
import { formatScaled, parseScaled } from '../../../../shared/decimal';

const decimalsOf = (s: string) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

/** Totals of amount and unpaid per currency, as the core formats them (the strings carry the currency's decimals). */
export function sumByCurrency(rows: Array<{ currency: string; amount: string; unpaid: string; status: string }>): Array<{ currency: string; amount: string; unpaid: string }> {
  const by = new Map<string, { d: number; amount: bigint; unpaid: bigint }>();
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    const d = decimalsOf(r.amount);
    const x = by.get(r.currency) ?? { d, amount: 0n, unpaid: 0n };
    x.amount += BigInt(parseScaled(r.amount, d));
    x.unpaid += BigInt(parseScaled(r.unpaid, d));
    by.set(r.currency, x);
  }
  const text = (v: bigint, d: number) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? formatScaled(n, d) : v.toString();
  };
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, x]) => ({ currency, amount: text(x.amount, x.d), unpaid: text(x.unpaid, x.d) }));
}
