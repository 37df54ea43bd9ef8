import { describe, expect, it } from 'vitest';
import { containerCheckDigit, containerNoProblem, normalizeContainerNo } from '../shared/iso6346';
import { CONTAINER_CAPACITY, fillPercent } from '../shared/containers';

describe('ISO 6346 container numbers', () => {
  it('computes the check digit of real container numbers', () => {
    // CSQU3054383 (the standard's worked example): C13·1 + S30·2 + Q28·4 + U32·8 + 3·16 + 0·32 + 5·64 + 4·128
    // + 3·256 + 8·512 = 6185; 6185 mod 11 = 3
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    expect(containerCheckDigit('MSKU123456')).toBe(5);
    // sum 4553 = 413·11 + 10: a remainder of 10 is written 0
    expect(containerCheckDigit('CSQU100008')).toBe(0);
  });

  it('accepts valid numbers and names the right digit for a one-digit-off number', () => {
    expect(containerNoProblem('CSQU3054383')).toBeNull();
    expect(containerNoProblem('MSKU1234565')).toBeNull();
    expect(containerNoProblem('CSQU1000080')).toBeNull();
    expect(containerNoProblem('CSQU3054384')).toBe('check digit should be 3');
    // a typo in the serial changes the expected check digit
    expect(containerNoProblem('CSQU3054393')).toMatch(/^check digit should be \d$/);
    expect(containerNoProblem('MSKU1234566')).toBe('check digit should be 5');
  });

  it('refuses what is not owner code + U/J/Z + 6 digits + check digit', () => {
    for (const bad of ['CSQ3054383', 'CSQX3054383', 'CSQU305438', 'CSQU30543833', '1SQU3054383', '']) {
      expect(containerNoProblem(bad)).toMatch(/3-letter owner code, U, J or Z, 6 digits and a check digit/);
    }
    expect(normalizeContainerNo('csqu 305438-3')).toBe('CSQU3054383');
  });
});

describe('container capacities', () => {
  it('gives the usable loading figures and a fill percent that may pass 100', () => {
    expect(CONTAINER_CAPACITY['20GP']).toEqual({ usableCbm: 28, payloadKg: 21_700 });
    expect(CONTAINER_CAPACITY['40GP']).toEqual({ usableCbm: 58, payloadKg: 26_500 });
    expect(CONTAINER_CAPACITY['40HQ']).toEqual({ usableCbm: 68, payloadKg: 26_500 });
    expect(fillPercent(34, 68)).toBe(50);
    expect(fillPercent(1, 3)).toBe(33.3);
    expect(fillPercent(2, 3)).toBe(66.7);
    expect(fillPercent(75, 68)).toBe(110.3);
  });
});
