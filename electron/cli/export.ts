/**
 * trade-records export filing --shipment <no> --out <file.xlsx> [--draft] [--usd-rate <r>] [--data <folder>]
 *
 * Writes the 1039 filing pack of a shipment (electron/core/filing). With problems it prints them — the record,
 * its no./name and id, the field to fix — writes nothing and exits 1, unless --draft, which writes the pack
 * marked 草稿 DRAFT and still lists the problems.
 */
import path from 'node:path';
import { openCore } from '../core';
import { AppError } from '../core/errors';
import { buildFilingPack, validateFiling, type FilingProblem } from '../core/filing';
import { RECORD_NAMES } from '../core/filing/sheet-summary';
import { defaultDataDir } from '../core/paths';

type Values = Record<string, string | boolean | undefined>;

const USAGE = 'trade-records export filing --shipment <no> --out <file.xlsx> [--draft] [--usd-rate <CNY per USD>] [--data <folder>]';

function printProblems(problems: FilingProblem[], log: (s: string) => void): void {
  for (const p of problems) log(`  - ${RECORD_NAMES[p.record]} #${p.id} ${p.name} — ${p.field}: ${p.message}`);
}

export const exportCommand = {
  summary: 'export files: the 1039 filing pack of a shipment (交易单, 联网清单, 货物清单, invoice, packing list)',
  usage: USAGE,
  options: {
    data: { type: 'string' as const },
    shipment: { type: 'string' as const },
    out: { type: 'string' as const },
    draft: { type: 'boolean' as const },
    'usd-rate': { type: 'string' as const },
  },
  async run(values: Values, positionals: string[]): Promise<number> {
    const what = positionals[0];
    if (what !== 'filing' || positionals.length > 1) {
      console.error(`${what === undefined ? 'Say what to export' : `Unknown export "${positionals.join(' ')}"`}.\nUsage: ${USAGE}`);
      return 2;
    }
    const no = typeof values.shipment === 'string' ? values.shipment.trim() : '';
    const out = typeof values.out === 'string' ? values.out.trim() : '';
    if (no === '' || out === '') {
      console.error(`--shipment and --out are required.\nUsage: ${USAGE}`);
      return 2;
    }
    if (!out.toLowerCase().endsWith('.xlsx')) {
      console.error(`--out must name an .xlsx file, not "${out}"`);
      return 2;
    }
    const usdRate = typeof values['usd-rate'] === 'string' ? values['usd-rate'] : undefined;
    const dataDir = typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : defaultDataDir();
    const core = await openCore({ dataDir });
    try {
      const row = core.db.prepare('SELECT id FROM shipment WHERE no = ? COLLATE NOCASE').get(no) as { id: number } | undefined;
      if (!row) {
        console.error(`There is no shipment ${no}.`);
        return 1;
      }
      const draft = values.draft === true;
      const problems = validateFiling(core.db, row.id, { usdRate });
      if (problems.length > 0 && !draft) {
        console.error(`Shipment ${no}: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix — nothing was written:`);
        printProblems(problems, (s) => console.error(s));
        console.error('Fix them, or export a draft with --draft.');
        return 1;
      }
      const result = await buildFilingPack(core.db, row.id, path.resolve(out), { draft, usdRate });
      console.log(`Written: ${result.file}${result.problems.length > 0 ? '  (草稿 DRAFT)' : ''}`);
      for (const d of result.declarations) {
        const amount = d.currency === 'USD' ? '' : `  ${d.currency} ${d.amount}`;
        console.log(
          `Declaration ${d.index}/${result.declarations.length}: ${d.lines} line${d.lines === 1 ? '' : 's'}, ${d.kinds} kind${d.kinds === 1 ? '' : 's'} of goods${d.simplified ? `, simplified to ${d.mergedLines} lines` : ''}, USD ${d.usd || '(no USD rate)'}${amount}`,
        );
      }
      if (result.problems.length > 0) {
        console.log(`Draft with ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} still to fix:`);
        printProblems(result.problems, (s) => console.log(s));
      }
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        console.error(e.message);
        for (const i of e.issues ?? []) console.error(`  - ${i.path}: ${i.message}`);
        return 1;
      }
      throw e;
    } finally {
      core.close();
    }
  },
};
