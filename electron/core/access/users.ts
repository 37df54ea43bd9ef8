/**
 * Users in the company file (table app_user, migration v6) and the sign-in check with its lockout.
 *
 * There is always one owner row (name 'owner'). Sign-in is required once the owner has a PIN. PINs are
 * stored only as scrypt hashes (pin.ts). Wrong PINs: one check at a time per user (tries sent in parallel are
 * refused, not checked); after PIN_MAX_ATTEMPTS wrong ones in a row the user is locked out for
 * PIN_LOCK_SECONDS, doubling with each further PIN_MAX_ATTEMPTS wrong ones (at most a day), during which every
 * try is refused without checking. So a 4-digit PIN takes years to walk through the API, not hours.
 */
import {
  IDLE_MINUTES_DEFAULT,
  OWNER_NAME,
  PIN_LOCK_MAX_SECONDS,
  PIN_LOCK_SECONDS,
  PIN_MAX_ATTEMPTS,
  type SessionUser,
  type UserInfo,
  type UserRole,
} from '../../../shared/users';
import { nowIso, type DB } from '../db';
import { AppError, invalid, notFound } from '../errors';
import { audit, diff } from '../trade/common';
import { hashPin, verifyPin } from './pin';

interface UserRow {
  id: number;
  name: string;
  role: UserRole;
  pin_hash: string;
  disabled: number;
  failed_pins: number;
  locked_until: string;
  created_at: string;
  updated_at: string;
}

const IDLE_KEY = 'auth.idleMinutes';

function toInfo(r: UserRow, now: number): UserInfo {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    hasPin: r.pin_hash !== '',
    disabled: r.disabled === 1,
    lockedUntil: r.locked_until !== '' && Date.parse(r.locked_until) > now ? r.locked_until : '',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const sessionUser = (r: { id: number; name: string; role: UserRole }): SessionUser => ({ id: r.id, name: r.name, role: r.role });

function row(db: DB, id: number): UserRow | undefined {
  return db.prepare('SELECT * FROM app_user WHERE id = ?').get(id) as UserRow | undefined;
}

function requireRow(db: DB, id: number): UserRow {
  const r = row(db, id);
  if (!r) throw notFound('User', id);
  return r;
}

export function ownerUser(db: DB): SessionUser {
  const r = db.prepare("SELECT id, name, role FROM app_user WHERE role = 'owner'").get() as UserRow | undefined;
  // every file at v6+ has the owner row; a file without one acts as the implicit owner
  return r ? sessionUser(r) : { id: 0, name: OWNER_NAME, role: 'owner' };
}

/** Once the owner has a PIN, every non-public call needs a signed-in session. */
export function signInRequired(db: DB): boolean {
  return db.prepare("SELECT 1 FROM app_user WHERE role = 'owner' AND pin_hash <> ''").get() !== undefined;
}

/** The user a session names, if it may still act: exists, not disabled, and sign-in is on. */
export function activeUser(db: DB, id: number): SessionUser | null {
  const r = row(db, id);
  return r && r.disabled === 0 && r.pin_hash !== '' ? sessionUser(r) : null;
}

/** Users who can sign in (enabled, with a PIN): the owner first, then clerks by name. */
export function signInUsers(db: DB): SessionUser[] {
  const rows = db
    .prepare("SELECT id, name, role FROM app_user WHERE disabled = 0 AND pin_hash <> '' ORDER BY role = 'clerk', name COLLATE NOCASE, id")
    .all() as UserRow[];
  return rows.map(sessionUser);
}

export function listUsers(db: DB, now: number): UserInfo[] {
  return (db.prepare("SELECT * FROM app_user ORDER BY role = 'clerk', name COLLATE NOCASE, id").all() as UserRow[]).map((r) => toInfo(r, now));
}

function auditView(r: UserRow): Record<string, unknown> {
  // never the hash: only whether there is a PIN
  return { name: r.name, role: r.role, hasPin: r.pin_hash !== '', disabled: r.disabled === 1 };
}

function nameTaken(db: DB, name: string, exceptId: number): boolean {
  return db.prepare('SELECT 1 FROM app_user WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, exceptId) !== undefined;
}

export async function createClerk(db: DB, actor: string, arg: { name: string; pin: string }, now: number): Promise<UserInfo> {
  const hash = await hashPin(arg.pin);
  return db.transaction(() => {
    if (!signInRequired(db)) throw new AppError('refused', 'Set your own PIN first: clerks sign in only when the owner has a PIN.', [{ path: 'pin', message: 'set the owner PIN first' }]);
    if (nameTaken(db, arg.name, 0)) throw invalid('name', `the name ${arg.name} is already used`);
    const at = nowIso();
    const info = db
      .prepare("INSERT INTO app_user (name, role, pin_hash, created_at, updated_at) VALUES (?, 'clerk', ?, ?, ?)")
      .run(arg.name, hash, at, at);
    const created = requireRow(db, Number(info.lastInsertRowid));
    audit(db, actor, 'user', created.id, 'create', auditView(created));
    return toInfo(created, now);
  })();
}

export function updateUser(db: DB, actor: string, arg: { id: number; name?: string | undefined; disabled?: boolean | undefined }, now: number): UserInfo {
  return db.transaction(() => {
    const before = requireRow(db, arg.id);
    if (before.role === 'owner') {
      if (arg.disabled === true) throw invalid('disabled', 'the owner cannot be disabled');
      if (arg.name !== undefined && arg.name !== before.name) throw invalid('name', 'the owner keeps the name owner');
    }
    const name = arg.name ?? before.name;
    if (nameTaken(db, name, before.id)) throw invalid('name', `the name ${name} is already used`);
    const disabled = arg.disabled ?? before.disabled === 1;
    db.prepare('UPDATE app_user SET name = ?, disabled = ?, updated_at = ? WHERE id = ?').run(name, disabled ? 1 : 0, nowIso(), before.id);
    // the clerk's grid layouts and language follow the new name
    if (name !== before.name) db.prepare('UPDATE ui_state SET user_name = ? WHERE user_name = ?').run(name, before.name);
    const after = requireRow(db, before.id);
    const changes = diff(auditView(before), auditView(after));
    if (Object.keys(changes).length > 0) audit(db, actor, 'user', before.id, arg.disabled !== undefined && before.disabled !== after.disabled ? (disabled ? 'disable' : 'enable') : 'update', changes);
    return toInfo(after, now);
  })();
}

/** Set (or, for the owner, remove) a user's PIN. Clears the user's wrong-PIN count and lockout. */
export async function setPin(db: DB, actor: string, id: number, pin: string | null, now: number): Promise<UserInfo> {
  const hash = pin === null ? '' : await hashPin(pin);
  return db.transaction(() => {
    const before = requireRow(db, id);
    if (pin === null) {
      if (before.role !== 'owner') throw invalid('pin', 'a clerk needs a PIN; disable the clerk instead');
      const clerks = db.prepare("SELECT count(*) AS n FROM app_user WHERE role = 'clerk' AND disabled = 0").get() as { n: number };
      if (clerks.n > 0) throw invalid('pin', 'disable every clerk before turning sign-in off');
    }
    db.prepare("UPDATE app_user SET pin_hash = ?, failed_pins = 0, locked_until = '', updated_at = ? WHERE id = ?").run(hash, nowIso(), id);
    const action = pin === null ? 'remove_pin' : before.pin_hash === '' ? 'set_pin' : 'change_pin';
    audit(db, actor, 'user', id, action, { pin: pin === null ? 'removed' : 'changed' });
    return toInfo(requireRow(db, id), now);
  })();
}

/** Users whose PIN is being checked right now, per file: one check at a time per user (parallel guesses wait). */
const checking = new WeakMap<DB, Set<number>>();

/** The lockout after `failed` wrong PINs in a row: 1 minute after 5, doubling after each further 5, at most a day. */
export function lockoutSeconds(failed: number): number {
  if (failed === 0 || failed % PIN_MAX_ATTEMPTS !== 0) return 0;
  return Math.min(PIN_LOCK_SECONDS * 2 ** (failed / PIN_MAX_ATTEMPTS - 1), PIN_LOCK_MAX_SECONDS);
}

const lockedIssue = (seconds: number) => [{ path: 'pin', message: `locked for ${seconds} seconds` }];

/**
 * Check a user's PIN with the lockout. Returns the user, or throws: 'not_found' (no such user), 'refused'
 * (disabled, no PIN, locked out, another check of the same user still running), 'validation' on `pin` (wrong
 * PIN, with the tries left before the next lockout).
 */
export async function checkPin(db: DB, userId: number, pin: string, now: number): Promise<SessionUser> {
  const u = requireRow(db, userId);
  if (u.disabled === 1) throw new AppError('refused', `${u.name} is disabled: ask the owner.`);
  if (u.pin_hash === '') throw new AppError('refused', `${u.name} has no PIN.`);
  const lockedFor = lockSeconds(u, now);
  if (lockedFor > 0) throw new AppError('refused', `Too many wrong PINs: try again in ${lockedFor} seconds.`, lockedIssue(lockedFor));
  const busy = checking.get(db) ?? new Set<number>();
  checking.set(db, busy);
  if (busy.has(u.id)) throw new AppError('refused', 'Another sign-in of this user is being checked: try again.', [{ path: 'pin', message: 'try again' }]);
  busy.add(u.id);
  let good: boolean;
  try {
    good = await verifyPin(pin, u.pin_hash);
  } finally {
    busy.delete(u.id);
  }
  if (good) {
    db.prepare("UPDATE app_user SET failed_pins = 0, locked_until = '' WHERE id = ?").run(u.id);
    return sessionUser(u);
  }
  // wrong PINs in a row are kept (not reset by a lockout), so each further lockout is longer
  const failed = db.transaction((): number => {
    const n = (db.prepare('UPDATE app_user SET failed_pins = failed_pins + 1 WHERE id = ? RETURNING failed_pins AS n').get(u.id) as { n: number }).n;
    const lock = lockoutSeconds(n);
    if (lock > 0) db.prepare('UPDATE app_user SET locked_until = ? WHERE id = ?').run(new Date(now + lock * 1000).toISOString(), u.id);
    return n;
  })();
  const lock = lockoutSeconds(failed);
  if (lock > 0) throw new AppError('refused', `Wrong PIN, ${PIN_MAX_ATTEMPTS} times: ${u.name} is locked for ${lock} seconds.`, lockedIssue(lock));
  const left = PIN_MAX_ATTEMPTS - (failed % PIN_MAX_ATTEMPTS);
  throw new AppError('validation', `pin: wrong PIN (${left} tries left)`, [{ path: 'pin', message: `wrong PIN (${left} tries left)` }]);
}

function lockSeconds(u: UserRow, now: number): number {
  if (u.locked_until === '') return 0;
  const left = Date.parse(u.locked_until) - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

export function getIdleMinutes(db: DB): number {
  const r = db.prepare('SELECT value FROM setting WHERE key = ?').get(IDLE_KEY) as { value: string } | undefined;
  const n = r ? Number(r.value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : IDLE_MINUTES_DEFAULT;
}

export function setIdleMinutes(db: DB, actor: string, minutes: number): { idleMinutes: number } {
  return db.transaction(() => {
    const before = getIdleMinutes(db);
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(IDLE_KEY, String(minutes));
    if (before !== minutes) audit(db, actor, 'setting', 0, 'update', { idleMinutes: [before, minutes] });
    return { idleMinutes: minutes };
  })();
}
