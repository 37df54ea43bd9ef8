/**
 * Splitting a shipment into declarations of at most USD 150,000.
 *
 * Rule:
 *  1. Lines are taken in shipment order and placed first-fit: each goes into the first declaration that still
 *     has room for its whole USD value, else into a new declaration. A line is never split when it fits.
 *  2. A line worth more than the cap on its own is split by quantity into the fewest parts that are each
 *     within the cap. The split unit is one carton when the quantity divides evenly into its cartons, else one
 *     whole piece when the quantity is whole, else 0.001; the units are spread evenly over the parts (the first
 *     parts take the odd units). Each part is then placed first-fit like a line.
 *  3. A part's amount, USD value, cartons, gross and net weight and CBM are the line's pro rata by quantity,
 *     with `allocate` (largest remainder): the parts add up exactly to the line.
 * Without a USD value (no USD rate: only a draft can be built) every line goes into one declaration.
 */
import { allocate } from '../money';
import { DECLARATION_CAP_USD_CENTS, type DeclLine, type Declaration, type FilingLine } from './types';

function whole(line: FilingLine, docCurrency: string): DeclLine {
  return {
    line,
    part: 1,
    parts: 1,
    qtyE3: line.qtyE3,
    cartons: line.cartons,
    amountMinor: line.amountMinor,
    usdCents: line.usdCents,
    docMinor: docMinorOf(line.currency, line.amountMinor, line.usdCents, docCurrency),
    grossG: line.grossG,
    netG: line.netG,
    cbmE4: line.cbmE4,
  };
}

function docMinorOf(currency: string, amountMinor: number, usdCents: number | null, docCurrency: string): number | null {
  return currency === docCurrency ? amountMinor : docCurrency === 'USD' ? usdCents : null;
}

/** Candidate split units (×1000 quantity): a carton, a piece, a thousandth. */
function splitUnits(line: FilingLine): number[] {
  const units: number[] = [];
  if (line.cartons !== null && line.cartons > 0 && line.qtyE3 % line.cartons === 0) units.push(line.qtyE3 / line.cartons);
  if (line.qtyE3 % 1000 === 0) units.push(1000);
  units.push(1);
  return [...new Set(units)].sort((a, b) => b - a);
}

const pro = (total: number | null, weights: number[]) => (total === null ? weights.map(() => null) : allocate(total, weights));

/**
 * The parts of a line over the cap (see the rule), or null when even one split unit is worth more than the cap.
 */
export function splitLine(line: FilingLine, docCurrency: string, cap = DECLARATION_CAP_USD_CENTS): DeclLine[] | null {
  const usd = line.usdCents;
  if (usd === null || usd <= cap) return [whole(line, docCurrency)];
  for (const unit of splitUnits(line)) {
    const totalUnits = line.qtyE3 / unit;
    const first = Math.ceil(usd / cap);
    for (let n = first; n <= totalUnits && n <= first + 100; n++) {
      const unitsPer = allocate(totalUnits, Array(n).fill(1) as number[]);
      const qtys = unitsPer.map((u) => u * unit);
      const usds = allocate(usd, qtys);
      if (usds.some((u) => u > cap)) continue;
      const cartons = line.cartons !== null && unit === line.qtyE3 / line.cartons ? unitsPer : pro(line.cartons, qtys);
      const amounts = allocate(line.amountMinor, qtys);
      const gross = pro(line.grossG, qtys);
      const net = pro(line.netG, qtys);
      const cbm = pro(line.cbmE4, qtys);
      return qtys.map((q, i) => ({
        line,
        part: i + 1,
        parts: n,
        qtyE3: q,
        cartons: cartons[i] ?? null,
        amountMinor: amounts[i]!,
        usdCents: usds[i]!,
        docMinor: docMinorOf(line.currency, amounts[i]!, usds[i]!, docCurrency),
        grossG: gross[i] ?? null,
        netG: net[i] ?? null,
        cbmE4: cbm[i] ?? null,
      }));
    }
  }
  return null;
}

function newDeclaration(index: number): Declaration {
  return { index, count: 0, lines: [], kinds: 0, merged: null, usdCents: 0, docMinor: 0, cartons: 0, grossG: 0, netG: 0, cbmE4: 0 };
}

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Totals and kinds of goods of a declaration from its lines. */
export function totalUp(d: Declaration): Declaration {
  d.usdCents = d.lines.reduce<number | null>((s, l) => add(s, l.usdCents), 0);
  d.docMinor = d.lines.reduce<number | null>((s, l) => add(s, l.docMinor), 0);
  d.cartons = d.lines.reduce((s, l) => s + (l.cartons ?? 0), 0);
  d.grossG = d.lines.reduce((s, l) => s + (l.grossG ?? 0), 0);
  d.netG = d.lines.reduce((s, l) => s + (l.netG ?? 0), 0);
  d.cbmE4 = d.lines.reduce((s, l) => s + (l.cbmE4 ?? 0), 0);
  d.kinds = new Set(d.lines.map((l) => l.line.hsCode)).size;
  return d;
}

export interface SplitResult {
  declarations: Declaration[];
  /** lines that cannot be split within the cap (one unit is worth more than the cap) */
  unsplittable: FilingLine[];
}

/** Place the lines into declarations by the rule above. */
export function planDeclarations(lines: FilingLine[], docCurrency: string, cap = DECLARATION_CAP_USD_CENTS): SplitResult {
  const declarations: Declaration[] = [];
  const unsplittable: FilingLine[] = [];
  const used: number[] = [];
  const noUsd = lines.some((l) => l.usdCents === null);
  for (const line of lines) {
    let items = noUsd ? [whole(line, docCurrency)] : splitLine(line, docCurrency, cap);
    if (items === null) {
      unsplittable.push(line);
      items = [whole(line, docCurrency)];
    }
    for (const item of items) {
      const v = item.usdCents ?? 0;
      let at = noUsd ? (declarations.length > 0 ? 0 : -1) : used.findIndex((u) => u + v <= cap);
      if (at < 0) {
        declarations.push(newDeclaration(declarations.length + 1));
        used.push(0);
        at = declarations.length - 1;
      }
      declarations[at]!.lines.push(item);
      used[at]! += v;
    }
  }
  if (declarations.length === 0) declarations.push(newDeclaration(1));
  for (const d of declarations) {
    d.count = declarations.length;
    // lines in shipment order within each declaration
    d.lines.sort((a, b) => a.line.seq - b.line.seq || a.part - b.part);
    totalUp(d);
  }
  return { declarations, unsplittable };
}
