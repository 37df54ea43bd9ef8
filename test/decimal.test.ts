import { describe, expect, it } from 'vitest';
import { DecimalError, divRound, formatScaled, formatScaledTrim, parseScaled } from '../shared/decimal';

describe('exact decimals', () => {
  it('parses unit prices with up to 4 decimals without float drift', () => {
    expect(parseScaled('0.0125', 4)).toBe(125);
    expect(parseScaled('0.1', 4) + parseScaled('0.2', 4)).toBe(parseScaled('0.3', 4));
    expect(parseScaled('12', 2)).toBe(1200);
    expect(parseScaled(' 3.5 ', 1)).toBe(35);
  });

  it('refuses more decimals than the field holds instead of rounding silently', () => {
    expect(() => parseScaled('0.01255', 4)).toThrow(DecimalError);
    expect(() => parseScaled('abc', 2)).toThrow(/not a number/);
    expect(() => parseScaled('1e5', 2)).toThrow(DecimalError);
    expect(() => parseScaled('99999999999999999', 2)).toThrow(/too large/);
  });

  it('formats with a fixed number of decimals', () => {
    expect(formatScaled(125, 4)).toBe('0.0125');
    expect(formatScaled(-5, 2)).toBe('-0.05');
    expect(formatScaled(1200000, 4)).toBe('120.0000');
    expect(formatScaled(7, 0)).toBe('7');
    expect(formatScaledTrim(1200, 4)).toBe('0.12');
    expect(formatScaledTrim(30000, 4)).toBe('3');
  });

  it('rounds half away from zero', () => {
    expect(divRound(15, 10)).toBe(2);
    expect(divRound(14, 10)).toBe(1);
    expect(divRound(-15, 10)).toBe(-2);
    expect(divRound(120_000_000_000, 100_000)).toBe(1_200_000);
  });
});
