import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import { ok, tempDir, testCore } from './helpers';

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('trade-records CLI', () => {
  it('lists its commands in --help', async () => {
    const io = capture();
    expect(await main(['--help'])).toBe(0);
    expect(io.out()).toMatch(/check/);
    expect(io.out()).toMatch(/web/);
    expect(io.out()).toMatch(/--data <folder>/);
  });

  it('check creates and migrates a new file, then prints counts and integrity', async () => {
    const dir = tempDir();
    const io = capture();
    expect(await main(['check', '--data', dir])).toBe(0);
    expect(io.out()).toMatch(/Integrity:\s+ok/);
    expect(io.out()).toMatch(/parties:\s+0/);
    expect(io.out()).toMatch(/\(not set up yet\)/);
  });

  it('check counts what the app wrote', async () => {
    const dir = tempDir();
    const core = await testCore({ dataDir: dir });
    await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '摊位一' });
    await ok(core, 'products.create', { itemNo: 'X1', nameZh: '杯子' });
    core.close();
    const io = capture();
    expect(await main(['check', '--data', dir])).toBe(0);
    expect(io.out()).toMatch(/Company:\s+义乌测试贸易商行/);
    expect(io.out()).toMatch(/parties:\s+1/);
    expect(io.out()).toMatch(/products:\s+1/);
  });

  it('says what is wrong with a bad command line', async () => {
    const io = capture();
    expect(await main(['frobnicate'])).toBe(2);
    expect(io.err()).toMatch(/Unknown command "frobnicate"/);
    expect(await main(['check', '--colour'])).toBe(2);
    expect(io.err()).toMatch(/Unknown option '--colour'/);
    expect(await main(['web', '--port', 'abc'])).toBe(2);
    expect(io.err()).toMatch(/--port must be a number/);
  });
});
