/**
 * trade-records export filing --shipment <no> --out <file.xlsx> [--draft] [--usd-rate <r>] [--data <folder>]
 * trade-records export ledgers --from <date> --to <date> --out <file.xlsx> [--data <folder>]   (see below)
 * trade-records export contract|statement …   (export-documents.ts)
 *
 * Writes the 1039 filing pack of a shipment (electron/core/filing). With problems it prints them — the record,
 * its no./name and id, the field to fix — writes nothing and exits 1, unless --draft, which writes the pack
 * marked 草稿 DRAFT and still lists the problems.
 */
import path from 'node:path';
import { withCore } from './with-core';
import { buildFilingPack, validateFiling, type FilingProblem } from '../core/filing';
import { RECORD_NAMES } from '../core/filing/sheet-summary';
import { defaultDataDir } from '../core/paths';
import { startLedgersJob } from '../core/jobs';
import { LEDGER_LABELS } from '../core/ledgers/summaries';
import { LEDGER_KEYS, LedgersExportSchema } from '../../shared/ledgers';
import { CONTRACT_USAGE, exportContractCommand, exportStatementCommand, STATEMENT_USAGE } from './export-documents';

type Values = Record<string, string | boolean | undefined>;

const FILING_USAGE = 'trade-records export filing --shipment <no> --out <file.xlsx> [--draft] [--usd-rate <CNY per USD>] [--data <folder>]';
const LEDGERS_USAGE = 'trade-records export ledgers --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <file.xlsx> [--data <folder>]';
const USAGE = `${FILING_USAGE}\n       ${LEDGERS_USAGE}\n       ${CONTRACT_USAGE}\n       ${STATEMENT_USAGE}`;

function printProblems(problems: FilingProblem[], log: (s: string) => void): void {
  for (const p of problems) log(`  - ${RECORD_NAMES[p.record]} #${p.id} ${p.name} — ${p.field}: ${p.message}`);
}

export const exportCommand = {
  summary: 'export files: the 1039 filing pack of a shipment (交易单, 联网清单, 货物清单, invoice, packing list), the ledgers of a period, a sales contract, a statement of account',
  usage: USAGE,
  options: {
    data: { type: 'string' as const },
    shipment: { type: 'string' as const },
    out: { type: 'string' as const },
    draft: { type: 'boolean' as const },
    'usd-rate': { type: 'string' as const },
    from: { type: 'string' as const },
    to: { type: 'string' as const },
    order: { type: 'string' as const },
    party: { type: 'string' as const },
    lang: { type: 'string' as const },
  },
  async run(values: Values, positionals: string[]): Promise<number> {
    const what = positionals[0];
    if (what === 'ledgers' && positionals.length === 1) return exportLedgersCommand(values);
    if (what === 'contract' && positionals.length === 1) return exportContractCommand(values);
    if (what === 'statement' && positionals.length === 1) return exportStatementCommand(values);
    if (what !== 'filing' || positionals.length > 1) {
      console.error(`${what === undefined ? 'Say what to export' : `Unknown export "${positionals.join(' ')}"`}.\nUsage: ${USAGE}`);
      return 2;
    }
    const no = typeof values.shipment === 'string' ? values.shipment.trim() : '';
    const out = typeof values.out === 'string' ? values.out.trim() : '';
    if (no === '' || out === '') {
      console.error(`--shipment and --out are required.\nUsage: ${FILING_USAGE}`);
      return 2;
    }
    if (!out.toLowerCase().endsWith('.xlsx')) {
      console.error(`--out must name an .xlsx file, not "${out}"`);
      return 2;
    }
    const usdRate = typeof values['usd-rate'] === 'string' ? values['usd-rate'] : undefined;
    const dataDir = typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : defaultDataDir();
    return withCore(dataDir, async (core) => {
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
    });
  },
};

/**
 * trade-records export ledgers --from <date> --to <date> --out <file.xlsx> [--data <folder>]
 *
 * The bookkeeper's ledgers of a period (electron/core/ledgers), run as a job in the worker thread like the
 * window runs it (electron/core/jobs): progress lines in percent, then the counts and totals per ledger.
 * Bad dates (not a date, or the period ending before it begins) exit 1 with a message.
 */
async function exportLedgersCommand(values: Values): Promise<number> {
  const from = typeof values.from === 'string' ? values.from.trim() : '';
  const to = typeof values.to === 'string' ? values.to.trim() : '';
  const out = typeof values.out === 'string' ? values.out.trim() : '';
  if (from === '' || to === '' || out === '') {
    console.error(`--from, --to and --out are required.\nUsage: ${LEDGERS_USAGE}`);
    return 2;
  }
  if (!out.toLowerCase().endsWith('.xlsx')) {
    console.error(`--out must name an .xlsx file, not "${out}"`);
    return 2;
  }
  const parsed = LedgersExportSchema.safeParse({ from, to });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.') || 'to'}: ${i.message}`).join('; ');
    console.error(`Bad period --from ${from} --to ${to}: ${problems}`);
    return 1;
  }
  const dataDir = typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : defaultDataDir();
  return withCore(dataDir, async (core) => {
    let lastStep = -1;
    let lastLabel = '';
    const job = startLedgersJob(core.companyFile, { from, to }, path.resolve(out), {
      onProgress: (e) => {
        const pct = e.total > 0 ? Math.floor((e.done / e.total) * 100) : 100;
        // a line per 10 % and per part of the work
        if (Math.floor(pct / 10) !== lastStep || (e.label !== lastLabel && e.label !== '')) {
          lastStep = Math.floor(pct / 10);
          lastLabel = e.label;
          console.log(`${String(pct).padStart(3)}%  ${e.label}`);
        }
      },
    });
    const r = await job.result;
    console.log(`Written: ${r.file}`);
    console.log(`Period ${r.from} – ${r.to}, base currency ${r.baseCurrency}`);
    for (const key of LEDGER_KEYS) {
      const c = r.counts[key];
      const t = r.totals[key];
      const amounts = t.byCurrency.map((b) => `${b.currency} ${b.amount}`).join(', ');
      console.log(`  ${LEDGER_LABELS[key].padEnd(40)} ${String(c.documents).padStart(6)} docs ${String(c.lines).padStart(8)} lines   ${amounts || '—'}   = ${r.baseCurrency} ${t.baseAmount}`);
    }
    return 0;
  });
}
