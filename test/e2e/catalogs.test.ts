/**
 * The message catalogs stay complete: Chinese and English have the same keys and the same {{variables}},
 * every key the renderer names exists, and the renderer has no Chinese text of its own (all user-visible
 * text goes through shared/i18n, so Arabic and Russian can be added as catalogs only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isApiName, PARTY_ROLES } from '../../shared/api';
import { catalogs, createI18n, UI_LANGUAGES } from '../../shared/i18n';
import { SCREENS } from '../../renderer/src/screens';

const RENDERER_SRC = path.resolve(__dirname, '..', '..', 'renderer', 'src');

function flatten(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Source without comments (good enough for our code: no "//" or "/*" inside strings that matter here). */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const zh = flatten(catalogs.zh);
const en = flatten(catalogs.en);
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [lang, map] of [['zh', zh], ['en', en]] as const) {
      for (const [k, v] of map) expect(v.trim(), `${lang}:${k}`).not.toBe('');
    }
  });

  it('use the same {{variables}} in both languages', () => {
    for (const [k, v] of zh) expect(variables(v), k).toEqual(variables(en.get(k) ?? ''));
  });

  it('have every key the renderer names', () => {
    const namespaces = Object.keys(catalogs.zh);
    const literal = new RegExp(`['"\`]((?:${namespaces.join('|')})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');
    const used = new Set<string>();
    for (const file of sourceFiles(RENDERER_SRC)) {
      for (const m of stripComments(fs.readFileSync(file, 'utf8')).matchAll(literal)) {
        if (!isApiName(m[1])) used.add(m[1] as string); // 'app.info' is a call, not a message
      }
    }
    // keys built at run time
    for (const r of PARTY_ROLES) used.add(`party.roles.${r}`);
    for (const l of UI_LANGUAGES) used.add(`lang.${l}`);
    for (const s of SCREENS) used.add(`nav.${s}`);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !zh.has(k) || !en.has(k));
    expect(missing).toEqual([]);
  });

  it('carry AG Grid locale text in both languages', () => {
    for (const key of ['noRowsToShow', 'loadingOoo', 'filterOoo', 'equals', 'contains', 'applyFilter']) {
      expect(zh.get(`agGrid.${key}`), key).toBeTruthy();
      expect(en.get(`agGrid.${key}`), key).toBeTruthy();
    }
  });

  it('leave no Chinese text in renderer code (it belongs in the catalogs)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(RENDERER_SRC)) {
      stripComments(fs.readFileSync(file, 'utf8'))
        .split('\n')
        .forEach((line, i) => {
          if (/[\u3400-\u9fff\uff00-\uffef]/.test(line) && !/normalizeDecimalInput|FULL_WIDTH|replace\(\/\[/.test(line)) {
            offenders.push(`${path.relative(RENDERER_SRC, file)}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    expect(offenders).toEqual([]);
  });

  it('work through createI18n, with English as the fallback', () => {
    const zhI18n = createI18n('zh');
    expect(zhI18n.t('nav.products')).toBe('商品');
    expect(zhI18n.t('common.created', { name: '阿里' })).toBe('已新增：阿里');
    expect(createI18n('en').t('nav.products')).toBe('Products');
  });
});
