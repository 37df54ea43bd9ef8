/**
 * trade-records — the command line over the same core as the window and browser mode.
 * Built by electron-vite into out/main/cli.js; bin/trade-records.cjs runs it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core';
import { AppError } from '../core/errors';
import { defaultDataDir } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { checkCompanyFile } from '../core/check';
import { DEFAULT_PORT, startServer } from '../server';
import { exportCommand } from './export';

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const dataOption = { data: { type: 'string' as const } };

const commands: Record<string, Command> = {
  check: {
    summary: 'open the company file, run pending migrations, print counts and the integrity check',
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
      console.log(`Company file: ${server.core.companyFile}`);
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
};

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
