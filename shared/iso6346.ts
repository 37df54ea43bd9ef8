/**
 * ISO 6346 container numbers (e.g. CSQU 305438 3): a 3-letter owner code, an equipment category identifier
 * (U freight container, J detachable freight-container-related equipment, Z trailer or chassis), a 6-digit
 * serial number and a check digit. Pure: used by the core to validate a shipment's container no. and by the
 * UI to warn while typing.
 *
 * Check digit (ISO 6346 Annex A): letters take the values A=10, B=12 … skipping 11, 22 and 33 (multiples of
 * 11); each of the first 10 characters is multiplied by 2^position (0…9) and the sum taken modulo 11; a
 * remainder of 10 is written as 0 (the standard advises owners not to issue such serials, but they exist).
 */

const LETTER_VALUES: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  let v = 10;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    out[c] = v++;
  }
  return out;
})();

/** Owner code, category U/J/Z, 6 digits, check digit, without spaces: CSQU3054383. */
export const CONTAINER_NO_RE = /^[A-Z]{3}[UJZ]\d{6}\d$/;

/** The check digit of the first 10 characters (owner code, category, serial). */
export function containerCheckDigit(first10: string): number {
  if (!/^[A-Z]{3}[UJZ]\d{6}$/.test(first10)) throw new Error(`not an ISO 6346 owner code, category and serial: ${first10}`);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = first10[i]!;
    const value = c >= '0' && c <= '9' ? Number(c) : LETTER_VALUES[c]!;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Spaces and dashes removed, upper case: "csqu 305438-3" → "CSQU3054383". */
export function normalizeContainerNo(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/** null when `no` (normalised) is a valid ISO 6346 number, else a message for the user. */
export function containerNoProblem(no: string): string | null {
  if (!CONTAINER_NO_RE.test(no)) {
    return 'a container no. is a 3-letter owner code, U, J or Z, 6 digits and a check digit, e.g. CSQU3054383';
  }
  const expected = containerCheckDigit(no.slice(0, 10));
  return Number(no[10]) === expected ? null : `check digit should be ${expected}`;
}
