/**
 * Numbers as each UI language writes and types them: exact decimal strings (never floats) with the
 * locale's separators from Intl, the currency's own decimals, Latin digits in Arabic kept left to right,
 * and input in the locale's separators, full-width and Arabic-Indic digits.
 */
import { describe, expect, it } from 'vitest';
import { amountsText, formatDate, formatDecimal, formatMoney, formatPercent, moneyText } from '../renderer/src/lib/format';
import { normalizeDecimalInput } from '../renderer/src/lib/numbers';

const NBSP = new Intl.NumberFormat('ru-RU').formatToParts(1234).find((p) => p.type === 'group')?.value ?? '';
const ltr = (s: string) => `\u2066${s}\u2069`;

describe('formatting by locale', () => {
  it('writes money with the currency decimals and the locale separators, exactly', () => {
    expect(NBSP).toMatch(/^[\u00a0\u202f]$/); // Russian groups with a no-break space
    expect(formatMoney('1234.5', 'USD', 'ru')).toBe(`1${NBSP}234,50`);
    expect(formatMoney('1234.5', 'USD', 'zh')).toBe('1,234.50');
    expect(formatMoney('1234.5', 'USD', 'en')).toBe('1,234.50');
    expect(formatMoney('1234', 'JPY', 'en')).toBe('1,234');
    expect(formatMoney('-0.50', 'CNY', 'zh')).toBe('-0.50');
    expect(formatMoney('-0.00', 'CNY', 'zh')).toBe('0.00');
    // beyond float precision: every digit kept
    expect(formatMoney('98765432109876543.21', 'CNY', 'en')).toBe('98,765,432,109,876,543.21');
    expect(formatMoney('98765432109876543.21', 'CNY', 'ru')).toBe(`98${NBSP}765${NBSP}432${NBSP}109${NBSP}876${NBSP}543,21`);
  });

  it('writes Arabic with Latin digits, isolated left to right inside right-to-left text', () => {
    expect(formatMoney('1234.5', 'USD', 'ar')).toBe(ltr('1,234.50'));
    expect(formatMoney('-1234.5', 'USD', 'ar')).toMatch(/^\u2066\u200e?-1,234\.50\u2069$/);
    expect(formatMoney('1234.5', 'USD', 'ar')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('puts the currency code where the locale does', () => {
    expect(moneyText('1500', 'USD', 'zh')).toBe('USD 1,500.00');
    expect(moneyText('1500', 'USD', 'ru')).toBe(`1${NBSP}500,00 USD`);
    expect(amountsText({ USD: '1500.00', CNY: '20' }, 'en')).toBe('USD 1,500.00 · CNY 20.00');
  });

  it('writes percentages and dates by locale', () => {
    expect(formatPercent('10.9', 'zh')).toBe('10.9%');
    expect(formatPercent('10.9', 'ru')).toMatch(/^10,9[\u00a0\u202f]%$/);
    expect(formatDate('2026-11-29', 'zh')).toBe('2026-11-29');
    expect(formatDate('2026-11-29', 'ru')).toBe('29.11.2026');
    expect(formatDate('2026-11-29', 'ar')).toBe(ltr('29/11/2026'));
  });

  it('leaves what is not a number as it is', () => {
    expect(formatDecimal('—', 'ru')).toBe('—');
    expect(formatDecimal('', 'ar')).toBe('');
    expect(formatDecimal('12.3456', 'ru')).toBe('12,3456');
  });
});

describe('typing numbers', () => {
  it('reads the locale separators back to a plain decimal string', () => {
    expect(normalizeDecimalInput(`1${NBSP}234,50`, 'ru')).toBe('1234.50');
    expect(normalizeDecimalInput('1 234,50', 'ru')).toBe('1234.50');
    expect(normalizeDecimalInput('1,234', 'ru')).toBe('1.234');
    expect(normalizeDecimalInput('1,234.50', 'en')).toBe('1234.50');
    expect(normalizeDecimalInput('1,234', 'zh')).toBe('1234');
    expect(normalizeDecimalInput('12,5', 'zh')).toBe('12.5');
    expect(normalizeDecimalInput('1.234.567,8', 'ru')).toBe('1234567.8');
    expect(normalizeDecimalInput('1,234,567', 'en')).toBe('1234567');
  });

  it('reads full-width and Arabic-Indic digits', () => {
    expect(normalizeDecimalInput('１，２３４．５', 'zh')).toBe('1234.5');
    expect(normalizeDecimalInput('١٬٢٣٤٫٥', 'ar')).toBe('1234.5');
    expect(normalizeDecimalInput(ltr('1,234.50'), 'ar')).toBe('1234.50');
  });

  it('round-trips what it shows', () => {
    for (const lang of ['zh', 'en', 'ar', 'ru']) {
      expect(normalizeDecimalInput(formatMoney('1234567.5', 'USD', lang), lang), lang).toBe('1234567.50');
    }
  });
});
