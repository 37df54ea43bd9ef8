/** Workbook utilities shared by every Excel export (filing pack, ledgers, grids). */
export * from './cells';
export * from './sheet';
export * from './write';
export { installQuotePrefix } from './quote-prefix';
export * from './xlsx-writer';
