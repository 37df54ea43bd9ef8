/**
 * The CLI commands that open the company file, do one piece of work and close it: an AppError (bad input,
 * a record that does not exist) is printed with its field issues and gives exit code 1; anything else throws.
 */
import { openCore, type Core } from '../core';
import { AppError } from '../core/errors';

export async function withCore(dataDir: string, work: (core: Core) => Promise<number>): Promise<number> {
  const core = await openCore({ dataDir });
  try {
    return await work(core);
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
}
