/**
 * Turning what the core says into what the user reads. A field issue that carries a catalog `key` (zod
 * issues, and the core's rules that name theirs: shared/issues.ts) is shown by that key. Older core
 * messages are English only; the ones a user meets while typing are matched to catalog keys by the table
 * below (the fallback). Anything else is shown as the core wrote it (still telling what is wrong), so a
 * new core message never disappears.
 */
import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../shared/api';
import { GENERIC_KEYS } from '../../../shared/issues';
import { ApiCallError } from '../api';

type Values = Record<string, string>;
const KNOWN: Array<[RegExp, string, (m: RegExpExecArray) => Values]> = [
  [/^a company name in Chinese or English is required$/, 'errors.companyNameRequired', () => ({})],
  [/^a name in Chinese or English is required$/, 'errors.nameRequired', () => ({})],
  [/^choose at least one role$/, 'errors.rolesRequired', () => ({})],
  [/^HS code must be exactly 10 digits$/, 'errors.hsCode', () => ({})],
  [/^item no\. is required$/, 'errors.itemNoRequired', () => ({})],
  [/^item no\. (.+) is already used by product (\d+)$/, 'errors.itemNoUsed', (m) => ({ itemNo: m[1] ?? '', id: m[2] ?? '' })],
  [/^a size in cm with at most 1 decimal$/, 'errors.cmFormat', () => ({})],
  [/^a weight in kg with at most 3 decimals$/, 'errors.kgFormat', () => ({})],
  [/^a price with at most 4 decimals$/, 'errors.priceFormat', () => ({})],
  [/^net weight is more than gross weight$/, 'errors.netOverGross', () => ({})],
  [/^unknown country code$/, 'errors.unknownCountry', () => ({})],
  [/^unknown currency code$/, 'errors.unknownCurrency', () => ({})],
  [/^unknown customs unit code$/, 'errors.unknownUnit', () => ({})],
  [/^base currency is required$/, 'errors.baseCurrencyRequired', () => ({})],
  [/^the base currency cannot change once .* \(their base amounts are in ([A-Z]{3})\)$/, 'errors.baseCurrencyLocked', (m) => ({ currency: m[1] ?? '' })],
  [/^party \d+ is not a supplier$/, 'errors.notSupplier', () => ({})],
  [/^party \d+ does not exist$/, 'errors.partyMissing', () => ({})],
  [/expected string to have <=\s*(\d+) characters/, 'errors.tooLong', (m) => ({ max: m[1] ?? '' })],
  [/^Too small: expected number to be >0$|^Invalid input: expected int, received number$/, 'errors.wholeNumber', () => ({})],
  [/ is used by (.+); archive it instead of deleting it\.$/, 'errors.inUse', (m) => ({ detail: m[1] ?? '' })],
  [/^wrong PIN \((\d+) tries left\)$/, 'access.errors.wrongPin', (m) => ({ left: m[1] ?? '' })],
  [/^a PIN is 4 to 8 digits$/, 'access.errors.pinFormat', () => ({})],
  [/^the name (.+) is already used$/, 'access.errors.nameUsed', (m) => ({ name: m[1] ?? '' })],
  [/^disable every clerk before turning sign-in off$/, 'access.errors.clerksFirst', () => ({})],
  [/^try again$/, 'access.errors.checking', () => ({})],
  [/^Locked after (\d+) idle minutes: sign in again\.$/, 'access.lockedIdle', (m) => ({ minutes: m[1] ?? '' })],
];

/** The user-facing text of one core message. */
export function translateMessage(t: TFunction, message: string): string {
  // a PIN lockout: a minute at first, longer (in minutes) after more wrong PINs
  const locked = /^(?:locked for|Too many wrong PINs: try again in) (\d+) seconds\.?$/.exec(message);
  if (locked) {
    const seconds = Number(locked[1]);
    return seconds >= 120 ? t('access.errors.lockedMinutes', { minutes: Math.ceil(seconds / 60) }) : t('access.errors.locked', { seconds });
  }
  for (const [re, key, values] of KNOWN) {
    const m = re.exec(message);
    if (m) return t(key, values(m));
  }
  return message;
}

type MessageText = (t: TFunction, message: string) => string;

/**
 * The user-facing text of one field issue. A specific key the core named (errors.itemNoUsed) comes first;
 * then `fallback`, the screen's table of English messages (an area's wording for its own fields); then a
 * generic key (validation.required, errors.tooLong); else the English message as the core wrote it.
 */
export function issueText(t: TFunction, issue: FieldIssue, fallback: MessageText = translateMessage): string {
  const keyed = issue.key !== undefined && i18nHas(t, issue.key) ? issue.key : undefined;
  if (keyed && !GENERIC_KEYS.has(keyed)) return t(keyed, issue.params ?? {});
  const text = fallback(t, issue.message);
  if (text !== issue.message || !keyed) return text;
  return t(keyed, issue.params ?? {});
}

/** Whether the catalogs have a key (a key from a newer core than this screen is shown by its message). */
function i18nHas(t: TFunction, key: string): boolean {
  return t(key, { defaultValue: '\u0000' }) !== '\u0000';
}

/** The field an issue belongs to: "patch.hsCode" -> "hsCode", "roles.0" -> "roles". */
export function issueField(issue: FieldIssue): string {
  const path = issue.path.startsWith('patch.') ? issue.path.slice('patch.'.length) : issue.path;
  return path.split('.')[0] ?? path;
}

export type FieldErrors = Record<string, string>;

/** Field errors (first message per field) from a failed call; empty when the error is not about fields. */
export function fieldErrorsOf(t: TFunction, error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiCallError) {
    for (const issue of error.issues) {
      const field = issueField(issue);
      out[field] ??= issueText(t, issue);
    }
  }
  return out;
}

/**
 * One sentence for a toast: each field issue as "Label: message", or the translated error message.
 * `label` names a field in the UI language (undefined for fields the screen does not know).
 */
export function describeError(t: TFunction, error: unknown, label: (field: string) => string | undefined = () => undefined): string {
  if (error instanceof ApiCallError) {
    if (error.code === 'transport' && error.transportKey) return t(error.transportKey.key, error.transportKey.values);
    if (error.code === 'not_found') return t('errors.notFound');
    if (error.code === 'forbidden') return t('access.errors.forbidden');
    if (error.code === 'unauthenticated') return translateMessage(t, error.message) === error.message ? t('access.errors.signedOut') : translateMessage(t, error.message);
    if (error.issues.length > 0) {
      return error.issues
        .map((i) => {
          const field = issueField(i);
          return t('errors.fieldError', { field: label(field) ?? field, message: issueText(t, i) });
        })
        .join('; ');
    }
    return translateMessage(t, error.message);
  }
  return error instanceof Error ? error.message : String(error);
}
