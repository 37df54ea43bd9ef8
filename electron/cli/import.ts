/**
 * trade-records import <file> --kind products|parties|order-lines [--party <name>] [--mapping <saved>]
 *   [--sheet <name>] [--encoding utf-8|gb18030|utf-16le|utf-16be] [--role <role>] [--only-valid] [--dry-run]
 *
 * Reads and checks the file (electron/core/import) as a job, prints the mapping it used, the counts, the
 * skipped and the rejected rows (row, column, reason). Rows rejected → nothing is written, exit 1 (unless
 * --only-valid). --dry-run checks and prints without writing (exit 1 when rows were rejected).
 */
import path from 'node:path';
import { openCore } from '../core';
import { importJob } from '../core/import/api';
import { listParties } from '../core/parties';
import { defaultDataDir } from '../core/paths';
import { IMPORT_ENCODINGS, IMPORT_KINDS, type ImportEncoding, type ImportKind, type ImportPreview, type ImportResult } from '../../shared/import';
import { PARTY_ROLES, type PartyRole } from '../../shared/api';

type Values = Record<string, string | boolean | undefined>;
const USAGE =
  'trade-records import <file> --kind products|parties|order-lines [--party <name>] [--mapping <saved>] [--sheet <name>] [--encoding utf-8|gb18030|utf-16le|utf-16be] [--role customer|supplier|…] [--only-valid] [--dry-run] [--data <folder>]';

const SKIP_WORDS = { blank: 'blank row', totals: 'totals row', header: 'repeated header row' } as const;

function printReport(r: ImportPreview, log: (s: string) => void): void {
  log(`File:      ${r.fileName}${r.format === 'csv' ? ` (${r.encoding})` : ` — sheet "${r.sheet}" of ${r.sheets.length}`}`);
  log(`Header:    row ${r.headerRows.join('–')}${r.mappingName ? `, saved mapping "${r.mappingName}"` : ''}`);
  log('Mapping:');
  for (const c of r.columns) if (c.header !== '' || c.field) log(`  ${c.letter.padEnd(3)} ${(c.header || '(no header)').padEnd(28)} → ${c.field ?? '(not imported)'}`);
  for (const n of r.notes) log(`Note:      ${n}`);
  const k = r.counts;
  log(`Rows:      ${k.rows} — valid ${k.valid} (new ${k.create}, changed ${k.update}, unchanged ${k.unchanged}), rejected ${k.rejected}, skipped ${k.skipped}`);
  if (r.missing.length) log(`Missing:   no column is mapped to ${r.missing.join(', ')}`);
  for (const s of r.skipped) log(`  skipped row ${s.row}: ${SKIP_WORDS[s.reason]}${s.text ? ` (${s.text})` : ''}`);
  for (const x of r.rejected) log(`  rejected row ${x.row}, ${x.column}: ${x.message}`);
  if (r.truncated) log('  (the lists above are cut; the counts are complete)');
}

export const importCommand = {
  summary: 'import products, parties or order lines from an .xlsx, .csv or .tsv file (checked first; all or nothing)',
  usage: USAGE,
  options: {
    data: { type: 'string' as const },
    kind: { type: 'string' as const },
    party: { type: 'string' as const },
    mapping: { type: 'string' as const },
    sheet: { type: 'string' as const },
    encoding: { type: 'string' as const },
    role: { type: 'string' as const },
    'only-valid': { type: 'boolean' as const },
    'dry-run': { type: 'boolean' as const },
  },
  async run(values: Values, positionals: string[]): Promise<number> {
    const kind = values.kind as ImportKind | undefined;
    if (positionals.length !== 1 || !kind || !IMPORT_KINDS.includes(kind)) {
      console.error(`Name one file and --kind (${IMPORT_KINDS.join(', ')}).\nUsage: ${USAGE}`);
      return 2;
    }
    const encoding = values.encoding as ImportEncoding | undefined;
    if (encoding !== undefined && !IMPORT_ENCODINGS.includes(encoding)) {
      console.error(`--encoding must be one of ${IMPORT_ENCODINGS.join(', ')}`);
      return 2;
    }
    const role = values.role as PartyRole | undefined;
    if (role !== undefined && !PARTY_ROLES.includes(role)) {
      console.error(`--role must be one of ${PARTY_ROLES.join(', ')}`);
      return 2;
    }
    const file = path.resolve(positionals[0]!);
    const dataDir = typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : defaultDataDir();
    const core = await openCore({ dataDir });
    try {
      let partyId: number | undefined;
      if (kind === 'order-lines') {
        const name = typeof values.party === 'string' ? values.party.trim() : '';
        if (name === '') {
          console.error(`--party <name> is required for order lines (the party of the new draft order).\nUsage: ${USAGE}`);
          return 2;
        }
        const found = listParties(core.db, { search: name }).filter((p) => [p.nameZh, p.nameEn].some((n) => n.toLowerCase() === name.toLowerCase()));
        if (found.length !== 1) {
          console.error(found.length === 0 ? `There is no party named "${name}".` : `${found.length} parties are named "${name}"; rename one first.`);
          return 1;
        }
        partyId = found[0]!.id;
      }
      const args = {
        kind,
        ...(partyId !== undefined ? { partyId } : {}),
        ...(typeof values.mapping === 'string' ? { mappingName: values.mapping } : {}),
        ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
        ...(encoding ? { encoding } : {}),
        ...(role ? { role } : {}),
        ...(values['only-valid'] === true ? { onlyValid: true } : {}),
      };
      const ctx = { companyFile: core.companyFile, user: 'owner', progress: () => {} };
      const start = { fileName: path.basename(file), path: file, args };
      const preview = await importJob(ctx, { ...start, mode: 'preview' });
      printReport(preview, (s) => console.log(s));
      const rejected = preview.counts.rejected > 0;
      if (values['dry-run'] === true) {
        console.log(`Dry run: nothing was written.`);
        return rejected || preview.missing.length ? 1 : 0;
      }
      if (preview.missing.length) {
        console.error(`Nothing was written: map a column to ${preview.missing.join(', ')} (save a mapping in the app and pass --mapping).`);
        return 1;
      }
      if (rejected && values['only-valid'] !== true) {
        console.error(`Nothing was written: ${preview.counts.rejected} row(s) rejected. Fix them, or pass --only-valid to import the ${preview.counts.valid} valid row(s).`);
        return 1;
      }
      const result = (await importJob(ctx, { ...start, mode: 'run' })) as ImportResult;
      const w = result.written;
      console.log(`Written:   ${w.created} new, ${w.updated} changed, ${w.unchanged} unchanged${result.order ? `; draft order ${result.order.no} with ${w.lines} line(s)` : ''}`);
      return 0;
    } finally {
      core.close();
    }
  },
};
