/**
 * Issue 6, backups and restore in the window, and start-up on a damaged company file, through the CoreHolder
 * that the window (electron/main) and browser mode (electron/server) keep:
 *  - the backup folder setting (refused when relative or unwritable), "Back up now", the list with what each
 *    backup holds;
 *  - backup.restore closes the core, swaps the file (the current one backed up first), opens a new core: the
 *    records are the backup's, the undo list is empty, a damaged or foreign file is refused and nothing changes;
 *  - a truncated company file and one with garbage bytes do not throw: the holder stays up in recovery mode,
 *    answers recovery.status with the latest verified backup, refuses everything else, and recovery.restore
 *    keeps the damaged file aside (renamed, never deleted) and opens the backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHolder } from '../electron/core/holder';
import { companyFilePath } from '../electron/core/paths';
import type { ApiArg, ApiName, ApiResult } from '../shared/api';
import { tempDir } from './helpers';

const holders: CoreHolder[] = [];
afterEach(() => {
  for (const h of holders.splice(0)) h.close();
});

async function open(dataDir = tempDir()): Promise<CoreHolder> {
  const h = await CoreHolder.open({ dataDir, log: () => {} });
  holders.push(h);
  return h;
}

async function ok<N extends ApiName>(h: CoreHolder, name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  const r = await h.callRaw(name, arg);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as ApiResult<N>;
}

/** A company with two parties, and a backup made of it through the API. */
async function companyWithBackup() {
  const h = await open();
  await ok(h, 'company.setup', { nameZh: '义乌备份测试商行', baseCurrency: 'CNY', language: 'zh' });
  await ok(h, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova' });
  await ok(h, 'parties.create', { roles: ['supplier'], nameZh: '义乌某某玩具' });
  const backup = await ok(h, 'backup.now', {});
  return { h, backup };
}

describe('backups in the window', () => {
  it('backs up now into the backup folder and lists what each backup holds', async () => {
    const { h, backup } = await companyWithBackup();
    expect(path.dirname(backup.file)).toBe(path.join(h.dataDir, 'backups'));
    expect(path.basename(backup.file)).toMatch(/^company-manual-\d{8}-\d{6}\.sqlite$/);
    const status = await ok(h, 'backup.status', {});
    expect(status).toMatchObject({ folder: path.join(h.dataDir, 'backups'), custom: false, keepDaily: 30, keepMonthly: 12 });
    expect(status.backups.map((b) => [b.name, b.kind, b.info?.company, b.info?.counts.parties])).toEqual([[path.basename(backup.file), 'manual', '义乌备份测试商行', 2]]);
    expect(status.backups[0]!.info?.lastChange).toBeTruthy();
  });

  it('takes a chosen folder (a USB drive), refuses a relative or unwritable one, and goes back to the default', async () => {
    const { h } = await companyWithBackup();
    const usb = path.join(tempDir(), 'E', '贸易台账备份');
    const set = await ok(h, 'backup.setFolder', { folder: usb });
    expect(set).toMatchObject({ folder: usb, custom: true, backups: [] });
    const b = await ok(h, 'backup.now', {});
    expect(path.dirname(b.file)).toBe(usb);
    // the setting is in the company file and survives a restart
    h.close();
    const again = await open(h.dataDir);
    expect((await ok(again, 'backup.status', {})).folder).toBe(usb);

    const relative = await again.callRaw('backup.setFolder', { folder: 'backups' });
    expect(relative.ok || relative.error.issues?.[0]?.path).toBe('folder');
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'x');
    const unwritable = await again.callRaw('backup.setFolder', { folder: path.join(blocker, 'sub') });
    expect(unwritable.ok || unwritable.error.issues?.[0]).toMatchObject({ path: 'folder', message: expect.stringMatching(/cannot write into/) });
    expect((await ok(again, 'backup.status', {})).folder).toBe(usb);
    expect(await ok(again, 'backup.setFolder', { folder: '' })).toMatchObject({ folder: path.join(h.dataDir, 'backups'), custom: false });
  });

  it('restores a backup: the records are the backup’s, the current file was backed up first, a new session', async () => {
    const { h, backup } = await companyWithBackup();
    await ok(h, 'parties.create', { roles: ['agent'], nameZh: '写在备份之后' });
    expect((await ok(h, 'undo.state', {})).available).toBeGreaterThan(0);
    const before = h.core;

    const info = await ok(h, 'backup.inspect', { file: backup.file });
    expect(info).toMatchObject({ company: '义乌备份测试商行', counts: { parties: 2 } });
    const r = await ok(h, 'backup.restore', { file: backup.file });
    expect(r.check).toEqual({ ok: true, problems: [] });
    expect(r.keptAside).toBeNull();
    expect(h.core).not.toBe(before);
    expect((await ok(h, 'parties.list', {})).map((p) => p.nameZh || p.nameEn).sort()).toEqual(['Olga Petrova', '义乌某某玩具']);
    expect((await ok(h, 'undo.state', {})).available).toBe(0);
    // what was written after the backup is in the safety copy
    expect(r.safetyBackup).toMatch(/before-restore-\d{8}-\d{6}\.sqlite$/);
    const safety = await ok(h, 'backup.inspect', { file: r.safetyBackup! });
    expect(safety.counts.parties).toBe(3);
  });

  it('refuses a damaged or foreign backup and changes nothing', async () => {
    const { h, backup } = await companyWithBackup();
    const bytes = fs.readFileSync(backup.file);
    const cut = path.join(tempDir(), 'cut.sqlite');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const letter = path.join(tempDir(), 'letter.sqlite');
    fs.writeFileSync(letter, Buffer.alloc(8192, 'not a database '));
    const core = h.core;
    const company = fs.readFileSync(companyFilePath(h.dataDir));
    for (const [file, message] of [
      [cut, /is damaged and cannot be restored.*cut short/],
      [letter, /not a SQLite database file/],
      [path.join(tempDir(), 'missing.sqlite'), /does not exist/],
    ] as const) {
      const r = await h.callRaw('backup.restore', { file });
      expect(r.ok || r.error).toMatchObject({ code: 'refused', message: expect.stringMatching(message) });
    }
    expect(h.core).toBe(core);
    expect((await ok(h, 'parties.list', {})).length).toBe(2);
    expect(fs.readFileSync(companyFilePath(h.dataDir)).equals(company)).toBe(true);
  });
});

describe('start-up on a damaged company file', () => {
  async function damagedWithBackup(damage: (file: string) => void) {
    const { h } = await companyWithBackup();
    // an older backup that fails the full check must not be the one offered
    const status = await ok(h, 'backup.status', {});
    const good = status.backups[0]!.file;
    const broken = path.join(path.dirname(good), 'company-manual-20991231-000000.sqlite');
    fs.writeFileSync(broken, fs.readFileSync(good).subarray(0, 3000));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(broken, later, later);
    h.close();
    const file = companyFilePath(h.dataDir);
    damage(file);
    const damagedBytes = fs.readFileSync(file);
    const again = await open(h.dataDir);
    return { h: again, dataDir: h.dataDir, file, damagedBytes, good };
  }

  for (const [label, damage, said] of [
    ['a truncated file', (f: string) => fs.writeFileSync(f, fs.readFileSync(f).subarray(0, Math.floor(fs.statSync(f).size / 2))), /cut short/],
    [
      'a file with garbage bytes',
      (f: string) => {
        const b = fs.readFileSync(f);
        for (let i = 0; i < 4096; i++) b[i] = (i * 7919) % 251;
        fs.writeFileSync(f, b);
      },
      /first bytes were overwritten/,
    ],
    [
      'garbage inside an otherwise whole file',
      (f: string) => {
        const b = fs.readFileSync(f);
        const page = b.readUInt16BE(16);
        for (let i = page; i < b.length; i++) b[i] = (i * 7919) % 251;
        fs.writeFileSync(f, b);
      },
      /damaged/,
    ],
  ] as const) {
    it(`${label}: recovery mode offers the latest verified backup and restores it, keeping the damaged file`, async () => {
      const { h, dataDir, file, damagedBytes, good } = await damagedWithBackup(damage);
      expect(h.damaged).toMatch(said);
      expect(() => h.core).toThrow(/damaged/);
      const refused = await h.callRaw('parties.list', {});
      expect(refused.ok || refused.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/Restore a backup first/) });

      const status = await ok(h, 'recovery.status', {});
      expect(status).toMatchObject({ damaged: true, companyFile: file, latest: { file: good, company: '义乌备份测试商行' } });
      expect(status.message).toMatch(said);
      // the newest file in the folder is cut short: listed with its problem, not offered
      expect(status.backups[0]).toMatchObject({ name: 'company-manual-20991231-000000.sqlite', problem: expect.stringMatching(/cut short|too short/) });
      // the damaged file itself was not touched by looking
      expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);

      const r = await ok(h, 'recovery.restore', { file: good });
      expect(r.keptAside).toMatch(/company\.sqlite\.damaged-\d{8}-\d{6}$/);
      expect(fs.readFileSync(r.keptAside!).equals(damagedBytes)).toBe(true);
      expect(h.damaged).toBeNull();
      expect((await ok(h, 'recovery.status', {})).damaged).toBe(false);
      expect((await ok(h, 'parties.list', {})).length).toBe(2);
      expect(fs.readdirSync(dataDir).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
    });
  }

  it('looks in the folder the user chose (noted beside the file) and in the default one', async () => {
    const { h } = await companyWithBackup();
    const usb = path.join(tempDir(), 'usb');
    await ok(h, 'backup.setFolder', { folder: usb });
    const onUsb = await ok(h, 'backup.now', {});
    h.close();
    fs.writeFileSync(companyFilePath(h.dataDir), Buffer.alloc(8192, 'garbage '));
    const again = await open(h.dataDir);
    const status = await ok(again, 'recovery.status', {});
    expect(status).toMatchObject({ damaged: true, backupFolder: usb });
    expect(status.backups.map((b) => path.dirname(b.file)).sort()).toEqual([path.join(h.dataDir, 'backups'), usb].sort());
    expect(status.latest?.file).toBe(onUsb.file);
  });

  it('a damaged file with no backup: recovery says so and a foreign file is refused', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(companyFilePath(dataDir), Buffer.alloc(8192, 'garbage '));
    const h = await open(dataDir);
    const status = await ok(h, 'recovery.status', {});
    expect(status).toMatchObject({ damaged: true, latest: null, backups: [] });
    const other = path.join(tempDir(), 'other.sqlite');
    fs.writeFileSync(other, Buffer.alloc(8192, 'x'));
    const r = await h.callRaw('recovery.restore', { file: other });
    expect(r.ok || r.error.code).toBe('refused');
    expect(h.damaged).toBeTruthy();
    expect(fs.readFileSync(companyFilePath(dataDir)).subarray(0, 8).toString()).toBe('garbage ');
  });

  it('recovery.restore is refused while the file is fine', async () => {
    const { h, backup } = await companyWithBackup();
    const r = await h.callRaw('recovery.restore', { file: backup.file });
    expect(r.ok || r.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/not damaged/) });
  });
});
