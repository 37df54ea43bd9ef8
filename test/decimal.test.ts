import { describe, expect, it } from 'vitest';
import { DecimalError, divRound, formatScaled, formatScaledTrim, parseScaled } from '../shared/decimal';
import { convert, roundDiv } from '../electron/core/money';

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

describe('currency conversion (core/money.ts convert)', () => {
  it('gives the BigInt result, rounding half away from zero, for every size of amount and rate', () => {
    const tryIt = (f: () => number) => {
      try {
        return f();
      } catch (e) {
        return (e as Error).message;
      }
    };
    const exact = (minor: number, df: number, rate: number, dt: number) => tryIt(() => roundDiv(BigInt(minor) * BigInt(rate) * 10n ** BigInt(dt), 10n ** BigInt(6 + df)));
    const pairs: [string, number, string, number][] = [
      ['USD', 2, 'CNY', 2],
      ['JPY', 0, 'CNY', 2],
      ['CNY', 2, 'JPY', 0],
      ['KWD', 3, 'CNY', 2],
      ['CNY', 2, 'KWD', 3],
    ];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (const [from, df, to, dt] of pairs) {
      // halves exactly: 0.05 USD at 7.1 = 0.355 → 0.36; −0.355 → −0.36
      for (const minor of [0, 5, -5, 1, -1, 50, 99, 123456789, -123456789, 2 ** 40, -(2 ** 40), 9_000_000_000_000]) {
        for (const rate of [1, 500_000, 7_100_000, 7_123_456, 48_000, 1_000_000_000]) expect(tryIt(() => convert(minor, from, rate, to)), `${minor} ${from}→${to} at ${rate}`).toBe(exact(minor, df, rate, dt));
      }
      for (let i = 0; i < 2000; i++) {
        const minor = (rnd(2) ? -1 : 1) * rnd(2 ** 30) * (1 + rnd(1000));
        const rate = 1 + rnd(20_000_000);
        expect(convert(minor, from, rate, to)).toBe(exact(minor, df, rate, dt));
      }
    }
    expect(Object.is(convert(-1, 'USD', 1, 'CNY'), 0)).toBe(true);
  });
});
