/** trade-records import: what it prints and its exit codes (issue 5). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import { captureConsole, ok, tempDir, testCore } from './helpers';
import { csvText, simpleXlsx } from './import-fixtures';

afterEach(() => vi.restoreAllMocks());

const capture = captureConsole;

async function setup() {
  const dir = tempDir();
  const core = await testCore({ dataDir: dir });
  await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga Import' });
  core.close();
  return dir;
}

const count = async (dir: string, table: string) => {
  const core = await testCore({ dataDir: dir, setup: false });
  const n = (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  core.close();
  return n;
};

describe('trade-records import', () => {
  it('imports a clean file: prints the mapping and counts, exit 0', async () => {
    const dir = await setup();
    const f = path.join(dir, 'prices.xlsx');
    fs.writeFileSync(f, await simpleXlsx([['公司 报价'], ['货号 Item No.', '品名', '单价 Price'], ['P-1', '杯子', '2.5'], ['P-2', '碗', '3'], ['合计', '', '5.5']]));
    const io = capture();
    expect(await main(['import', f, '--kind', 'products', '--data', dir])).toBe(0);
    expect(io.out()).toMatch(/Header:\s+row 2/);
    expect(io.out()).toMatch(/A\s+货号 Item No\.\s+→ itemNo/);
    expect(io.out()).toMatch(/C\s+单价 Price\s+→ defaultPrice/);
    expect(io.out()).toMatch(/Rows:\s+3 — valid 2 \(new 2, changed 0, unchanged 0\), rejected 0, skipped 1/);
    expect(io.out()).toMatch(/skipped row 5: totals row \(合计\)/);
    expect(io.out()).toMatch(/Written:\s+2 new, 0 changed, 0 unchanged/);
    expect(await count(dir, 'product')).toBe(2);
  });

  it('rows rejected: prints each with row, column and reason, writes nothing, exit 1; --only-valid writes the rest', async () => {
    const dir = await setup();
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(f, csvText([['货号', '品名', 'HS编码'], ['Q-1', '伞', '6601100000'], ['Q-2', '扇', '9503']]));
    const io = capture();
    expect(await main(['import', f, '--kind', 'products', '--data', dir])).toBe(1);
    expect(io.out()).toMatch(/rejected row 3, HS编码: 9503 is not 10 digits/);
    expect(io.err()).toMatch(/Nothing was written: 1 row\(s\) rejected/);
    expect(await count(dir, 'product')).toBe(0);
    expect(await main(['import', f, '--kind', 'products', '--data', dir, '--dry-run'])).toBe(1);
    expect(await count(dir, 'product')).toBe(0);
    expect(await main(['import', f, '--kind', 'products', '--data', dir, '--only-valid'])).toBe(0);
    expect(await count(dir, 'product')).toBe(1);
  });

  it('--dry-run of a clean file exits 0 and writes nothing; order lines need --party', async () => {
    const dir = await setup();
    const f = path.join(dir, 'order.csv');
    fs.writeFileSync(f, csvText([['品名', '数量', '单价'], ['杯子', '100', '2.5']]));
    const io = capture();
    expect(await main(['import', f, '--kind', 'order-lines', '--data', dir])).toBe(2);
    expect(io.err()).toMatch(/--party <name> is required/);
    expect(await main(['import', f, '--kind', 'order-lines', '--party', 'Olga Import', '--dry-run', '--data', dir])).toBe(0);
    expect(await count(dir, 'trade_order')).toBe(0);
    expect(await main(['import', f, '--kind', 'order-lines', '--party', 'olga import', '--data', dir])).toBe(0);
    expect(io.out()).toMatch(/draft order SO-\d{4}-0001 with 1 line\(s\)/);
    expect(await count(dir, 'trade_order')).toBe(1);
    expect(await main(['import', path.join(dir, 'nope.xlsx'), '--kind', 'products', '--data', dir])).toBe(1);
    expect(io.err()).toMatch(/nope\.xlsx: no such file/);
    expect(await main(['import', f, '--kind', 'stock', '--data', dir])).toBe(2);
  });
});
