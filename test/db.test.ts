import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openCompanyFile } from '../electron/core/db';
import { migrations } from '../electron/core/migrations';
import { openCore } from '../electron/core';
import { companyFilePath } from '../electron/core/paths';
import { tempDir } from './helpers';

describe('company file', () => {
  it('creates a new file at the latest schema with the money-safe pragmas', async () => {
    const file = path.join(tempDir(), 'company.sqlite');
    const { db, fromVersion, toVersion, backupFile } = await openCompanyFile(file);
    try {
      expect(fromVersion).toBe(0);
      expect(toVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(backupFile).toBeUndefined(); // nothing to back up in a new file
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      expect(recorded.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    } finally {
      db.close();
    }
  });

  for (const earlier of migrations.slice(0, -1)) {
    it(`upgrades a file from schema ${earlier.version}, backing it up first and keeping its data`, async () => {
      const file = path.join(tempDir(), 'company.sqlite');
      const old = await openCompanyFile(file, { targetVersion: earlier.version });
      old.db
        .prepare(
          "INSERT INTO party (roles, name_zh, created_at, updated_at) VALUES (',supplier,', '小商品摊位', '2026-01-01', '2026-01-01')",
        )
        .run();
      old.db.close();

      const { db, fromVersion, toVersion, backupFile } = await openCompanyFile(file);
      try {
        expect(fromVersion).toBe(earlier.version);
        expect(toVersion).toBe(LATEST_SCHEMA_VERSION);
        expect((db.prepare('SELECT name_zh FROM party').get() as { name_zh: string }).name_zh).toBe('小商品摊位');
      } finally {
        db.close();
      }
      // The backup is the file as it was before the upgrade: old schema, same data.
      expect(backupFile).toBeDefined();
      expect(path.dirname(backupFile!)).toBe(path.dirname(file));
      const bak = new Database(backupFile!, { readonly: true });
      try {
        expect(bak.pragma('user_version', { simple: true })).toBe(earlier.version);
        expect((bak.prepare('SELECT count(*) AS n FROM party').get() as { n: number }).n).toBe(1);
      } finally {
        bak.close();
      }
    });
  }

  it('refuses a file from a newer version of the app and leaves it untouched', async () => {
    const dir = tempDir();
    const file = companyFilePath(dir);
    const { db } = await openCompanyFile(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = fs.readFileSync(file);
    await expect(openCore({ dataDir: dir })).rejects.toThrow(/newer version of Trade Records.*not changed/s);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a SQLite file that is not a Trade Records file', async () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    other.close();
    await expect(openCompanyFile(file)).rejects.toThrow(/not a Trade Records company file/);
  });

  it('refuses a damaged file with a clear message instead of crashing', async () => {
    const file = path.join(tempDir(), 'company.sqlite');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('this is not sqlite at all '), Buffer.alloc(4096, 7)]));
    await expect(openCompanyFile(file)).rejects.toThrow(/damaged or is not a database/);
  });

  it('rolls back a failing migration completely and does not mark it applied', async () => {
    const file = path.join(tempDir(), 'company.sqlite');
    const broken = [...migrations, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE x (a); INSERT INTO nope VALUES (1);' }];
    await expect(openCompanyFile(file, { migrations: broken })).rejects.toThrow(/Migration .* failed and was rolled back/);
    const db = new Database(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'x'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
