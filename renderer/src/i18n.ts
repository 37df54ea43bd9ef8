/** The renderer's i18next instance, on the shared catalogs (shared/i18n). */
import { initReactI18next } from 'react-i18next';
import { createI18n, defaultLanguage, isRtl, type UiLanguage } from '../../shared/i18n';

export const initialLanguage: UiLanguage = defaultLanguage(typeof navigator === 'undefined' ? undefined : navigator.language);

export const i18n = createI18n(initialLanguage, [initReactI18next]);

/**
 * Switch the UI language and keep the page in step: <html lang="ar" dir="rtl"> mirrors the layout (the
 * stylesheets use logical properties: margin-inline-start, inset-inline-end, …), and the title.
 */
export async function applyLanguage(lang: UiLanguage): Promise<void> {
  await i18n.changeLanguage(lang);
  const html = document.documentElement;
  html.lang = lang === 'zh' ? 'zh-CN' : lang;
  html.dir = isRtl(lang) ? 'rtl' : 'ltr';
  document.title = `${i18n.t('app.title')} · ${i18n.t('app.subtitle')}`;
}
