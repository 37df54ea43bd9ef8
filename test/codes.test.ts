import { describe, expect, it } from 'vitest';
import { codeTables, findCode, isCode } from '../shared/codes';
import { currencies, currencyDecimals, isCurrency } from '../shared/currency';

describe('customs code tables', () => {
  it('has every row of every table (counts from shared/codes/SOURCE.md)', () => {
    expect(codeTables.units).toHaveLength(123);
    expect(codeTables.countries).toHaveLength(264);
    expect(codeTables.tradeModes).toHaveLength(100);
    expect(codeTables.incoterms).toHaveLength(7);
    expect(codeTables.transportModes).toHaveLength(18);
    expect(codeTables.packageTypes).toHaveLength(13);
    expect(codeTables.containers).toHaveLength(8);
    expect(codeTables.levyTypes).toHaveLength(45);
    expect(codeTables.currencies).toHaveLength(22);
  });

  it('keeps codes as text with their leading zeros', () => {
    expect(findCode('units', '035')?.name_zh).toBe('千克');
    expect(findCode('units', '122')?.name_zh).toBe('罐');
    expect(findCode('units', '140')?.name_zh).toBe('盒');
    expect(findCode('units', '007')?.name_zh).toBe('个');
    expect(isCode('units', '35')).toBe(false);
    expect(findCode('tradeModes', '0110')?.name_zh).toBe('一般贸易');
    expect(findCode('tradeModes', '1039')?.name_zh).toBe('市场采购');
    expect(findCode('packageTypes', '00')?.name_zh).toBe('散装');
  });

  it('has both names for countries and currencies', () => {
    expect(findCode('countries', 'CHN')).toMatchObject({ name_zh: '中国', name_en: 'China' });
    expect(findCode('countries', 'RUS')?.name_zh).toBe('俄罗斯联邦');
    expect(findCode('currencies', 'USD')?.name_zh).toBe('美元');
    expect(findCode('incoterms', '3')?.name_zh).toBe('FOB');
  });

  it('knows each currency’s decimals', () => {
    expect(currencyDecimals('CNY')).toBe(2);
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(isCurrency('AED')).toBe(true);
    expect(isCurrency('XYZ')).toBe(false);
    expect(new Set(currencies.map((c) => c.code)).size).toBe(currencies.length);
    expect(currencies.every((c) => /^[A-Z]{3}$/.test(c.code) && [0, 2, 3].includes(c.decimals))).toBe(true);
  });
});
