/**
 * trade-records export contract --order <SO no.> --out <file.xlsx> [--lang en|ar|ru] [--data <folder>]
 * trade-records export statement --party <name or id> --from <date> --to <date> --out <file.xlsx> [--lang …]
 *
 * The documents for foreign buyers (electron/core/documents), in Chinese + the party's document language or
 * --lang. The statement prints its opening and closing balance per currency (the balances screen's figures).
 */
import path from 'node:path';
import { withCore } from './with-core';
import { buildSalesContract, buildStatement } from '../core/documents';
import { defaultDataDir } from '../core/paths';
import { ContractExportSchema, DOC_LANGUAGES, StatementExportSchema, type DocLanguage } from '../../shared/documents';

type Values = Record<string, string | boolean | undefined>;

export const CONTRACT_USAGE = `trade-records export contract --order <SO no.> --out <file.xlsx> [--lang ${DOC_LANGUAGES.join('|')}] [--data <folder>]`;
export const STATEMENT_USAGE = `trade-records export statement --party <name or id> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <file.xlsx> [--lang ${DOC_LANGUAGES.join('|')}] [--data <folder>]`;

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');

function common(values: Values, usage: string): { out: string; lang: DocLanguage | undefined; dataDir: string } | number {
  const out = str(values.out);
  if (out === '' || !out.toLowerCase().endsWith('.xlsx')) {
    console.error(`--out must name an .xlsx file.\nUsage: ${usage}`);
    return 2;
  }
  const lang = str(values.lang);
  if (lang !== '' && !(DOC_LANGUAGES as readonly string[]).includes(lang)) {
    console.error(`--lang must be one of ${DOC_LANGUAGES.join(', ')}, not "${lang}"`);
    return 2;
  }
  const dataDir = str(values.data) !== '' ? path.resolve(str(values.data)) : defaultDataDir();
  return { out: path.resolve(out), lang: lang === '' ? undefined : (lang as DocLanguage), dataDir };
}

export async function exportContractCommand(values: Values): Promise<number> {
  const c = common(values, CONTRACT_USAGE);
  if (typeof c === 'number') return c;
  const no = str(values.order);
  if (no === '') {
    console.error(`--order is required.\nUsage: ${CONTRACT_USAGE}`);
    return 2;
  }
  return withCore(c.dataDir, async (core) => {
    const row = core.db.prepare("SELECT id FROM trade_order WHERE no = ? COLLATE NOCASE AND kind = 'sales'").get(no) as { id: number } | undefined;
    if (!row) {
      console.error(`There is no sales order ${no}.`);
      return 1;
    }
    const arg = ContractExportSchema.parse({ orderId: row.id, ...(c.lang ? { language: c.lang } : {}) });
    const r = await buildSalesContract(core.db, core.dataDir, arg.orderId, arg.language, c.out);
    console.log(`Written: ${r.file}  (中文 + ${r.language})`);
    return 0;
  });
}

export async function exportStatementCommand(values: Values): Promise<number> {
  const c = common(values, STATEMENT_USAGE);
  if (typeof c === 'number') return c;
  const who = str(values.party);
  if (who === '' || str(values.from) === '' || str(values.to) === '') {
    console.error(`--party, --from and --to are required.\nUsage: ${STATEMENT_USAGE}`);
    return 2;
  }
  return withCore(c.dataDir, async (core) => {
    const parties = core.db
      .prepare('SELECT id, name_zh, name_en FROM party WHERE id = ? OR name_zh = ? COLLATE NOCASE OR name_en = ? COLLATE NOCASE')
      .all(/^\d+$/.test(who) ? Number(who) : -1, who, who) as { id: number; name_zh: string; name_en: string }[];
    if (parties.length !== 1) {
      console.error(parties.length === 0 ? `There is no party "${who}".` : `"${who}" names ${parties.length} parties: ${parties.map((p) => `#${p.id} ${p.name_zh || p.name_en}`).join(', ')} — give the id.`);
      return 1;
    }
    const parsed = StatementExportSchema.safeParse({ partyId: parties[0]!.id, from: str(values.from), to: str(values.to), ...(c.lang ? { language: c.lang } : {}) });
    if (!parsed.success) {
      console.error(`Bad period: ${parsed.error.issues.map((i) => `--${i.path.join('.') || 'to'}: ${i.message}`).join('; ')}`);
      return 1;
    }
    const r = await buildStatement(core.db, core.dataDir, parsed.data, c.out);
    console.log(`Written: ${r.file}  (中文 + ${r.language})`);
    if (r.currencies.length === 0) console.log('No transactions and no balance in this period.');
    for (const x of r.currencies) console.log(`  ${x.currency}  opening ${x.opening}  + debit ${x.debit}  − credit ${x.credit}  = closing ${x.closing}  (${x.movements} entries)`);
    return 0;
  });
}
