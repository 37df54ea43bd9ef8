/**
 * Start-up and the shell: read the company (or show the first-start setup), the saved language, then the
 * header, the left navigation and the current screen. The screen is kept in the address (#parties,
 * #products) so a reload stays where the user was.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Company } from '../../shared/api';
import { isUiLanguage, UI_LANGUAGES, type UiLanguage } from '../../shared/i18n';
import { call } from './api';
import { useNotify } from './components/Toasts';
import { ConfirmDialog } from './components/ConfirmDialog';
import { hasUnsavedChanges } from './lib/unsaved';
import { AppContext } from './context';
import { applyLanguage, initialLanguage } from './i18n';
import { describeError } from './lib/errors';
import { SCREENS, type Screen } from './screens';
import { PartiesScreen } from './screens/PartiesScreen';
import { ProductsScreen } from './screens/ProductsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { OrdersScreen } from './screens/orders/OrdersScreen';
import { DashboardScreen } from './screens/money/DashboardScreen';
import { PaymentsScreen } from './screens/money/PaymentsScreen';
import { BalancesScreen } from './screens/money/BalancesScreen';
import { ShipmentsScreen } from './screens/logistics/ShipmentsScreen';
import { ImportsScreen } from './screens/logistics/ImportsScreen';
import { StockScreen } from './screens/logistics/StockScreen';
import { ClaimsScreen } from './screens/logistics/ClaimsScreen';
import { UndoControl } from './screens/safety/UndoControl';

const SCREEN_COMPONENTS: Record<Screen, () => React.JSX.Element> = {
  dashboard: DashboardScreen,
  orders: OrdersScreen,
  payments: PaymentsScreen,
  balances: BalancesScreen,
  shipments: ShipmentsScreen,
  imports: ImportsScreen,
  stock: StockScreen,
  claims: ClaimsScreen,
  reports: ReportsScreen,
  history: HistoryScreen,
  parties: PartiesScreen,
  products: ProductsScreen,
  settings: SettingsScreen,
};

/** The screen named in the address: #orders, or #orders/12 (a screen may read the rest of the hash). */
function screenFromHash(): Screen {
  const h = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (SCREENS as readonly string[]).includes(h) ? (h as Screen) : SCREENS[0];
}

type Boot = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'setup' } | { state: 'ready'; company: Company };

export function App() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [language, setLanguage] = useState<UiLanguage>(initialLanguage);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [screen, setScreen] = useState<Screen>(screenFromHash);
  /** the screen the user asked for while the current one has unsaved changes */
  const [leaving, setLeaving] = useState<Screen | null>(null);
  /** bumped after an undo: the screen mounts again and reads what the file now holds */
  const [reloads, setReloads] = useState(0);

  const start = useCallback(async () => {
    setBoot({ state: 'loading' });
    try {
      const [company, savedLang, appInfo] = await Promise.all([call('company.get', {}), call('ui.get', { key: 'language' }), call('app.info', {})]);
      setInfo(appInfo);
      const lang = isUiLanguage(savedLang) ? savedLang : company && isUiLanguage(company.language) ? company.language : initialLanguage;
      setLanguage(lang);
      await applyLanguage(lang);
      setBoot(company ? { state: 'ready', company } : { state: 'setup' });
    } catch (e) {
      setBoot({ state: 'failed', message: describeError(t, e) });
    }
  }, [t]);

  useEffect(() => {
    void applyLanguage(initialLanguage);
    void start();
    // start once
  }, []);

  useEffect(() => {
    const onHash = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  async function changeLanguage(lang: UiLanguage, persist: boolean) {
    setLanguage(lang);
    await applyLanguage(lang);
    if (persist) {
      try {
        await call('ui.set', { key: 'language', value: lang });
      } catch (e) {
        notify.error(t('errors.languageSaveFailed', { message: describeError(t, e) }));
      }
    }
  }

  function go(s: Screen, force = false) {
    if (!force && hasUnsavedChanges()) {
      setLeaving(s);
      return;
    }
    setLeaving(null);
    window.location.hash = s;
    setScreen(s);
  }

  if (boot.state === 'loading') {
    return <div className="boot">{t('app.loading')}</div>;
  }
  if (boot.state === 'failed') {
    return (
      <div className="boot boot-failed" role="alert">
        <p>{t('app.loadFailed', { message: boot.message })}</p>
        <button type="button" className="primary" onClick={() => void start()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (boot.state === 'setup') {
    return (
      <SetupScreen
        language={language}
        onLanguage={(l) => void changeLanguage(l, false)}
        onDone={(company) => {
          notify.success(t('setup.done'));
          setBoot({ state: 'ready', company });
          void changeLanguage(language, true);
        }}
      />
    );
  }

  const { company } = boot;
  const Current = SCREEN_COMPONENTS[screen];
  const companyName = (language === 'zh' ? company.nameZh || company.nameEn : company.nameEn || company.nameZh) || '';

  return (
    <AppContext.Provider value={{ company, language, setCompany: (c) => setBoot({ state: 'ready', company: c }) }}>
      <div className="shell">
        <header className="app-header">
          <div className="brand">
            <span className="brand-title">{t('app.title')}</span>
            <span className="brand-company" data-testid="company-name">
              {companyName}
            </span>
          </div>
          <div className="header-tools">
            <UndoControl
              onUndone={() => {
                setReloads((n) => n + 1);
                void call('company.get', {}).then((c) => c && setBoot({ state: 'ready', company: c }));
              }}
            />
            <div className="segmented lang-switch" role="group" aria-label={t('app.language')}>
              {UI_LANGUAGES.map((l) => (
                <button key={l} type="button" lang={l} aria-pressed={language === l} data-lang={l} onClick={() => void changeLanguage(l, true)}>
                  {t(`lang.${l}`)}
                </button>
              ))}
            </div>
          </div>
        </header>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {SCREENS.map((s) => (
            <a key={s} href={`#${s}`} aria-current={screen === s ? 'page' : undefined} data-nav={s} onClick={(e) => (e.preventDefault(), go(s))}>
              {t(`nav.${s}`)}
            </a>
          ))}
          {info && (
            <div className="nav-footer" title={t('app.companyFile', { file: info.companyFile })}>
              {t('app.version', { version: info.version })}
            </div>
          )}
        </nav>
        <main className="app-main">
          <Current key={`${screen}-${reloads}`} />
        </main>
        {leaving && (
          <ConfirmDialog
            text={t('common.leaveUnsaved')}
            confirmLabel={t('common.leaveWithoutSaving')}
            danger
            onConfirm={() => go(leaving, true)}
            onCancel={() => setLeaving(null)}
          />
        )}
      </div>
    </AppContext.Provider>
  );
}
