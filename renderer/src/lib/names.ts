/** How a record is named in messages and titles: the name in the UI language, else the other one. */
import type { Party, Product } from '../../../shared/api';

export function partyName(p: Pick<Party, 'nameZh' | 'nameEn'>, lang: string): string {
  return (lang === 'zh' ? p.nameZh || p.nameEn : p.nameEn || p.nameZh) || '—';
}

export function productName(p: Pick<Product, 'itemNo' | 'nameZh' | 'nameEn'>, lang: string): string {
  const name = lang === 'zh' ? p.nameZh || p.nameEn : p.nameEn || p.nameZh;
  return [p.itemNo, name].filter(Boolean).join(' ');
}
