/** The market-procurement (1039) filing pack: validation, USD conversion, split, simplified declaration, workbook. */
export { buildFilingPack, problemsError, type FilingPackOptions, type FilingPackResult } from './pack';
export { planFiling, validateFiling, type FilingOptions, type FilingPlan } from './validate';
export { DEFAULT_SIMPLIFIED_RULE, describeRule, simplify, type SimplifiedRule } from './simplify';
export { planDeclarations, splitLine } from './split';
export { parseUsdRate, usdCentsOf, usdRateFor } from './usd';
export { amountInChinese, amountInEnglish, numberInChinese, numberInWords } from './words';
export * from './types';
