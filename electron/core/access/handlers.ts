/** The API calls of users, PINs and sessions (shared/users.ts). Who may call them: shared/permissions.ts. */
import type { ApiName } from '../../../shared/api';
import type { HandlerContext, HandlersFor } from '../context';
import { AppError } from '../errors';
import {
  checkPin,
  createClerk,
  getIdleMinutes,
  listUsers,
  setIdleMinutes,
  setPin,
  signInRequired,
  signInUsers,
  updateUser,
} from './users';

type Names = Extract<ApiName, `auth.${string}` | `users.${string}`>;

function requireMe(ctx: HandlerContext) {
  if (!ctx.me) throw new AppError('unauthenticated', 'Sign in first.');
  return ctx.me;
}

export const accessHandlers: HandlersFor<Names> = {
  'auth.status': (_arg, ctx) => {
    const required = signInRequired(ctx.db);
    return { signInRequired: required, users: required ? signInUsers(ctx.db) : [], me: ctx.me, idleMinutes: getIdleMinutes(ctx.db) };
  },
  'auth.signIn': async ({ userId, pin }, ctx) => {
    if (!signInRequired(ctx.db)) throw new AppError('refused', 'Sign-in is off: the owner has not set a PIN.');
    const user = await checkPin(ctx.db, userId, pin, ctx.auth.now());
    ctx.auth.sessions.close(ctx.session);
    return { session: ctx.auth.sessions.open(user.id), user };
  },
  'auth.signOut': (_arg, ctx) => ({ signedOut: ctx.auth.sessions.close(ctx.session) }),
  'auth.changePin': async ({ currentPin, newPin }, ctx) => {
    const me = requireMe(ctx);
    if (!signInRequired(ctx.db)) throw new AppError('refused', 'There is no PIN to change yet: set one in Settings → Users.');
    await checkPin(ctx.db, me.id, currentPin, ctx.auth.now()).catch((e: unknown) => {
      // the wrong PIN is the current one, not the new one
      if (e instanceof AppError && e.issues) throw new AppError(e.code, e.message, e.issues.map((i) => ({ ...i, path: 'currentPin' })));
      throw e;
    });
    await setPin(ctx.db, ctx.user, me.id, newPin, ctx.auth.now());
    return { id: me.id };
  },

  'users.list': (_arg, ctx) => listUsers(ctx.db, ctx.auth.now()),
  'users.create': (arg, ctx) => createClerk(ctx.db, ctx.user, arg, ctx.auth.now()),
  'users.update': (arg, ctx) => {
    const u = updateUser(ctx.db, ctx.user, arg, ctx.auth.now());
    if (u.disabled) ctx.auth.sessions.closeUser(u.id);
    return u;
  },
  'users.setPin': async ({ id, pin }, ctx) => {
    const turningOn = pin !== null && id === ctx.me?.id && !signInRequired(ctx.db);
    const u = await setPin(ctx.db, ctx.user, id, pin, ctx.auth.now());
    // turning sign-in on signs the owner in at once: no moment in which the owner's window is signed out
    if (turningOn) return { ...u, session: ctx.auth.sessions.open(id) };
    // a clerk whose PIN the owner changed signs in again with the new one
    if (id !== ctx.me?.id) ctx.auth.sessions.closeUser(id);
    return u;
  },
  'users.setIdleMinutes': ({ idleMinutes }, ctx) => setIdleMinutes(ctx.db, ctx.user, idleMinutes),
};
