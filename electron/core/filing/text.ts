/** Names and texts the filing sheets print: units, countries, parties, terms, the declaration remark. */
import type { Party } from '../../../shared/api';
import { findCode } from '../../../shared/codes';
import { currencies } from '../../../shared/currency';
import type { FilingData, FilingLine } from './types';

export const unitZh = (code: string) => findCode('units', code)?.name_zh ?? code;

/** English unit names for the invoice and packing list (customs units have Chinese names only). */
const UNIT_EN: Record<string, string> = {
  个: 'PCS', 件: 'PCS', 只: 'PCS', 支: 'PCS', 枝: 'PCS', 根: 'PCS', 条: 'PCS', 把: 'PCS', 块: 'PCS', 张: 'PCS', 片: 'PCS', 顶: 'PCS', 头: 'HEAD',
  台: 'SETS', 套: 'SETS', 座: 'SETS', 架: 'SETS', 辆: 'UNITS', 艘: 'UNITS',
  双: 'PAIRS', 副: 'PAIRS', 对: 'PAIRS', 打: 'DOZ', 卷: 'ROLLS', 包: 'BAGS', 袋: 'BAGS', 瓶: 'BOTTLES', 盒: 'BOXES', 箱: 'CTNS', 罐: 'CANS', 桶: 'BARRELS',
  千克: 'KGS', 克: 'G', 吨: 'TONS', 米: 'M', 千米: 'KM', 平方米: 'SQM', 立方米: 'CBM', 升: 'L', 毫升: 'ML',
};
export const unitEn = (code: string) => UNIT_EN[unitZh(code)] ?? unitZh(code);

export const countryZh = (code: string) => findCode('countries', code)?.name_zh ?? code;
export const countryEn = (code: string) => (findCode('countries', code)?.name_en ?? code).replace(/\s*\(the\)$/, '');
export const currencyZh = (code: string) => currencies.find((c) => c.code === code)?.nameZh ?? code;

export const nameOf = (p: Party) => (p.nameZh !== '' ? p.nameZh : p.nameEn);
/** Chinese and English names, when both differ: "金华玩具 / Jinhua Toys". */
export const bothNames = (p: Party) => [p.nameZh, p.nameEn].filter((s, i, a) => s !== '' && a.indexOf(s) === i).join(' / ');
export const latinName = (p: Party) => (p.nameEn !== '' ? p.nameEn : p.nameZh);

/** Distinct non-empty values in order, joined. */
export function distinct(values: string[], sep = '; '): string {
  return [...new Set(values.filter((v) => v !== ''))].join(sep);
}

/** 货物品名规格: the Chinese name and the spec. */
export const nameSpec = (l: FilingLine) => [l.nameZh || l.nameEn, l.spec].filter((s) => s !== '').join(' ');

/** "FOB NINGBO": the orders' incoterm and place; default FOB at the loading port. */
export function termsOf(data: FilingData, lines: FilingLine[] = data.lines): string {
  const port = data.shipment.loadingPort.toUpperCase();
  const terms = lines.map((l) => {
    const name = l.incoterm === '' ? '' : (findCode('incoterms', l.incoterm)?.name_zh ?? l.incoterm);
    if (name === '') return '';
    return `${name} ${(l.incotermPlace || port).toUpperCase()}`.trim();
  });
  const t = distinct(terms, ' / ');
  return t !== '' ? t : `FOB${port ? ` ${port}` : ''}`;
}

/** 报关单备注: the buyer's name, nationality and passport/ID no. */
export function remarkText(buyer: Party): string {
  const nat = buyer.nationality === '' ? '' : `${countryZh(buyer.nationality)}（${buyer.nationality}）`;
  return `买方：${latinName(buyer)}；国籍：${nat}；护照/证件号：${buyer.idDocNo}`;
}

/** The remark in English, for the summary. */
export function remarkTextEn(buyer: Party): string {
  return `Buyer: ${latinName(buyer)}; nationality: ${buyer.nationality === '' ? '' : countryEn(buyer.nationality)}; passport/ID no.: ${buyer.idDocNo}`;
}
