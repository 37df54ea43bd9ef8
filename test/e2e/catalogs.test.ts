/**
 * The message catalogs stay complete and lean:
 * - every language that has catalog files (zh, en, and ar / ru once written) has every key, with the same
 *   {{variables}}, and plural keys with exactly the plural forms its language has (Intl.PluralRules);
 * - every key the code names exists, and every key a catalog has is named by the code (keys built at run
 *   time, `t(\`claims.kinds.${kind}\`)`, are listed in DYNAMIC below: a new one fails until it is listed);
 * - the renderer has no Chinese text of its own (all user-visible text goes through shared/i18n).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITIES, DOC_LANGUAGES, isApiName, PARTY_ROLES } from '../../shared/api';
import {
  CLAIM_KINDS,
  CLAIM_SETTLEMENTS,
  EXPORT_TRADE_MODES,
  IMPORT_TRADE_MODES,
  ORDER_KINDS,
  ORDER_STATUSES,
  PAYMENT_DIRECTIONS,
  PAYMENT_METHODS,
  SHIPMENT_MODES,
  SHIPMENT_STATUSES,
  VALUE_BASES,
} from '../../shared/trade';
import { CATALOG_LANGUAGES, catalogs, createI18n, formatLocale, UI_LANGUAGES, type UiLanguage } from '../../shared/i18n';
import { SCREENS } from '../../renderer/src/screens';
import { USER_ROLES } from '../../shared/users';
import { IMPORT_ENCODINGS, IMPORT_KINDS } from '../../shared/import';

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_SRC = path.join(ROOT, 'renderer', 'src');
/** Where code that names catalog keys lives: the renderer, the core (Excel headings, documents), shared. */
const CODE_DIRS = [RENDERER_SRC, path.join(ROOT, 'electron'), path.join(ROOT, 'shared')];

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
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Source without comments (good enough for our code: no "//" or "/*" inside strings that matter here). */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const variables = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] as string))].sort();

/** One message of a language: its plain text, or its plural forms (key_one, key_few, …). */
interface Message {
  plain?: string;
  forms: Map<string, string>;
}

function messages(lang: UiLanguage): Map<string, Message> {
  const out = new Map<string, Message>();
  for (const [k, v] of flatten(catalogs[lang])) {
    const m = PLURAL.exec(k);
    const base = m ? k.slice(0, m.index) : k;
    const msg = out.get(base) ?? { forms: new Map<string, string>() };
    if (m) msg.forms.set(m[1] as string, v);
    else msg.plain = v;
    out.set(base, msg);
  }
  return out;
}

const byLang = new Map(CATALOG_LANGUAGES.map((l) => [l, messages(l)] as const));
const en = byLang.get('en') as Map<string, Message>;
const zh = byLang.get('zh') as Map<string, Message>;
const textsOf = (m: Message) => [...(m.plain !== undefined ? [m.plain] : []), ...m.forms.values()];

/**
 * Keys the code builds at run time from a prefix and a value. Each prefix the code builds with
 * `prefix.${…}` must be here: either with the values it is built from (the shared enums, or the list the
 * screen uses), or as FIELDS: a label looked up by a record field's name, where every key under the prefix
 * counts as used (the form / grid asks for the label of whichever field has an issue).
 */
const FIELDS = 'fields' as const;
/** The actions the core writes to the audit log (electron/core/audit.ts callers). */
const AUDIT_ACTIONS = ['create', 'update', 'archive', 'unarchive', 'delete', 'confirm', 'cancel', 'close', 'status', 'receive', 'adjust', 'settle', 'add', 'undo'];
const DYNAMIC: Record<string, readonly string[] | typeof FIELDS> = {
  lang: UI_LANGUAGES,
  nav: SCREENS,
  'party.roles': PARTY_ROLES,
  'payments.direction': PAYMENT_DIRECTIONS,
  'payments.methods': PAYMENT_METHODS,
  'shipments.statuses': SHIPMENT_STATUSES,
  'shipments.modes': SHIPMENT_MODES,
  'shipments.tradeModes': EXPORT_TRADE_MODES,
  'imports.tradeModes': IMPORT_TRADE_MODES,
  'imports.bases': VALUE_BASES,
  'imports.statuses': ['draft', 'received'], // ImportRecord['status']
  'claims.kinds': CLAIM_KINDS,
  'claims.settlements': CLAIM_SETTLEMENTS,
  'claims.settle.explain': CLAIM_SETTLEMENTS,
  'claims.statuses': ['open', 'settled'], // Claim['status']
  'stock.kinds': ['purchase_receipt', 'import_receipt', 'sales_shipment', 'adjustment', 'claim_return'], // StockMove['kind']
  'history.entities': AUDIT_ENTITIES,
  'history.actions': AUDIT_ACTIONS,
  // the undo control's words: one message per audit action (and 'other' for actions without their own), the
  // kind of record in the form those messages take (UndoControl.tsx)
  'safety.undo.label': [...AUDIT_ACTIONS, 'other'],
  'safety.undo.what': [...AUDIT_ACTIONS, 'other'],
  'safety.undo.entity': AUDIT_ENTITIES,
  'docs.languages': DOC_LANGUAGES,
  'access.roles': USER_ROLES,
  'import.kinds': IMPORT_KINDS,
  'import.encodings': IMPORT_ENCODINGS,
  'import.progress': ['read', 'check', 'write'], // the import job's progress labels
  'import.actions': ['create', 'update', 'unchanged', 'line'], // ImportPreview row action
  'import.skip': ['blank', 'totals', 'header'], // SkipReason
  'import.fields': FIELDS,
  'import.partyFields': FIELDS,
  // a refused cell's reason: a code from the core's reading, or the key of the screen's table (import/reasons.ts)
  'import.reasons': FIELDS,
  'safety.backup.kinds': ['daily', 'monthly', 'manual', 'before-restore', 'other'], // BackupKind
  'safety.undo.blocked': ['not_undoable', 'changed_since', 'gone'], // UndoEntry['blocked']
  dashboard: ['newSalesOrder', 'newPurchaseOrder', 'recordPaymentIn', 'newShipment'], // DashboardScreen QUICK_ACTIONS
  'dashboard.kind': ORDER_KINDS,
  'dashboard.status': ORDER_KINDS.flatMap((k) => ORDER_STATUSES.map((s) => `${k}.${s}`)),
  'balances.columns': FIELDS,
  'payments.columns': FIELDS,
  'party.fields': FIELDS,
  'product.fields': FIELDS,
  'orders.fields': FIELDS,
  'orders.lines': FIELDS,
  'orders.prefixes.series': FIELDS,
  'shipments.fields': FIELDS,
  'shipments.lines': FIELDS,
  'imports.fields': FIELDS,
  'imports.lines': FIELDS,
  'claims.fields': FIELDS,
  'stock.adjust': FIELDS,
  'settings.company': FIELDS,
  setup: FIELDS,
  'history.fields': FIELDS,
  // translated with returnObjects: the whole object goes to AG Grid as its localeText
  agGrid: FIELDS,
};

/**
 * Keys written ahead of the screen that will show them: each names who owes the screen. Remove a line when
 * its key is used (the test says so); a key not here and not used fails the test.
 */
const AWAITING_SCREEN: Record<string, string> = {};

/** Files that name keys of the document catalogs (shared/i18n/documents), not of the UI catalogs. */
const DOCUMENT_CODE = /\b(docTexts|DocTexts|documentT)\b/;

/** The keys the code names as literals, and the prefixes it builds keys from. */
function scanCode(): { literal: Set<string>; prefixes: Set<string> } {
  const namespaces = Object.keys(catalogs.en);
  const literalRe = new RegExp(`['"\`]((?:${namespaces.join('|')})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');
  const prefixRe = new RegExp(`\`((?:${namespaces.join('|')})(?:\\.[A-Za-z0-9_]+)*)\\.\\$\\{(?!string\\})`, 'g');
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const dir of CODE_DIRS) {
    for (const file of sourceFiles(dir)) {
      const src = stripComments(fs.readFileSync(file, 'utf8'));
      if (DOCUMENT_CODE.test(src) && !file.startsWith(RENDERER_SRC)) continue;
      for (const m of src.matchAll(literalRe)) literal.add(m[1] as string);
      for (const m of src.matchAll(prefixRe)) prefixes.add(m[1] as string);
    }
  }
  return { literal, prefixes };
}

const code = scanCode();
// 'app.info' is an API call, not a message; 'attachments.add' is both (a key the catalogs have counts as used)
const used = new Set([...code.literal].filter((k) => !isApiName(k) || en.has(k)));
for (const [prefix, values] of Object.entries(DYNAMIC)) {
  if (values !== FIELDS) for (const v of values) used.add(`${prefix}.${v}`);
}
const isUsed = (key: string) =>
  used.has(key) || Object.entries(DYNAMIC).some(([prefix, values]) => values === FIELDS && key.startsWith(`${prefix}.`));

describe('message catalogs', () => {
  it('exist for Chinese and English; other languages show English until their files are written', () => {
    expect(CATALOG_LANGUAGES).toContain('zh');
    expect(CATALOG_LANGUAGES).toContain('en');
    for (const l of UI_LANGUAGES.filter((x) => !CATALOG_LANGUAGES.includes(x))) {
      expect(createI18n(l).t('nav.products'), l).toBe('Products');
    }
  });

  it('have the same keys in every language, none empty', () => {
    const reference = [...en.keys()].sort();
    for (const [lang, map] of byLang) {
      expect([...map.keys()].sort(), lang).toEqual(reference);
      for (const [k, m] of map) for (const v of textsOf(m)) expect(v.trim(), `${lang}:${k}`).not.toBe('');
    }
  });

  it('write plurals with exactly the forms of each language (Intl.PluralRules)', () => {
    const problems: string[] = [];
    for (const [lang, map] of byLang) {
      const categories = new Intl.PluralRules(formatLocale(lang)).resolvedOptions().pluralCategories.map(String).sort();
      for (const [k, m] of map) {
        if (m.forms.size === 0) continue;
        if (m.plain !== undefined) problems.push(`${lang}:${k} has both a plain text and plural forms`);
        const forms = [...m.forms.keys()].sort();
        if (forms.join() !== categories.join()) problems.push(`${lang}:${k} has forms ${forms.join('/')}, ${lang} needs ${categories.join('/')}`);
        if (!variables(m.forms.get('other') ?? '').includes('count')) problems.push(`${lang}:${k}_other does not show {{count}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use the same {{variables}} in every language (a plural form may leave out {{count}}: "one row")', () => {
    const problems: string[] = [];
    for (const [k, ref] of en) {
      const want = variables(textsOf(ref).join(' '));
      for (const [lang, map] of byLang) {
        const m = map.get(k);
        if (!m) continue;
        for (const [form, text] of [...(m.plain !== undefined ? [['', m.plain] as const] : []), ...m.forms]) {
          const got = variables(text);
          const ok = form === '' || form === 'other' ? got.join() === want.join() : got.join() === want.filter((v) => v !== 'count' || got.includes('count')).join();
          if (!ok) problems.push(`${lang}:${k}${form ? `_${form}` : ''} has {{${got.join(', ')}}}, en has {{${want.join(', ')}}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have every key the code names, in every language', () => {
    expect(used.size).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const key of used) for (const [lang, map] of byLang) if (!map.has(key)) missing.push(`${lang}:${key}`);
    expect(missing).toEqual([]);
  });

  it('have no key the code does not name (keys built at run time are listed in DYNAMIC)', () => {
    const unused = [...zh.keys(), ...en.keys()].filter((k, i, all) => all.indexOf(k) === i && !isUsed(k) && !(k in AWAITING_SCREEN));
    expect(unused).toEqual([]);
    const nowUsed = Object.keys(AWAITING_SCREEN).filter((k) => isUsed(k) || !en.has(k));
    expect(nowUsed, 'used (or gone) now: remove them from AWAITING_SCREEN').toEqual([]);
  });

  it('list every prefix the code builds keys from', () => {
    const unlisted = [...code.prefixes].filter((p) => !(p in DYNAMIC));
    expect(unlisted).toEqual([]);
  });

  it('carry AG Grid locale text in every language', () => {
    for (const [lang, map] of byLang) {
      for (const key of ['noRowsToShow', 'loadingOoo', 'filterOoo', 'equals', 'contains', 'applyFilter', 'pinColumn', 'autosizeThisColumn']) {
        expect(map.get(`agGrid.${key}`)?.plain, `${lang}:${key}`).toBeTruthy();
      }
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

  it('pick Arabic and Russian plural forms by count (Intl.PluralRules through i18next)', () => {
    const ru = createI18n('ru');
    ru.addResourceBundle('ru', 'translation', { test: { rows_one: '{{count}} строка', rows_few: '{{count}} строки', rows_many: '{{count}} строк', rows_other: '{{count}} строки' } }, true, true);
    expect([1, 3, 5, 21, 1.5].map((count) => ru.t('test.rows', { count }))).toEqual(['1 строка', '3 строки', '5 строк', '21 строка', '1.5 строки']);
    const ar = createI18n('ar');
    const forms = { zero: 'z', one: 'o', two: 't', few: 'f', many: 'm', other: 'x' };
    ar.addResourceBundle('ar', 'translation', { test: Object.fromEntries(Object.entries(forms).map(([f, v]) => [`rows_${f}`, `${v}{{count}}`])) }, true, true);
    expect([0, 1, 2, 3, 11, 100].map((count) => ar.t('test.rows', { count }))).toEqual(['z0', 'o1', 't2', 'f3', 'm11', 'x100']);
  });
});
