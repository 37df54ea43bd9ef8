/**
 * Settings → Users (the owner only): the owner's PIN (which turns sign-in on), clerks with their own PINs,
 * disabling a clerk, and the idle minutes before the app locks itself. Everything here is enforced by the
 * core (shared/permissions.ts); this is the owner's way to set it up.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_MINUTES_MAX, type UserInfo } from '../../../../shared/users';
import { call, setSession } from '../../api';
import { useAccess } from '../../access';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { Modal } from '../orders/Modal';
import { digits, PinField, pinErrors, usePinForm } from './ChangePinDialog';
import { userLabel } from './SignInScreen';

type PinTarget = { user: UserInfo; first: boolean };

export function UsersSection() {
  const { t } = useTranslation();
  const notify = useNotify();
  const access = useAccess();
  const [users, setUsers] = useState<UserInfo[] | null>(null);
  const [pinFor, setPinFor] = useState<PinTarget | null>(null);
  const [adding, setAdding] = useState(false);
  const [turningOff, setTurningOff] = useState(false);
  const [idle, setIdle] = useState(String(access.idleMinutes));
  const [idleError, setIdleError] = useState<string | undefined>();

  const load = useCallback(() => {
    call('users.list', {})
      .then(setUsers)
      .catch((e: unknown) => notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
  }, [notify, t]);
  useEffect(load, [load]);
  useEffect(() => setIdle(String(access.idleMinutes)), [access.idleMinutes]);

  const owner = users?.find((u) => u.role === 'owner');
  const signInOn = owner?.hasPin ?? false;

  async function toggle(u: UserInfo) {
    try {
      await call('users.update', { id: u.id, disabled: !u.disabled });
      notify.success(t(u.disabled ? 'access.users.enabled' : 'access.users.disabled', { name: u.name }));
      load();
    } catch (e) {
      notify.error(describeError(t, e));
    }
  }

  async function saveIdle() {
    const n = Number(idle);
    if (!/^\d+$/.test(idle.trim()) || n > IDLE_MINUTES_MAX) {
      setIdleError(t('access.users.idleFormat', { max: IDLE_MINUTES_MAX }));
      return;
    }
    setIdleError(undefined);
    try {
      await call('users.setIdleMinutes', { idleMinutes: n });
      notify.success(t('access.users.idleSaved'));
      await access.refresh();
    } catch (e) {
      notify.error(describeError(t, e));
    }
  }

  async function turnOff() {
    setTurningOff(false);
    if (!owner) return;
    try {
      await call('users.setPin', { id: owner.id, pin: null });
      setSession(undefined);
      notify.success(t('access.users.signInOff'));
      load();
      await access.refresh();
    } catch (e) {
      notify.error(describeError(t, e));
    }
  }

  return (
    <section className="settings-card users-card" data-testid="users-section">
      <h2>{t('access.users.title')}</h2>
      <p>{signInOn ? t('access.users.introOn') : t('access.users.introOff')}</p>
      {users && !signInOn && owner && (
        <button type="button" className="primary" data-action="set-owner-pin" onClick={() => setPinFor({ user: owner, first: true })}>
          {t('access.users.setOwnerPin')}
        </button>
      )}
      {users && signInOn && (
        <>
          <table className="users-table">
            <thead>
              <tr>
                <th>{t('access.users.name')}</th>
                <th>{t('access.users.role')}</th>
                <th>{t('access.users.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user={u.name}>
                  <td>{userLabel(t, u)}</td>
                  <td>{t(`access.roles.${u.role}`)}</td>
                  <td>{u.disabled ? t('access.users.stateDisabled') : u.lockedUntil ? t('access.users.stateLocked') : t('access.users.stateActive')}</td>
                  <td className="users-actions">
                    <button type="button" data-action="set-pin" onClick={() => setPinFor({ user: u, first: false })}>
                      {t('access.users.setPin')}
                    </button>
                    {u.role === 'clerk' && (
                      <button type="button" data-action="toggle" onClick={() => void toggle(u)}>
                        {u.disabled ? t('access.users.enable') : t('access.users.disable')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="settings-actions users-buttons">
            <button type="button" className="primary" data-action="add-clerk" onClick={() => setAdding(true)}>
              {t('access.users.addClerk')}
            </button>
            <button type="button" data-action="sign-in-off" onClick={() => setTurningOff(true)}>
              {t('access.users.turnOff')}
            </button>
          </div>
          <form
            className="users-idle"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void saveIdle();
            }}
          >
            <TextField id="users-idle" name="idleMinutes" label={t('access.users.idleMinutes')} value={idle} onChange={setIdle} inputMode="numeric" maxLength={3} error={idleError} hint={t('access.users.idleHint')} />
            <button type="submit">{t('common.save')}</button>
          </form>
        </>
      )}
      {pinFor && (
        <SetPinDialog
          target={pinFor}
          onClose={() => setPinFor(null)}
          onDone={async () => {
            setPinFor(null);
            load();
            await access.refresh();
          }}
        />
      )}
      {adding && (
        <AddClerkDialog
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            load();
          }}
        />
      )}
      {turningOff && <ConfirmDialog text={t('access.users.turnOffConfirm')} confirmLabel={t('access.users.turnOff')} danger onConfirm={() => void turnOff()} onCancel={() => setTurningOff(false)} />}
    </section>
  );
}

/** The owner sets a user's PIN; the owner's first PIN turns sign-in on and signs the owner in with it. */
function SetPinDialog({ target, onClose, onDone }: { target: PinTarget; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { errors, busy, run } = usePinForm();

  const save = () =>
    run(pinErrors(t, pin, again), async () => {
      const set = await call('users.setPin', { id: target.user.id, pin });
      if (set.session) setSession(set.session);
      notify.success(target.first ? t('access.users.signInOn') : t('access.users.pinSet', { name: userLabel(t, target.user) }));
      await onDone();
    });

  return (
    <Modal title={t('access.users.pinTitle', { name: userLabel(t, target.user) })} submitLabel={t('common.save')} busy={busy} onSubmit={() => void save()} onClose={onClose} testId="set-pin-dialog">
      {target.first && <p className="order-modal-intro">{t('access.users.firstPinIntro')}</p>}
      <PinField id="pin-new" label={t('access.newPin')} value={pin} onChange={(x) => setPin(digits(x))} error={errors.pin} hint={t('access.pinHint')} />
      <PinField id="pin-again" label={t('access.pinAgain')} value={again} onChange={(x) => setAgain(digits(x))} error={errors.again} />
    </Modal>
  );
}

function AddClerkDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { errors, busy, run } = usePinForm();

  const save = () =>
    run(name.trim() === '' ? { name: t('access.errors.nameRequired') } : pinErrors(t, pin, again), async () => {
      const u = await call('users.create', { name, pin });
      notify.success(t('access.users.added', { name: u.name }));
      onDone();
    });

  return (
    <Modal title={t('access.users.addClerk')} submitLabel={t('common.save')} busy={busy} onSubmit={() => void save()} onClose={onClose} testId="add-clerk-dialog">
      <p className="order-modal-intro">{t('access.users.clerkIntro')}</p>
      <TextField id="clerk-name" name="name" label={t('access.users.name')} value={name} onChange={setName} error={errors.name} maxLength={50} required />
      <PinField id="clerk-pin" label={t('access.pin')} value={pin} onChange={(x) => setPin(digits(x))} error={errors.pin} hint={t('access.pinHint')} />
      <PinField id="clerk-again" label={t('access.pinAgain')} value={again} onChange={(x) => setAgain(digits(x))} error={errors.again} />
    </Modal>
  );
}
