/**
 * The ledgers behind the API: the workbook is built by a job (a worker thread, ../jobs), written into the data
 * folder's exports/ (so a copy stays beside the company file, as the filing pack does) and returned as bytes,
 * which the window saves where the user chooses. Progress goes out through ctx.progress with the job's id.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiParsedArg } from '../../../shared/api';
import type { LedgersExport } from '../../../shared/ledgers';
import type { HandlerContext } from '../context';
import { startLedgersJob, type StartOptions } from '../jobs/runner';

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function exportLedgers(
  ctx: Pick<HandlerContext, 'companyFile' | 'dataDir' | 'progress'>,
  arg: ApiParsedArg<'ledgers.export'>,
  opts: Pick<StartOptions, 'workerScript'> & { now?: Date } = {},
): Promise<LedgersExport> {
  const dir = path.join(ctx.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `ledgers-${arg.from}-${arg.to}-${stamp(opts.now ?? new Date())}.xlsx`;
  const job = startLedgersJob(ctx.companyFile, { from: arg.from, to: arg.to }, path.join(dir, fileName), {
    ...(arg.cancelToken ? { jobId: arg.cancelToken } : {}),
    ...(opts.workerScript ? { workerScript: opts.workerScript } : {}),
    onProgress: (e) => ctx.progress(e),
  });
  const { file, ...result } = await job.result;
  return { jobId: job.id, fileName, dataBase64: fs.readFileSync(file).toString('base64'), ...result };
}
