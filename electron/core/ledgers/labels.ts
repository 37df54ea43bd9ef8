/**
 * Bilingual labels of the ledgers workbook (中文 English, as the filing pack writes them), matching the words of
 * the app's screens (shared/i18n/areas/*.zh.json).
 */
import { findCode } from '../../../shared/codes';

export const ORDER_STATUS: Record<'sales' | 'purchase', Record<string, string>> = {
  sales: { confirmed: '已确认 Confirmed', partial: '部分出货 Partly shipped', complete: '已出货 Shipped', closed: '已关闭 Closed' },
  purchase: { confirmed: '已确认 Confirmed', partial: '部分收货 Partly received', complete: '已收货 Received', closed: '已关闭 Closed' },
};

export const SHIPMENT_STATUS: Record<string, string> = {
  planned: '计划中 Planned',
  loading: '装柜中 Loading',
  declared: '已报关 Declared',
  departed: '已开船 Departed',
  arrived: '已到港 Arrived',
  delivered: '已交货 Delivered',
};

export const SHIPMENT_MODE: Record<string, string> = {
  sea: '海运 Sea',
  rail: '中欧班列 Rail',
  air: '空运 Air',
  road: '公路 Road',
  express: '快递 Express',
  post: '邮寄 Post',
};

export const IMPORT_STATUS: Record<string, string> = { draft: '未入库 Not received', received: '已入库 Received' };

export const DIRECTION: Record<'in' | 'out', string> = { in: '收款 In', out: '付款 Out' };

export const METHOD: Record<string, string> = {
  cash: '现金 Cash',
  bank: '银行转账 Bank',
  alipay: '支付宝 Alipay',
  wechat: '微信支付 WeChat Pay',
  tt: '电汇 T/T',
  lc: '信用证 L/C',
};

export const FLOW = { export: '出口 Export', import: '进口 Import' } as const;

export const BALANCE_TYPE = { receivable: '应收 Receivable', payable: '应付 Payable' } as const;

export const TOTAL = '合计 Total';
/** The label of the base-currency totals row under the per-currency rows labelled `label`. */
export const totalInBase = (label: string, base: string) => `${label} · 本位币 ${base}`;
export const linesText = (n: number) => `${n} 行 lines`;

/** A customs unit code as its Chinese name ("007" → "个"); an unknown code as it is. */
export function unitName(code: string): string {
  return code === '' ? '' : (findCode('units', code)?.name_zh ?? code);
}

/** The Chinese name of a country code ("ARE" → "阿联酋"), '' when unknown. */
export function countryZh(code: string): string {
  return code === '' ? '' : (findCode('countries', code)?.name_zh ?? '');
}

/** A country code with its Chinese name: "ARE 阿联酋". */
export function countryName(code: string): string {
  if (code === '') return '';
  const c = findCode('countries', code);
  return c ? `${code} ${c.name_zh}` : code;
}

/** The Chinese name of a trade mode code ("1039" → "市场采购"). */
export function tradeModeName(code: string): string {
  return findCode('tradeModes', code)?.name_zh ?? '';
}

/** The HS chapter (first two digits) of an HS code; '' when there is no code. */
export function hsChapter(hs: string): string {
  return /^\d{2}/.test(hs) ? hs.slice(0, 2) : '';
}

export const NO_CHAPTER = '(无 none)';
