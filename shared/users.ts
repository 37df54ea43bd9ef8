/**
 * Users, PINs and sessions as the API shows them (issue 6, "Users, roles and lock").
 *
 * By default a company file has one implicit user, the owner, with no PIN: nobody signs in and every call acts
 * as the owner. Once the owner sets a PIN, every call except the few 'public' ones (shared/permissions.ts)
 * needs a signed-in session; the owner can then add clerks with their own PINs. The core enforces what a
 * clerk may do (shared/permissions.ts and electron/core/access/rules.ts); the UI only follows it.
 */
import { z } from 'zod';

export const USER_ROLES = ['owner', 'clerk'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The owner's sign-in name (also the audit trail's "who" while there is one user). */
export const OWNER_NAME = 'owner';
export const PIN_RE = /^\d{4,8}$/;
export const PIN_MESSAGE = 'a PIN is 4 to 8 digits';
/** wrong PINs in a row before the user is locked out for PIN_LOCK_SECONDS (then twice as long, and so on) */
export const PIN_MAX_ATTEMPTS = 5;
export const PIN_LOCK_SECONDS = 60;
/** each further PIN_MAX_ATTEMPTS wrong PINs in a row double the lockout, up to this */
export const PIN_LOCK_MAX_SECONDS = 24 * 3600;
export const IDLE_MINUTES_DEFAULT = 10;
export const IDLE_MINUTES_MAX = 240;

const pin = z.string().max(20).regex(PIN_RE, PIN_MESSAGE);
const id = z.number().int().positive().max(2 ** 31);
const userName = z
  .string()
  .max(50)
  .transform((s) => s.trim())
  .refine((s) => s !== '', 'a name is required')
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'a name without control characters');

/** Who is signed in (or the implicit owner when there are no PINs). */
export interface SessionUser {
  id: number;
  name: string;
  role: UserRole;
}

export interface UserInfo extends SessionUser {
  hasPin: boolean;
  disabled: boolean;
  /** ISO time until which sign-in is refused after too many wrong PINs, or '' */
  lockedUntil: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuthStatus {
  /** true once the owner has set a PIN: calls need a signed-in session */
  signInRequired: boolean;
  /** the users who can sign in (enabled, with a PIN); empty when sign-in is not required */
  users: SessionUser[];
  /** who this caller is: the signed-in user, the implicit owner when sign-in is not required, or null */
  me: SessionUser | null;
  /** auto-lock after this many idle minutes (0 = never) */
  idleMinutes: number;
}

export interface SignInResult {
  /** the session secret: the transport sends it with every later call */
  session: string;
  user: SessionUser;
}

export const SignInSchema = z.object({ userId: id, pin }).strict();
export const UserCreateSchema = z.object({ name: userName, pin }).strict();
export const UserUpdateSchema = z.object({ id, name: userName.optional(), disabled: z.boolean().optional() }).strict();
/** The owner sets anyone's PIN; null removes the owner's own PIN (sign-in off), only with no active clerk. */
export const UserSetPinSchema = z.object({ id, pin: pin.nullable() }).strict();
export const ChangeOwnPinSchema = z.object({ currentPin: pin, newPin: pin }).strict();
export const IdleMinutesSchema = z.object({ idleMinutes: z.number().int().min(0).max(IDLE_MINUTES_MAX) }).strict();
