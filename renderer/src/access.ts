/**
 * Who is signed in, as the screens see it: the user, whether sign-in is on, and which calls the user's role
 * may make (shared/permissions.ts — the core enforces it; screens use it to hide or disable what a clerk
 * cannot use, and say why).
 */
import { createContext, useContext } from 'react';
import type { ApiName } from '../../shared/api';
import { mayCall } from '../../shared/permissions';
import type { SessionUser } from '../../shared/users';

export interface AccessState {
  me: SessionUser;
  signInRequired: boolean;
  idleMinutes: number;
  /** after Settings → Users changed sign-in or the idle minutes */
  refresh: () => Promise<void>;
  signOut: () => void;
}

export const AccessContext = createContext<AccessState | null>(null);

const IMPLICIT_OWNER: SessionUser = { id: 0, name: 'owner', role: 'owner' };

export interface Access extends AccessState {
  isClerk: boolean;
  may: (name: ApiName) => boolean;
}

export function useAccess(): Access {
  const s = useContext(AccessContext) ?? {
    me: IMPLICIT_OWNER,
    signInRequired: false,
    idleMinutes: 0,
    refresh: async () => undefined,
    signOut: () => undefined,
  };
  return { ...s, isClerk: s.me.role === 'clerk', may: (name) => mayCall(s.me.role, name) };
}
