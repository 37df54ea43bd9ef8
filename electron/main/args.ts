/**
 * Command-line options of the desktop app. Pure: no 'electron' import.
 *
 *   --data <folder> | --data=<folder>   open the company file in that folder instead of the default one
 */
import path from 'node:path';

/** The data folder given with --data, resolved against `cwd`, or undefined when none was given. */
export function dataDirFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    let value: string | undefined;
    if (a === '--data') value = argv[i + 1];
    else if (a.startsWith('--data=')) value = a.slice('--data='.length);
    else continue;
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new Error('--data needs a folder, e.g. --data "D:\\Trade Records"');
    }
    return path.resolve(cwd, value);
  }
  return undefined;
}
