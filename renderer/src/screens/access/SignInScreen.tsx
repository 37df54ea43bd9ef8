/**
 * The sign-in screen (once the owner has a PIN): pick who you are, type the PIN on the keyboard or the pad,
 * Enter signs in. Also the lock screen over the app after the idle minutes: the screen underneath stays as it
 * was, so the same user signing in again finds an unsaved form where they left it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser, SignInResult } from '../../../../shared/users';
import { ApiCallError, call } from '../../api';
import { describeError, translateMessage } from '../../lib/errors';
import './access.css';

interface Props {
  companyName: string;
  users: SessionUser[];
  /** the user to preselect (the one who was signed in before the lock) */
  lastUserId?: number | undefined;
  /** why this screen is shown (locked after idle minutes, signed out) */
  reason?: string | undefined;
  /** shown when the app underneath has unsaved changes */
  unsavedWarning?: string | undefined;
  onSignedIn: (r: SignInResult) => void;
}

const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function userLabel(t: (k: string) => string, u: SessionUser): string {
  return u.role === 'owner' ? t('access.ownerName') : u.name;
}

export function SignInScreen({ companyName, users, lastUserId, reason, unsavedWarning, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<number | undefined>(lastUserId ?? users[0]?.id);
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => pinRef.current?.focus(), [userId]);

  async function submit() {
    if (userId === undefined || busy) return;
    if (pin === '') {
      setError(t('access.pinRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const r = await call('auth.signIn', { userId, pin });
      onSignedIn(r);
    } catch (e) {
      setPin('');
      const pinIssue = e instanceof ApiCallError ? e.issues.find((i) => i.path === 'pin') : undefined;
      setError(pinIssue ? translateMessage(t, pinIssue.message) : describeError(t, e));
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function press(key: (typeof PAD)[number]) {
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + key : p));
    pinRef.current?.focus();
  }

  return (
    <div className="signin-screen" data-screen="signin" role="dialog" aria-modal="true" aria-labelledby="signin-title">
      <form
        className="signin-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="signin-company">{companyName}</div>
        <h1 id="signin-title">{t('access.signInTitle')}</h1>
        {reason && (
          <p className="signin-reason" role="status">
            {reason}
          </p>
        )}
        {unsavedWarning && (
          <p className="signin-unsaved" role="alert">
            {unsavedWarning}
          </p>
        )}
        <div className="signin-users" role="radiogroup" aria-label={t('access.whoAreYou')}>
          {users.map((u) => (
            <button
              key={u.id}
              type="button"
              role="radio"
              aria-checked={userId === u.id}
              data-user={u.name}
              onClick={() => {
                setUserId(u.id);
                setPin('');
                setError('');
              }}
            >
              <span className="signin-user-name">{userLabel(t, u)}</span>
              {u.role === 'clerk' && <span className="signin-user-role">{t('access.roles.clerk')}</span>}
            </button>
          ))}
        </div>
        <label htmlFor="signin-pin" className="field-label">
          {t('access.pin')}
        </label>
        <input
          ref={pinRef}
          id="signin-pin"
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          aria-invalid={error !== ''}
          aria-describedby={error ? 'signin-error' : undefined}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
        <div className="pin-pad" aria-hidden="true">
          {PAD.map((k) => (
            <button key={k} type="button" tabIndex={-1} data-key={k} onClick={() => press(k)}>
              {k === 'clear' ? t('access.padClear') : k === 'back' ? '⌫' : k}
            </button>
          ))}
        </div>
        {error && (
          <div id="signin-error" className="field-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary signin-submit" disabled={busy || userId === undefined}>
          {busy ? t('access.signingIn') : t('access.signIn')}
        </button>
      </form>
    </div>
  );
}
