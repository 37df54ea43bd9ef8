import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import { autoBackup, backupTo, inspectBackup, KEEP_DAILY, KEEP_MONTHLY, restoreFrom } from '../electron/core/backup';
import { checkCompanyFile } from '../electron/core/check';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openCompanyFile } from '../electron/core/db';
import { AppError } from '../electron/core/errors';
import { companyFilePath } from '../electron/core/paths';
import { fileBytes, ok, tempDir, testCore } from './helpers';

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

/** A data folder whose company has two parties, a product and a sales order. */
async function coreWithData() {
  const core = await testCore();
  const customer = await ok(core, 'parties.create', { roles: ['customer'], nameZh: '客户甲' });
  await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '摊位一' });
  await ok(core, 'products.create', { itemNo: 'X1', nameZh: '杯子' });
  await ok(core, 'orders.create', {
    kind: 'sales',
    partyId: customer.id,
    orderDate: '2026-03-05',
    currency: 'USD',
    rate: '7.1234',
    lines: [{ itemNo: 'X-1', nameEn: 'Sample', quantity: '10', unitPrice: '1' }],
  });
  return { core };
}

function partyNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name_zh FROM party ORDER BY id').all() as { name_zh: string }[]).map((r) => r.name_zh);
  } finally {
    db.close();
  }
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('refused');
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('backupTo', () => {
  it('copies an open company file with its data, verified, under the target name only', async () => {
    const { core } = await coreWithData();
    const outDir = tempDir();
    const out = path.join(outDir, 'sub', 'copy.sqlite');
    const r = await backupTo(core.db, out);
    expect(r.file).toBe(out);
    expect(r.bytes).toBe(fs.statSync(out).size);
    expect(r.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(r.counts.parties).toBe(2);
    expect(r.counts.products).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['copy.sqlite']); // no temp, no -wal/-shm left
    const info = inspectBackup(out);
    expect(info.company).toBe('义乌测试贸易商行');
    expect(info.counts).toEqual(r.counts);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['copy.sqlite']); // inspecting left nothing beside it
    const opened = await openCompanyFile(out);
    try {
      expect(checkCompanyFile(opened.db).ok).toBe(true);
      expect(opened.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    } finally {
      opened.db.close();
    }
  });
});

describe('autoBackup', () => {
  it('writes one backup a day, keeps the month’s first as monthly, and leaves others’ files alone', async () => {
    const core = await testCore();
    const dataDir = core.dataDir;
    const first = await autoBackup(core.db, dataDir, { now: () => new Date(2026, 2, 14, 9, 0) });
    expect(first.written).toBe(true);
    expect(first.daily).toBe(path.join(dataDir, 'backups', 'daily', 'company-2026-03-14.sqlite'));
    expect(first.monthly).toBe(path.join(dataDir, 'backups', 'monthly', 'company-2026-03.sqlite'));
    const before = fileBytes(first.daily);
    await ok(core, 'parties.create', { roles: ['customer'], nameZh: '下午的客户' });
    const again = await autoBackup(core.db, dataDir, { now: () => new Date(2026, 2, 14, 17, 30) });
    expect(again.written).toBe(false);
    expect(again.monthly).toBeUndefined();
    expect(fileBytes(first.daily).equals(before)).toBe(true);
    const next = await autoBackup(core.db, dataDir, { now: () => new Date(2026, 2, 15, 8, 0) });
    expect(next.written).toBe(true);
    expect(next.monthly).toBeUndefined(); // the month already has its copy
    expect(inspectBackup(next.daily).counts.parties).toBe(1);
  });

  it('rotates to the last 30 daily and 12 monthly files over 400 days', async () => {
    const core = await testCore();
    const backupDir = path.join(tempDir(), 'usb');
    fs.mkdirSync(path.join(backupDir, 'daily'), { recursive: true });
    fs.writeFileSync(path.join(backupDir, 'daily', 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(backupDir, 'daily', 'company-old.sqlite'), 'mine too');
    let deleted = 0;
    for (let i = 0; i < 400; i++) {
      const r = await autoBackup(core.db, core.dataDir, { backupDir, now: () => new Date(2025, 0, 1 + i, 10) });
      expect(r.written).toBe(true);
      deleted += r.deleted.length;
    }
    const daily = fs.readdirSync(path.join(backupDir, 'daily')).sort();
    const monthly = fs.readdirSync(path.join(backupDir, 'monthly')).sort();
    // 400 days from 2025-01-01 end on 2026-02-04.
    const dated = daily.filter((n) => /^company-\d{4}-\d{2}-\d{2}\.sqlite$/.test(n));
    expect(dated).toHaveLength(KEEP_DAILY);
    expect(dated[0]).toBe('company-2026-01-06.sqlite');
    expect(dated.at(-1)).toBe('company-2026-02-04.sqlite');
    expect(daily).toContain('notes.txt');
    expect(daily).toContain('company-old.sqlite');
    expect(monthly).toHaveLength(KEEP_MONTHLY);
    expect(monthly[0]).toBe('company-2025-03.sqlite');
    expect(monthly.at(-1)).toBe('company-2026-02.sqlite');
    expect(deleted).toBe(400 - KEEP_DAILY + 14 - KEEP_MONTHLY);
    expect(fs.existsSync(path.join(core.dataDir, 'backups'))).toBe(false); // the chosen folder, not the default
  }, 120_000);
});

describe('inspectBackup refuses what cannot be restored, changing nothing', () => {
  async function goodBackup(): Promise<{ file: string; dataDir: string }> {
    const { core } = await coreWithData();
    const file = path.join(tempDir(), 'good.sqlite');
    await backupTo(core.db, file);
    core.close();
    return { file, dataDir: core.dataDir };
  }

  async function expectRefused(file: string, dataDir: string, message: RegExp) {
    const bytes = fileBytes(file);
    const folder = listing(path.dirname(file));
    const data = listing(dataDir);
    const company = fileBytes(companyFilePath(dataDir));
    expect(refusal(() => inspectBackup(file)).message).toMatch(message);
    await expect(restoreFrom(dataDir, file)).rejects.toThrow(message);
    expect(fileBytes(file).equals(bytes)).toBe(true);
    expect(listing(path.dirname(file))).toEqual(folder);
    expect(listing(dataDir)).toEqual(data);
    expect(fileBytes(companyFilePath(dataDir)).equals(company)).toBe(true);
  }

  it('a truncated file', async () => {
    const { file, dataDir } = await goodBackup();
    const bytes = fileBytes(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(file, dataDir, /is damaged and cannot be restored.*cut short/);
  });

  it('a file with garbage bytes in it', async () => {
    const { file, dataDir } = await goodBackup();
    const bytes = fileBytes(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = pageSize; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    fs.writeFileSync(file, bytes);
    await expectRefused(file, dataDir, /is damaged and cannot be restored/);
  });

  it('a file that is not a database at all', async () => {
    const { dataDir } = await goodBackup();
    const file = path.join(tempDir(), 'letter.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 'not a database '));
    await expectRefused(file, dataDir, /not a SQLite database file/);
  });

  it('a SQLite file of another program', async () => {
    const { dataDir } = await goodBackup();
    const file = path.join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE party (id INTEGER PRIMARY KEY, name_zh TEXT); INSERT INTO party (name_zh) VALUES (\'x\')');
    db.close();
    await expectRefused(file, dataDir, /is a SQLite database but not a Trade Records file/);
  });

  it('a file from a newer app', async () => {
    const { file, dataDir } = await goodBackup();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await expectRefused(file, dataDir, new RegExp(`newer version of Trade Records \\(file schema ${LATEST_SCHEMA_VERSION + 1}`));
  });
});

describe('restoreFrom', () => {
  it('swaps in the backup; what was written after it is only in the safety backup', async () => {
    const { core } = await coreWithData();
    const dataDir = core.dataDir;
    const file = path.join(tempDir(), 'monday.sqlite');
    await backupTo(core.db, file);
    await ok(core, 'parties.create', { roles: ['customer'], nameZh: '备份之后的客户' });
    core.close();

    const info = inspectBackup(file);
    expect(info.counts.parties).toBe(2);
    expect(info.lastChange).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const r = await restoreFrom(dataDir, file, { now: () => new Date(2026, 3, 1, 12, 0, 5) });
    expect(r.restored).toEqual(info);
    expect(r.check.ok).toBe(true);
    expect(r.migrationBackup).toBeUndefined();
    expect(r.safetyBackup).toBe(path.join(dataDir, 'backups', 'before-restore-20260401-120005.sqlite'));

    expect(partyNames(companyFilePath(dataDir))).toEqual(['客户甲', '摊位一']);
    expect(partyNames(r.safetyBackup!)).toEqual(['客户甲', '摊位一', '备份之后的客户']);
    expect(fs.readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const reopened = await testCore({ dataDir, setup: false });
    expect(checkCompanyFile(reopened.db).ok).toBe(true);
    expect((await ok(reopened, 'parties.create', { roles: ['customer'], nameZh: '恢复后' })).id).toBeGreaterThan(0);
  });

  it('migrates a backup from an older schema, with its own pre-migration backup', async () => {
    const oldFile = path.join(tempDir(), 'company.sqlite');
    const old = await openCompanyFile(oldFile, { targetVersion: 1 });
    old.db
      .prepare("INSERT INTO party (roles, name_zh, created_at, updated_at) VALUES (',supplier,', '老摊位', '2025-05-01T08:00:00Z', '2025-06-01T08:00:00Z')")
      .run();
    old.db.close();
    const info = inspectBackup(oldFile);
    expect(info.schemaVersion).toBe(1);
    expect(info.counts).toEqual({ parties: 1, products: 0, orders: 0, payments: 0, shipments: 0 });
    expect(info.lastChange).toBe('2025-06-01T08:00:00Z');

    const core = await testCore();
    const dataDir = core.dataDir;
    core.close();
    const r = await restoreFrom(dataDir, oldFile);
    expect(r.check.ok).toBe(true);
    expect(r.check.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(r.migrationBackup).toBeDefined();
    expect(fs.existsSync(r.migrationBackup!)).toBe(true);
    expect(partyNames(companyFilePath(dataDir))).toEqual(['老摊位']);
  });

  it('restores over a damaged company file, keeping its raw bytes aside', async () => {
    const { core } = await coreWithData();
    const dataDir = core.dataDir;
    const file = path.join(tempDir(), 'good.sqlite');
    await backupTo(core.db, file);
    core.close();
    const company = companyFilePath(dataDir);
    const bytes = fileBytes(company);
    for (let i = 4096; i < bytes.length; i++) bytes[i] = 0xa5;
    fs.writeFileSync(company, bytes);
    const r = await restoreFrom(dataDir, file);
    expect(r.safetyBackup).toMatch(/before-restore-\d{8}-\d{6}\.damaged\.sqlite$/);
    expect(fileBytes(r.safetyBackup!).equals(bytes)).toBe(true);
    expect(r.check.ok).toBe(true);
    expect(partyNames(company)).toEqual(['客户甲', '摊位一']);
  });

  it('refuses while the company file is still open, changing nothing', async () => {
    const { core } = await coreWithData();
    const file = path.join(tempDir(), 'b.sqlite');
    await backupTo(core.db, file);
    await ok(core, 'parties.create', { roles: ['customer'], nameZh: '还开着' });
    await expect(restoreFrom(core.dataDir, file)).rejects.toThrow(/is open in Trade Records or another program/);
    expect((core.db.prepare('SELECT count(*) AS n FROM party').get() as { n: number }).n).toBe(3);
    expect(fs.readdirSync(core.dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(core.dataDir, 'backups'))).toEqual([]);
  });
});

describe('CLI backup and restore', () => {
  it('backs up, then restores with --yes', async () => {
    const { core } = await coreWithData();
    const dataDir = core.dataDir;
    core.close();
    const out = path.join(tempDir(), 'cli.sqlite');
    let io = capture();
    expect(await main(['backup', '--data', dataDir, '--out', out])).toBe(0);
    expect(io.out()).toContain(`Backup written:     ${out}`);
    expect(io.out()).toMatch(/Size:\s+\d+\.\d KB/);
    expect(io.out()).toMatch(/parties:\s+2/);
    expect(io.out()).toMatch(/products:\s+1/);

    expect(await main(['backup', '--data', dataDir, '--out', out])).toBe(1); // never overwrites
    expect(io.err()).toMatch(/already exists/);

    const later = await testCore({ dataDir, setup: false });
    await ok(later, 'parties.create', { roles: ['customer'], nameZh: '之后' });
    later.close();

    vi.restoreAllMocks();
    io = capture();
    expect(await main(['restore', out, '--data', dataDir, '--yes'])).toBe(0);
    expect(io.out()).toMatch(/Company:\s+义乌测试贸易商行/);
    expect(io.out()).toMatch(/parties:\s+2/);
    expect(io.out()).toMatch(/Previous file kept: .*before-restore-/);
    expect(io.out()).toMatch(/Integrity:\s+ok/);
    expect(partyNames(companyFilePath(dataDir))).toEqual(['客户甲', '摊位一']);
  });

  it('restore without --yes and no terminal refuses, and a bad file exits 1 with the reason', async () => {
    const { core } = await coreWithData();
    const dataDir = core.dataDir;
    const out = path.join(tempDir(), 'cli.sqlite');
    await backupTo(core.db, out);
    core.close();
    const company = fileBytes(companyFilePath(dataDir));
    const isTTY = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    try {
      const io = capture();
      expect(await main(['restore', out, '--data', dataDir])).toBe(1);
      expect(io.out()).toMatch(/parties:\s+2/); // it says what the file holds first
      expect(io.err()).toMatch(/Pass --yes/);
    } finally {
      if (isTTY) Object.defineProperty(process.stdin, 'isTTY', isTTY);
      else delete (process.stdin as { isTTY?: boolean }).isTTY;
    }
    expect(fileBytes(companyFilePath(dataDir)).equals(company)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);

    const junk = path.join(tempDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'hello');
    const io = capture();
    expect(await main(['restore', junk, '--data', dataDir, '--yes'])).toBe(1);
    expect(io.err()).toMatch(/trade-records restore: .*not a Trade Records backup/);
    expect(fileBytes(companyFilePath(dataDir)).equals(company)).toBe(true);
  });
});
