/**
 * Simplified declaration (简化申报): a declaration with more than `threshold` kinds of goods (distinct HS
 * codes) is declared with its lines merged.
 *
 * The rule is the user's (and their broker's) to confirm, so it is an options object, not a constant:
 *
 *   threshold    5          merge only when the declaration has MORE than this many distinct HS codes
 *   groupBy      'chapter'  lines whose HS codes share the first 2 digits (chapter) are merged;
 *                'heading'  … the first 4 digits (heading);
 *                'hs10'     … the whole 10-digit code (only identical codes are merged)
 *   keepFlagged  true       a line whose product is flagged for inspection (法检) or taxable (涉税) is never
 *                           merged: it stays on its own line
 *
 * Lines in different customs units are never added together: the group is (HS prefix, unit). Groups are in
 * the order of their first line. A merged line takes the HS code, names, spec and item no. of the group's
 * highest-value line (by USD value, else by value in the document currency; on a tie the first in shipment
 * order) and the sums of the group's quantities, cartons, values, weights and volumes. The merged lines can
 * still be more than `threshold` kinds (e.g. goods of eight chapters): the rule only merges within groups.
 */
import { invalid } from '../errors';
import { type DeclLine, type Declaration, type MergedLine } from './types';

export interface SimplifiedRule {
  threshold: number;
  groupBy: 'chapter' | 'heading' | 'hs10';
  keepFlagged: boolean;
}

export const DEFAULT_SIMPLIFIED_RULE: Readonly<SimplifiedRule> = Object.freeze({ threshold: 5, groupBy: 'chapter', keepFlagged: true });

const PREFIX: Record<SimplifiedRule['groupBy'], number> = { chapter: 2, heading: 4, hs10: 10 };

/** The rule in words, for the "规则 Rule" note on the mapping sheet. */
export function describeRule(rule: SimplifiedRule): string[] {
  const by = { chapter: 'HS 章（前2位）/ HS chapter (first 2 digits)', heading: 'HS 品目（前4位）/ HS heading (first 4 digits)', hs10: '相同10位编码 / identical 10-digit HS code' }[rule.groupBy];
  return [
    `商品种数（不同HS编码）超过 ${rule.threshold} 种时简化申报 / Simplified declaration when a declaration has more than ${rule.threshold} kinds of goods (distinct HS codes).`,
    `合并依据 Grouped by: ${by}，且计量单位相同 / and the same customs unit.`,
    '合并行取组内货值最高一行的HS编码与品名 / A merged line takes the HS code and name of the highest-value line of its group.',
    rule.keepFlagged
      ? '法检或涉税商品单独列行，不合并 / Goods flagged for inspection or taxable stay on their own lines.'
      : '法检、涉税商品也参与合并 / Goods flagged for inspection or taxable are merged like the others.',
  ];
}

/** Check and complete a partial rule from the caller. */
export function ruleOf(partial: Partial<SimplifiedRule> | undefined): SimplifiedRule {
  const rule = { ...DEFAULT_SIMPLIFIED_RULE, ...(partial ?? {}) };
  if (!Number.isInteger(rule.threshold) || rule.threshold < 0) throw invalid('simplified.threshold', 'must be a whole number of 0 or more');
  if (!(rule.groupBy in PREFIX)) throw invalid('simplified.groupBy', `must be chapter, heading or hs10, not ${String(rule.groupBy)}`);
  return rule;
}

const valueOf = (l: DeclLine) => l.usdCents ?? l.docMinor ?? 0;
const sum = (xs: (number | null)[]): number | null => (xs.every((x) => x === null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0));
const sumStrict = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0));

/** Merged lines for the declaration by `rule`, or null when it has no more than `threshold` kinds of goods. */
export function simplify(d: Declaration, rule: SimplifiedRule): MergedLine[] | null {
  if (d.kinds <= rule.threshold) return null;
  const groups = new Map<string, { key: string; kept: MergedLine['kept']; lines: DeclLine[] }>();
  d.lines.forEach((l, i) => {
    const flag = l.line.inspection ? 'inspection' : l.line.taxable ? 'taxable' : null;
    const own = rule.keepFlagged && flag !== null;
    const key = own ? `own:${i}` : `${l.line.hsCode.slice(0, PREFIX[rule.groupBy])}|${l.line.unit}`;
    const g = groups.get(key) ?? { key: own ? `${flag}` : l.line.hsCode.slice(0, PREFIX[rule.groupBy]), kept: own ? flag : null, lines: [] };
    g.lines.push(l);
    groups.set(key, g);
  });
  return [...groups.values()].map((g, i): MergedLine => {
    const lead = g.lines.reduce((best, l) => (valueOf(l) > valueOf(best) ? l : best));
    return {
      no: i + 1,
      lead,
      sources: g.lines,
      groupKey: g.key,
      kept: g.kept,
      qtyE3: g.lines.reduce((s, l) => s + l.qtyE3, 0),
      unit: lead.line.unit,
      cartons: sum(g.lines.map((l) => l.cartons)),
      docMinor: sumStrict(g.lines.map((l) => l.docMinor)),
      usdCents: sumStrict(g.lines.map((l) => l.usdCents)),
      grossG: sum(g.lines.map((l) => l.grossG)),
      netG: sum(g.lines.map((l) => l.netG)),
      cbmE4: sum(g.lines.map((l) => l.cbmE4)),
    };
  });
}
