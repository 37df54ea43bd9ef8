import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../electron/server';
import { TOKEN_HEADER } from '../shared/bridge';
import { tempDir } from './helpers';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<RunningServer> {
  const rendererDir = tempDir('tr-renderer-');
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<html><head><meta name="trade-records-token" content="%TRADE_RECORDS_TOKEN%"></head><body>app</body></html>',
  );
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ dataDir: tempDir(), rendererDir, port: 0 });
  return server;
}

function post(s: RunningServer, name: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: s.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('browser mode HTTP binding', () => {
  it('listens on 127.0.0.1 only and injects the per-run token into the page with a CSP', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(s.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain(`content="${s.token}"`);
    expect(s.token).toMatch(/^[0-9a-f]{64}$/);
    expect(await (await fetch(`${s.url}assets/app.js`)).text()).toBe('console.log(1)');
  });

  it('serves the same API map: a created party comes back from the list', async () => {
    const s = await start();
    await post(s, 'company.setup', { nameZh: '义乌星辰贸易' });
    const created = await post(s, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS' });
    expect(created.status).toBe(200);
    const list = await (await post(s, 'parties.list', {})).json();
    expect(list).toMatchObject({ ok: true, value: [{ nameEn: 'Olga Petrova', country: 'RUS', roles: ['customer'] }] });
  });

  it('refuses calls without the token, from another origin or for another host, and writes nothing', async () => {
    const s = await start();
    const noToken = await post(s, 'company.setup', { nameZh: 'x' }, { [TOKEN_HEADER]: '' });
    expect(noToken.status).toBe(401);
    const wrongToken = await post(s, 'company.setup', { nameZh: 'x' }, { [TOKEN_HEADER]: 'f'.repeat(64) });
    expect(wrongToken.status).toBe(401);
    const crossOrigin = await post(s, 'company.setup', { nameZh: 'x' }, { origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: s.port, path: '/api/company.get', method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', [TOKEN_HEADER]: s.token } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect(await s.core.call('company.get', {})).toEqual({ ok: true, value: null });
  });

  it('answers a bad argument with a validation error naming the field, and writes nothing', async () => {
    const s = await start();
    await post(s, 'company.setup', { nameZh: '义乌星辰贸易' });
    const res = await post(s, 'products.create', { itemNo: 'A-1', nameZh: '玩具', hsCode: '9503' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'validation', message: 'hsCode: HS code must be exactly 10 digits', issues: [{ path: 'hsCode', message: 'HS code must be exactly 10 digits', key: 'errors.hsCode' }] },
    });
    const unknownField = await (await post(s, 'products.create', { itemNo: 'A-1', nameZh: '玩具', price: '1' })).json();
    expect(unknownField.error.code).toBe('validation');
    expect(unknownField.error.message).toMatch(/price/);
    const notJson = await post(s, 'products.create', '{"itemNo": ');
    expect(notJson.status).toBe(400);
    const unknownCall = await post(s, '__proto__', {});
    expect(unknownCall.status).toBe(404);
    expect(await s.core.call('products.list', { includeArchived: true })).toEqual({ ok: true, value: [] });
  });

  it('answers odd paths without crashing', async () => {
    const s = await start();
    const http = await import('node:http');
    for (const p of ['//', '//evil.example/x', '/%', '/api/%E0%A4%A']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: s.port, path: p, method: 'GET', headers: { host: `127.0.0.1:${s.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect([200, 400, 404, 405]).toContain(status);
    }
    expect((await fetch(s.url)).status).toBe(200); // still serving
  });

  it('does not serve files outside the renderer folder', async () => {
    const s = await start();
    for (const p of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret.txt']) {
      const res = await fetch(`${s.url.slice(0, -1)}${p}`);
      expect([200, 404]).toContain(res.status);
      const body = await res.text();
      expect(body).not.toContain('root:');
    }
  });
});
