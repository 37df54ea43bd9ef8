/**
 * Exact totals: integers in minor units, kept per currency (different currencies are never added), with the
 * base-currency figures of the same lines alongside. Every addition is checked to stay an exact integer.
 */
import { formatAmount } from '../money';

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new Error('a total is too large to be exact');
  return s;
}

/** Figures of one currency (or one group and currency): named sums, a line count, the documents seen. */
export interface Bucket<F extends string> {
  currency: string;
  sums: Record<F, number>;
  lines: number;
  docs: Set<number>;
}

/** Sums of fields F per key (a currency, or a group key with its currency). */
export class Sums<F extends string> {
  private readonly map = new Map<string, Bucket<F> & { key: string }>();

  constructor(private readonly fields: readonly F[]) {}

  /** Add one line's figures under `key` (default: the currency itself). */
  add(currency: string, values: Partial<Record<F, number>>, doc: number, key = currency): void {
    let b = this.map.get(key);
    if (!b) {
      b = { key, currency, sums: Object.fromEntries(this.fields.map((f) => [f, 0])) as Record<F, number>, lines: 0, docs: new Set() };
      this.map.set(key, b);
    }
    for (const f of this.fields) {
      const v = values[f];
      if (v !== undefined) b.sums[f] = add(b.sums[f], v);
    }
    b.lines += 1;
    b.docs.add(doc);
  }

  /** Buckets sorted by key. */
  buckets(): (Bucket<F> & { key: string })[] {
    return [...this.map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Σ of a field over every key: only for base-currency fields. */
  total(field: F): number {
    let s = 0;
    for (const b of this.map.values()) s = add(s, b.sums[field]);
    return s;
  }

  get lines(): number {
    let n = 0;
    for (const b of this.map.values()) n += b.lines;
    return n;
  }

  /** Distinct documents over every key. */
  get documents(): number {
    const all = new Set<number>();
    for (const b of this.map.values()) for (const d of b.docs) all.add(d);
    return all.size;
  }
}

export const fmtMoney = (minor: number, currency: string) => formatAmount(minor, currency);
