/**
 * The one place that decides how a record is named on screen: parties and products have names in Chinese and
 * English (record content, not UI text), and the screen shows the name in the UI language where there is one,
 * else the other. Rows the core sends with a ready-made party name (orders, payments, balances, claims,
 * shipments: Chinese first) are renamed through usePartyNames by their party id.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Party, Product } from '../../../shared/api';
import { call } from '../api';
import { useAppState } from '../context';

export interface TwoNames {
  nameZh: string;
  nameEn: string;
}

/** The name in the UI language when it has one, else the other ('' when both are empty). */
export function localName(r: TwoNames, lang: string): string {
  return lang === 'zh' ? r.nameZh || r.nameEn : r.nameEn || r.nameZh;
}

/** The other language's name, when it differs (shown beside the local one in pickers). */
export function otherName(r: TwoNames, lang: string): string {
  const other = lang === 'zh' ? r.nameEn : r.nameZh;
  return other === localName(r, lang) ? '' : other;
}

export function partyName(p: Pick<Party, 'nameZh' | 'nameEn'>, lang: string): string {
  return localName(p, lang) || '—';
}

/** "A-1001 Plastic toy car": item no. and the local name. */
export function productName(p: Pick<Product, 'itemNo' | 'nameZh' | 'nameEn'>, lang: string): string {
  return [p.itemNo, localName(p, lang)].filter(Boolean).join(' ');
}

let known = new Map<number, TwoNames>();
/** one request for the screens and cards that mount together */
let loading: Promise<Map<number, TwoNames>> | null = null;

/**
 * (id, fallback) → the party's name in the UI language. Loads every party's two names once per mount (the
 * last list is kept for the next screen, so names do not flicker); `fallback` (the core's name) until then.
 */
export function usePartyNames(): (id: number | null | undefined, fallback?: string) => string {
  const { language } = useAppState();
  const [names, setNames] = useState(known);
  useEffect(() => {
    let live = true;
    loading ??= call('parties.list', { includeArchived: true })
      .then((list) => {
        known = new Map(list.map((p) => [p.id, { nameZh: p.nameZh, nameEn: p.nameEn }]));
        return known;
      })
      .finally(() => {
        loading = null;
      });
    loading.then((map) => live && setNames(map)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return useCallback(
    (id, fallback = '') => {
      const p = id === null || id === undefined ? undefined : names.get(id);
      return p ? localName(p, language) || fallback : fallback;
    },
    [names, language],
  );
}

/** [id field, name field] of a row: ['partyId', 'partyName'], ['stallId', 'stallName'] … */
export type NamePair<T> = readonly [keyof T & string, keyof T & string];

/**
 * The rows with their party names in the UI language (fields: a constant list of [id field, name field]).
 * A row whose names do not change is kept as it is.
 */
export function useNamedRows<T extends object>(rows: T[], fields: readonly NamePair<T>[]): T[] {
  const name = usePartyNames();
  return useMemo(
    () =>
      rows.map((r) => {
        let out = r;
        for (const [idKey, nameKey] of fields) {
          const id = r[idKey] as unknown;
          const current = r[nameKey] as unknown;
          if (typeof id !== 'number' || typeof current !== 'string') continue;
          const local = name(id, current);
          if (local !== current) {
            if (out === r) out = { ...r };
            (out as Record<string, unknown>)[nameKey] = local;
          }
        }
        return out;
      }),
    [rows, name, fields],
  );
}
