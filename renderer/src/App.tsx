/**
 * Start-up and the shell: read the company (or show the first-start setup), the saved language, then the
 * header, the left navigation and the current screen. The screen is kept in the address (#parties,
 * #products) so a reload stays where the user was.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiName, AppInfo, Company, RecoveryStatus } from '../../shared/api';
import type { AuthStatus, SessionUser, SignInResult } from '../../shared/users';
import { mayCall } from '../../shared/permissions';
import { isUiLanguage, UI_LANGUAGES, type UiLanguage } from '../../shared/i18n';
import { ApiCallError, call, onSignedOut, setSession } from './api';
import { AccessContext } from './access';
import { SignInScreen, userLabel } from './screens/access/SignInScreen';
import { ChangePinDialog } from './screens/access/ChangePinDialog';
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
import { ImportScreen } from './screens/import/ImportScreen';
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
import { localName } from './lib/names';
import { BackupScreen } from './screens/safety/BackupScreen';
import { RecoveryScreen } from './screens/safety/RecoveryScreen';

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
  import: ImportScreen,
  history: HistoryScreen,
  backup: BackupScreen,
  parties: PartiesScreen,
  products: ProductsScreen,
  settings: SettingsScreen,
};

/** Screens a role sees only when it may make this call (the core refuses the call anyway). */
const SCREEN_NEEDS: Partial<Record<Screen, ApiName>> = {
  imports: 'imports.list',
  reports: 'ledgers.export',
  import: 'import.run',
  history: 'history.list',
  backup: 'backup.status',
  settings: 'company.update',
};
const screenAllowed = (s: Screen, me: SessionUser) => {
  const need = SCREEN_NEEDS[s];
  return need === undefined || mayCall(me.role, need);
};
/** How often the idle check runs, and how often activity keeps the core's session alive. */
const IDLE_CHECK_MS = 5_000;
const TOUCH_MS = 60_000;

/** The screen named in the address: #orders, or #orders/12 (a screen may read the rest of the hash). */
function screenFromHash(): Screen {
  const h = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (SCREENS as readonly string[]).includes(h) ? (h as Screen) : SCREENS[0];
}

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'recovery'; status: RecoveryStatus }
  | { state: 'setup' }
  | { state: 'signin'; company: Company; status: AuthStatus }
  | { state: 'ready'; company: Company; status: AuthStatus & { me: SessionUser } };

/** The lock screen over the app: why, and who can sign in. */
interface Lock {
  reason: string;
  users: SessionUser[];
}

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
  const [lock, setLock] = useState<Lock | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const bootRef = useRef(boot);
  bootRef.current = boot;

  const start = useCallback(async () => {
    setBoot({ state: 'loading' });
    setLock(null);
    try {
      // a damaged company file: the recovery screen instead of the app (electron/core/holder.ts)
      const recovery = await call('recovery.status', {});
      if (recovery.damaged) {
        setBoot({ state: 'recovery', status: recovery });
        return;
      }
      // public calls first: before sign-in only these answer
      const [company, appInfo, status] = await Promise.all([call('company.get', {}), call('app.info', {}), call('auth.status', {})]);
      setInfo(appInfo);
      if (company && status.signInRequired && !status.me) {
        const lang = isUiLanguage(company.language) ? company.language : initialLanguage;
        setLanguage(lang);
        await applyLanguage(lang);
        setBoot({ state: 'signin', company, status });
        return;
      }
      const savedLang = await call('ui.get', { key: 'language' });
      const lang = isUiLanguage(savedLang) ? savedLang : company && isUiLanguage(company.language) ? company.language : initialLanguage;
      setLanguage(lang);
      await applyLanguage(lang);
      setBoot(company && status.me ? { state: 'ready', company, status: { ...status, me: status.me } } : { state: 'setup' });
    } catch (e) {
      setBoot({ state: 'failed', message: describeError(t, e) });
    }
  }, [t]);

  /** Cover the app with the sign-in screen; what is on screen underneath stays as it was. */
  const lockApp = useCallback(
    async (reason: string) => {
      try {
        const status = await call('auth.status', {});
        if (!status.signInRequired) return void start();
        setLock({ reason, users: status.users });
      } catch (e) {
        setBoot({ state: 'failed', message: describeError(t, e) });
      }
    },
    [start, t],
  );

  /** Re-read who is signed in and the idle minutes (after Settings → Users changed them). */
  const refreshAccess = useCallback(async () => {
    const b = bootRef.current;
    if (b.state !== 'ready') return;
    const status = await call('auth.status', {});
    if (!status.me) return void lockApp(t('access.errors.signedOut'));
    setBoot({ ...b, status: { ...status, me: status.me } });
  }, [lockApp, t]);

  async function signOut() {
    setSigningOut(false);
    await call('auth.signOut', {}).catch(() => undefined);
    setSession(undefined);
    notify.clear();
    await start();
  }

  function signedIn(r: SignInResult) {
    setSession(r.session);
    const b = bootRef.current;
    if (lock && b.state === 'ready' && b.status.me.id === r.user.id) {
      // the same user again: back to the screen as it was, unsaved form included
      setLock(null);
      return;
    }
    notify.clear();
    void start();
  }

  // a call answered 'unauthenticated' (signed out elsewhere, the core's idle lock): show the lock screen
  useEffect(
    () =>
      onSignedOut((message) => {
        if (bootRef.current.state === 'ready') void lockApp(describeError(t, new ApiCallError('unauthenticated', message)));
      }),
    [lockApp, t],
  );

  // auto-lock after the idle minutes without keyboard or mouse; activity keeps the core's session alive
  const idleMinutes = boot.state === 'ready' && boot.status.signInRequired ? boot.status.idleMinutes : 0;
  useEffect(() => {
    if (idleMinutes <= 0 || lock) return;
    let last = Date.now();
    let touched = Date.now();
    const active = () => {
      last = Date.now();
      if (last - touched > TOUCH_MS) {
        touched = last;
        void call('auth.status', {}).catch(() => undefined);
      }
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'input'] as const;
    for (const e of events) window.addEventListener(e, active, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last < idleMinutes * 60_000) return;
      void call('auth.signOut', {})
        .catch(() => undefined)
        .then(() => lockApp(t('access.lockedIdle', { minutes: idleMinutes })));
    }, IDLE_CHECK_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, active, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleMinutes, lock, lockApp, t]);

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

  /** Switch without restart: every screen re-renders with the new texts; grids are made anew (locale, RTL). */
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
  if (boot.state === 'recovery') return <RecoveryScreen status={boot.status} />;
  if (boot.state === 'signin') {
    return <SignInScreen companyName={nameOf(boot.company, language)} users={boot.status.users} onSignedIn={signedIn} />;
  }
  if (boot.state === 'setup') {
    return (
      <SetupScreen
        language={language}
        onLanguage={(l) => void changeLanguage(l, false)}
        onDone={(company) => {
          notify.success(t('setup.done'));
          // a new company file has no PIN: the owner, signed in implicitly
          void changeLanguage(language, true).then(() => start());
        }}
      />
    );
  }

  const { company, status } = boot;
  const { me } = status;
  const allowed = screenAllowed(screen, me);
  const Current = SCREEN_COMPONENTS[screen];
  const companyName = nameOf(company, language);
  const access = {
    me,
    signInRequired: status.signInRequired,
    idleMinutes: status.idleMinutes,
    refresh: refreshAccess,
    signOut: () => (hasUnsavedChanges() ? setSigningOut(true) : void signOut()),
  };

  return (
    <AppContext.Provider value={{ company, language, setCompany: (c) => setBoot({ ...boot, company: c }), setLanguage: (l) => void changeLanguage(l, true) }}>
      <AccessContext.Provider value={access}>
      <div className="shell" inert={lock ? true : undefined}>
        <header className="app-header">
          <div className="brand">
            <span className="brand-title">{t('app.title')}</span>
            <span className="brand-company" data-testid="company-name">
              {companyName}
            </span>
          </div>
          <div className="header-tools">
            {mayCall(me.role, 'undo.run') && (
              <UndoControl
                onUndone={() => {
                  setReloads((n) => n + 1);
                  void call('company.get', {}).then((c) => c && setBoot((b) => (b.state === 'ready' ? { ...b, company: c } : b)));
                }}
              />
            )}
            <div className="segmented lang-switch" role="group" aria-label={t('app.language')}>
              {UI_LANGUAGES.map((l) => (
                <button key={l} type="button" lang={l} aria-pressed={language === l} data-lang={l} onClick={() => void changeLanguage(l, true)}>
                  {t(`lang.${l}`)}
                </button>
              ))}
            </div>
            {status.signInRequired && (
              <div className="user-chip" data-testid="current-user">
                <span className="user-chip-name">{userLabel(t, me)}</span>
                {me.role === 'clerk' && <span className="user-chip-role">{t('access.roles.clerk')}</span>}
                <button type="button" className="link-button" onClick={() => setChangingPin(true)} data-action="change-pin">
                  {t('access.changePin')}
                </button>
                <button type="button" onClick={access.signOut} data-action="sign-out">
                  {t('access.signOut')}
                </button>
              </div>
            )}
          </div>
        </header>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {SCREENS.filter((s) => screenAllowed(s, me)).map((s) => (
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
          {allowed ? (
            <Current key={`${screen}-${reloads}`} />
          ) : (
            <div className="screen" data-screen="forbidden">
              <p className="panel-message" role="alert">
                {t('access.screenForbidden')}
              </p>
            </div>
          )}
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
        {signingOut && (
          <ConfirmDialog
            text={t('access.signOutUnsaved')}
            confirmLabel={t('access.signOut')}
            danger
            onConfirm={() => void signOut()}
            onCancel={() => setSigningOut(false)}
          />
        )}
        {changingPin && <ChangePinDialog onClose={() => setChangingPin(false)} />}
      </div>
      {lock && (
        <div className="lock-overlay">
          <SignInScreen
            companyName={companyName}
            users={lock.users}
            lastUserId={me.id}
            reason={lock.reason}
            unsavedWarning={hasUnsavedChanges() ? t('access.unsavedKept', { name: userLabel(t, me) }) : undefined}
            onSignedIn={signedIn}
          />
        </div>
      )}
      </AccessContext.Provider>
    </AppContext.Provider>
  );
}

function nameOf(company: Company, language: UiLanguage): string {
  return localName(company, language);
}

