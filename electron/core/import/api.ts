/**
 * The import calls behind the API (shared/import.ts): each preview or run is a job (../jobs, kind 'import')
 * in a worker thread with progress events carrying the cancelToken; the mappings are plain calls.
 */
import type { ApiParsedArg } from '../../../shared/api';
import type { ImportPreview, ImportResult } from '../../../shared/import';
import type { HandlerContext, HandlersFor } from '../context';
import { jobNativeBinding, startJob, type StartOptions } from '../jobs';
import type { ImportArgs, ImportJobInput } from './run';
import { deleteMapping, listMappings, saveMapping } from './mappings';

export interface ImportStart {
  mode: 'preview' | 'run';
  fileName: string;
  bytes?: Uint8Array;
  path?: string;
  args: ImportArgs;
}

/** Start an import job on the company file of `ctx` and wait for it (also used by the command line). */
export async function importJob(
  ctx: Pick<HandlerContext, 'companyFile' | 'user' | 'progress'>,
  start: ImportStart,
  opts: Pick<StartOptions, 'workerScript' | 'jobId'> = {},
): Promise<ImportPreview | ImportResult> {
  const nativeBinding = jobNativeBinding();
  const input: ImportJobInput = { kind: 'import', dbFile: ctx.companyFile, user: ctx.user, ...start, ...(nativeBinding ? { nativeBinding } : {}) };
  const job = startJob(input, { ...opts, onProgress: (e) => ctx.progress(e) });
  return { jobId: job.id, ...(await job.result) } as ImportPreview | ImportResult;
}

function fromCall(mode: 'preview' | 'run', arg: ApiParsedArg<'import.preview'> | ApiParsedArg<'import.run'>): { start: ImportStart; jobId?: string } {
  const { file, cancelToken, ...args } = arg;
  return {
    start: { mode, fileName: file.name, bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64')), args },
    ...(cancelToken ? { jobId: cancelToken } : {}),
  };
}

export const importHandlers: HandlersFor<'import.preview' | 'import.run' | 'import.mappings.list' | 'import.mappings.save' | 'import.mappings.delete'> = {
  'import.preview': async (arg, ctx) => {
    const { start, jobId } = fromCall('preview', arg);
    return (await importJob(ctx, start, jobId ? { jobId } : {})) as ImportPreview;
  },
  'import.run': async (arg, ctx) => {
    const { start, jobId } = fromCall('run', arg);
    return (await importJob(ctx, start, jobId ? { jobId } : {})) as ImportResult;
  },
  'import.mappings.list': ({ kind }, { db }) => listMappings(db, kind),
  'import.mappings.save': (arg, { db }) => saveMapping(db, arg),
  'import.mappings.delete': ({ name }, { db }) => deleteMapping(db, name),
};
