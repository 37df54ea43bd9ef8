/** The renderer's i18next instance, on the shared catalogs (shared/i18n). */
import { initReactI18next } from 'react-i18next';
import { createI18n, defaultLanguage, type UiLanguage } from '../../shared/i18n';

export const initialLanguage: UiLanguage = defaultLanguage(typeof navigator === 'undefined' ? undefined : navigator.language);

export const i18n = createI18n(initialLanguage, [initReactI18next]);

/** Switch the UI language and keep the page's lang attribute and title in step. */
export async function applyLanguage(lang: UiLanguage): Promise<void> {
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  document.title = `${i18n.t('app.title')} · ${i18n.t('app.subtitle')}`;
}
