/**
 * trade-records — the command line over the same core as the window and browser mode.
 * Built by electron-vite into out/main/cli.js; bin/trade-records.cjs runs it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core';
import { AppError } from '../core/errors';
import { autoBackup, backupFolderOf } from '../core/backup';
import { defaultDataDir } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { checkCompanyFile } from '../core/check';
import { DEFAULT_PORT, startServer } from '../server';
import { exportCommand } from './export';
import { benchCommand, seedCommand } from './bench';
import { importCommand } from './import';
import fs from 'node:fs';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { backupTo, fileStamp, inspectBackup, restoreFrom, type BackupCounts, type BackupInfo } from '../core/backup';
import { companyFilePath } from '../core/paths';

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const dataOption = { data: { type: 'string' as const } };

const commands: Record<string, Command> = {
  check: {
    summary: 'open the company file, run pending migrations, print counts, the integrity check and the audit chain',
    usage: 'trade-records check [--data <folder>]',
    options: { ...dataOption },
    async run(values) {
      const core = await openCore({ dataDir: dataDirOf(values) });
      try {
        if (core.migrationBackup) console.log(`Backup before migrating: ${core.migrationBackup}`);
        const report = checkCompanyFile(core.db);
        console.log(`Company file:       ${core.companyFile}`);
        console.log(`Schema version:     ${report.schemaVersion}`);
        console.log(`Company:            ${report.company ?? '(not set up yet)'}`);
        for (const [table, n] of Object.entries(report.counts)) console.log(`${(table + ':').padEnd(20)}${n}`);
        console.log(`Integrity:          ${report.integrity.join('; ')}`);
        console.log(`Foreign keys:       ${report.foreignKeyProblems === 0 ? 'ok' : `${report.foreignKeyProblems} broken references`}`);
        console.log(`Audit chain:        ${report.auditChain.message}`);
        return report.ok ? 0 : 1;
      } finally {
        core.close();
      }
    },
  },
  web: {
    summary: 'browser mode: serve the app on http://127.0.0.1:<port> (this machine only)',
    usage: `trade-records web [--port <n>] [--data <folder>]   (default port ${DEFAULT_PORT}; 0 = any free port)`,
    options: { ...dataOption, port: { type: 'string' } },
    async run(values) {
      const portText = String(values.port ?? DEFAULT_PORT);
      if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
        console.error(`--port must be a number from 0 to 65535, not "${portText}"`);
        return 2;
      }
      const server = await startServer({
        dataDir: dataDirOf(values),
        port: Number(portText),
        rendererDir: path.join(__dirname, '..', 'renderer'),
      });
      console.log(`Trade Records ${APP_VERSION} — browser mode`);
      const damaged = server.holder?.damaged;
      if (damaged) {
        console.error(`${damaged}\nThe browser page offers the latest backup to restore (the damaged file is kept).`);
      } else {
        try {
          const b = await autoBackup(server.core.db, server.core.dataDir, { backupDir: backupFolderOf(server.core.db, server.core.dataDir).folder });
          if (b.written) console.log(`Today's backup: ${b.daily}`);
        } catch (e) {
          console.error(`Automatic backup failed: ${(e as Error).message}`);
        }
      }
      console.log(`Company file: ${server.holder?.companyFile ?? server.core.companyFile}`);
      console.log(`Open ${server.url} in a browser on this computer. Press Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    },
  },
  export: exportCommand,
  import: importCommand,
  seed: seedCommand,
  bench: benchCommand,
  backup: {
    summary: 'online backup of the company file into a file (verified before it gets its name)',
    usage: 'trade-records backup --out <file or folder> [--data <folder>]',
    options: { ...dataOption, out: { type: 'string' } },
    async run(values, positionals) {
      const outText = typeof values.out === 'string' ? values.out.trim() : '';
      if (outText === '' || positionals.length > 0) {
        console.error('--out is required (and nothing else).\nUsage: trade-records backup --out <file or folder> [--data <folder>]');
        return 2;
      }
      const companyFile = companyFilePath(dataDirOf(values));
      if (!fs.existsSync(companyFile)) {
        console.error(`trade-records backup: there is no company file ${companyFile} to back up.`);
        return 1;
      }
      let out = path.resolve(outText);
      if (fs.existsSync(out) && fs.statSync(out).isDirectory()) out = path.join(out, `company-${fileStamp(new Date())}.sqlite`);
      if (fs.existsSync(out)) {
        console.error(`trade-records backup: ${out} already exists; choose another name (a backup never overwrites a file).`);
        return 1;
      }
      // The file as it is (no migration): a plain connection, closed before returning.
      const db = new Database(companyFile, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        const r = await backupTo(db, out);
        console.log(`Backup written:     ${r.file}`);
        console.log(`Size:               ${formatBytes(r.bytes)}`);
        console.log(`Schema version:     ${r.schemaVersion}`);
        printCounts(r.counts);
        return 0;
      } finally {
        db.close();
      }
    },
  },
  restore: {
    summary: 'replace the company file with a backup (checked first; the current file is backed up before the swap)',
    usage: 'trade-records restore <backup file> [--data <folder>] [--yes]',
    options: { ...dataOption, yes: { type: 'boolean', short: 'y' } },
    async run(values, positionals) {
      if (positionals.length !== 1) {
        console.error('Name one backup file.\nUsage: trade-records restore <backup file> [--data <folder>] [--yes]');
        return 2;
      }
      const dataDir = dataDirOf(values);
      const info = inspectBackup(positionals[0]!); // refuses a damaged, foreign or newer file: exit 1 with the reason
      printBackupInfo(info);
      console.log(`Restore into:       ${companyFilePath(dataDir)} (the current file is backed up first)`);
      if (values.yes !== true) {
        if (!process.stdin.isTTY) {
          console.error('trade-records restore: not restored — no one to confirm on this terminal. Pass --yes to restore without asking.');
          return 1;
        }
        if (!(await askYesNo('Restore? [y/N] '))) {
          console.error('trade-records restore: not restored; nothing was changed.');
          return 1;
        }
      }
      const r = await restoreFrom(dataDir, info.file);
      console.log(`Restored:           ${r.restored.file}`);
      console.log(`Previous file kept: ${r.safetyBackup ?? '(there was no company file)'}`);
      if (r.migrationBackup) console.log(`Backup before migrating: ${r.migrationBackup}`);
      console.log(`Integrity:          ${r.check.integrity.join('; ')}`);
      console.log(`Foreign keys:       ${r.check.foreignKeyProblems === 0 ? 'ok' : `${r.check.foreignKeyProblems} broken references`}`);
      return r.check.ok ? 0 : 1;
    },
  },
};

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function printCounts(counts: BackupCounts): void {
  for (const [what, n] of Object.entries(counts)) console.log(`${(what + ':').padEnd(20)}${n}`);
}

function printBackupInfo(info: BackupInfo): void {
  console.log(`Backup file:        ${info.file}`);
  console.log(`Size:               ${formatBytes(info.bytes)}`);
  console.log(`Company:            ${info.company ?? '(not set up)'}`);
  console.log(
    `Schema version:     ${info.schemaVersion}${info.schemaVersion < info.latestSchemaVersion ? ` (will be upgraded to ${info.latestSchemaVersion})` : ''}`,
  );
  console.log(`Last change:        ${info.lastChange ?? '(no records)'}`);
  printCounts(info.counts);
}

async function askYesNo(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function dataDirOf(values: Record<string, string | boolean | undefined>): string {
  return typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : defaultDataDir();
}

function help(): string {
  const lines = [
    `Trade Records ${APP_VERSION} (贸易台账) — command line`,
    '',
    'Usage: trade-records <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}\n           ${c.usage}`),
    '',
    'Options for every command:',
    `  --data <folder>  the data folder holding company.sqlite (default: ${defaultDataDir()})`,
    '  --help           this text',
    '  --version        the app version',
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(APP_VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command || !Object.prototype.hasOwnProperty.call(commands, name)) {
    console.error(`Unknown command "${name}". Run trade-records --help for the list.`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`${(e as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`${command.summary}\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (e) {
    if (e instanceof AppError || e instanceof Error) {
      console.error(`trade-records ${name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

// Run when executed directly (node out/main/cli.js …), not when imported by a test.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
