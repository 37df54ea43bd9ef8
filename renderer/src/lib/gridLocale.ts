/**
 * AG Grid's own texts (filter menus, "no rows", column menu, aria labels) in the UI language: AG Grid's
 * translation pack for the language (@ag-grid-community/locale: Simplified Chinese, Arabic (Egypt)),
 * overlaid with our catalogs' `agGrid` keys, which win (the wording our traders know; and Russian, for
 * which AG Grid 36 ships no pack, comes from our catalogs over the English pack).
 */
import type { TFunction } from 'i18next';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EG, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import type { UiLanguage } from '../../../shared/i18n';

const PACKS: Record<UiLanguage, Record<string, string>> = { zh: AG_GRID_LOCALE_CN, en: AG_GRID_LOCALE_EN, ar: AG_GRID_LOCALE_EG, ru: AG_GRID_LOCALE_EN };

export function gridLocaleText(t: TFunction, lang: string): Record<string, string> {
  const pack = PACKS[lang as UiLanguage] ?? AG_GRID_LOCALE_EN;
  return { ...pack, ...(t('agGrid', { returnObjects: true }) as Record<string, string>) };
}
