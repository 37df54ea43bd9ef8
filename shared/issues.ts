/**
 * Error keys: a field issue can carry the catalog key of its message (and the values the message needs),
 * so the screen shows it in the UI language without guessing from the English text. The core still writes
 * an English `message` (the CLI and logs read it, and it is the fallback for a screen that does not know
 * the key). This module turns a zod issue into a key; AppError issues name theirs directly.
 */
import type { z } from 'zod';

export type IssueParams = Record<string, string | number>;

export interface IssueKey {
  /** catalog key, e.g. "validation.required" */
  key: string;
  params?: IssueParams;
}

/** The params a schema's refine() gives to name its message's key: `{ message, params: issueKey('errors.hsCode') }`. */
export const issueKey = (key: string, params?: IssueParams): { key: string; params?: IssueParams } => (params ? { key, params } : { key });

const UNKNOWN_CODE_KEYS: Record<string, string> = { country: 'errors.unknownCountry', 'customs unit': 'errors.unknownUnit' };

/** The key of "unknown <what> code" for a code-table field (country, customs unit, incoterm, …). */
export const unknownCodeKey = (what: string) => issueKey(UNKNOWN_CODE_KEYS[what] ?? 'validation.unknownCode');

/**
 * The keys zod's own checks map to (required, too long, not a number, …): generic wording, so a screen's
 * table that words a message for its field ("1–10 letters, digits or -") comes first; a specific key
 * (errors.itemNoUsed) comes before any table.
 */
export const GENERIC_KEYS: ReadonlySet<string> = new Set([
  'validation.required',
  'validation.notNumber',
  'validation.positive',
  'validation.tooSmall',
  'validation.tooBig',
  'validation.tooShort',
  'validation.tooMany',
  'validation.tooFew',
  'validation.chooseOne',
  'validation.invalidFormat',
  'validation.invalidChoice',
  'validation.tooManyDecimals',
  'validation.invalid',
  'validation.unknownCode',
  'errors.tooLong',
  'errors.wholeNumber',
]);

/** zod's own wording: "Too big: …", "Invalid input: …" (a schema's own message is not one of these). */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Unrecognized)\b/;

/**
 * The key of a zod issue's message; undefined for issues without one (their English message is shown,
 * through the screen's table). A check with a message of its own ("a size in cm with at most 1 decimal")
 * keeps it: only zod's default wording is replaced by a generic key, and refine() names its key in params.
 */
export function zodIssueKey(issue: z.core.$ZodIssue): IssueKey | undefined {
  if (issue.code !== 'custom' && !ZOD_DEFAULT.test(issue.message)) return undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return { key: 'validation.required' };
      if (issue.expected === 'int') return { key: 'errors.wholeNumber' };
      if (issue.expected === 'number' || issue.expected === 'bigint') return { key: 'validation.notNumber' };
      return { key: 'validation.invalid' };
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'errors.tooLong', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { max } };
      return { key: 'validation.tooBig', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? { key: 'validation.chooseOne' } : { key: 'validation.tooFew', params: { min } };
      if (min === 0 && !issue.inclusive) return { key: 'validation.positive' };
      return { key: 'validation.tooSmall', params: { min } };
    }
    case 'invalid_format':
      return { key: 'validation.invalidFormat' };
    case 'invalid_value':
      return { key: 'validation.invalidChoice' };
    case 'not_multiple_of':
      return { key: 'validation.tooManyDecimals' };
    case 'custom': {
      const p = issue.params as { key?: unknown; params?: IssueParams } | undefined;
      return typeof p?.key === 'string' ? (p.params ? { key: p.key, params: p.params } : { key: p.key }) : undefined;
    }
    default:
      return undefined;
  }
}
