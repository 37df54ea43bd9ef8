/**
 * The period of the ledgers: this month, last month, a month, a quarter, a year, or from–to. Every choice is
 * just a range of dates (both days included), which is what 'ledgers.export' takes. Dates are the trader's
 * local days as YYYY-MM-DD; the arithmetic is on calendar fields, never on time zones.
 */
import { normalizeDecimalInput } from '../../lib/numbers';

export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

export interface PeriodInput {
  kind: PeriodKind;
  /** YYYY-MM ('' when the month input is cleared) */
  month: string;
  /** the year of the quarter, as typed */
  quarterYear: string;
  quarter: Quarter;
  /** the year, as typed */
  year: string;
  /** custom range, YYYY-MM-DD ('' when cleared) */
  from: string;
  to: string;
}

export type PeriodField = 'month' | 'quarterYear' | 'year' | 'from' | 'to';
export type PeriodProblem = 'monthRequired' | 'dateRequired' | 'yearInvalid' | 'date' | 'endsBeforeBegins';

export type Resolved = { ok: true; from: string; to: string; days: number } | { ok: false; field: PeriodField; problem: PeriodProblem };

const pad = (n: number) => String(n).padStart(2, '0');
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in month m (1–12) of year y. */
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function monthRange(y: number, m: number): { from: string; to: string } {
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysIn(y, m))}` };
}

function isRealDate(s: string): boolean {
  const x = ISO_DATE.exec(s);
  if (!x) return false;
  const [y, m, d] = [Number(x[1]), Number(x[2]), Number(x[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** Days from `from` to `to`, both included. */
function daysBetween(from: string, to: string): number {
  const utc = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000) + 1;
}

/** A year as typed (full-width digits too): the number, or null when it is not a 4-digit year from 1900. */
export function parseYear(text: string): number | null {
  const s = normalizeDecimalInput(text);
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= 1900 ? y : null;
}

/** The month before today's: [year, month 1–12]. */
function lastMonthOf(today: string): [number, number] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? [y - 1, 12] : [y, m - 1];
}

/** The range the input stands for, or the field that is wrong and why. */
export function resolvePeriod(p: PeriodInput, today: string): Resolved {
  const range = (r: { from: string; to: string }): Resolved => ({ ok: true, ...r, days: daysBetween(r.from, r.to) });
  switch (p.kind) {
    case 'thisMonth':
      return range(monthRange(Number(today.slice(0, 4)), Number(today.slice(5, 7))));
    case 'lastMonth':
      return range(monthRange(...lastMonthOf(today)));
    case 'month': {
      const x = /^(\d{4})-(\d{2})$/.exec(p.month);
      const m = Number(x?.[2]);
      if (!x || m < 1 || m > 12) return { ok: false, field: 'month', problem: 'monthRequired' };
      return range(monthRange(Number(x[1]), m));
    }
    case 'quarter': {
      const y = parseYear(p.quarterYear);
      if (y === null) return { ok: false, field: 'quarterYear', problem: 'yearInvalid' };
      const first = (p.quarter - 1) * 3 + 1;
      return range({ from: monthRange(y, first).from, to: monthRange(y, first + 2).to });
    }
    case 'year': {
      const y = parseYear(p.year);
      if (y === null) return { ok: false, field: 'year', problem: 'yearInvalid' };
      return range({ from: `${y}-01-01`, to: `${y}-12-31` });
    }
    case 'custom': {
      if (p.from === '') return { ok: false, field: 'from', problem: 'dateRequired' };
      if (!isRealDate(p.from)) return { ok: false, field: 'from', problem: 'date' };
      if (p.to === '') return { ok: false, field: 'to', problem: 'dateRequired' };
      if (!isRealDate(p.to)) return { ok: false, field: 'to', problem: 'date' };
      if (p.from > p.to) return { ok: false, field: 'to', problem: 'endsBeforeBegins' };
      return range({ from: p.from, to: p.to });
    }
  }
}

/** The fields of every kind, seeded from one range (so switching the kind keeps the period the user had). */
export function seedFrom(kind: PeriodKind, from: string, to: string): PeriodInput {
  const month = Number(from.slice(5, 7));
  return {
    kind,
    month: from.slice(0, 7),
    quarterYear: from.slice(0, 4),
    quarter: Math.ceil(month / 3) as Quarter,
    year: from.slice(0, 4),
    from,
    to,
  };
}

/** The usual month-end case: last month. */
export function initialPeriod(today: string): PeriodInput {
  const r = monthRange(...lastMonthOf(today));
  return seedFrom('lastMonth', r.from, r.to);
}

/** Today on this PC (the trader's local day), YYYY-MM-DD. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
