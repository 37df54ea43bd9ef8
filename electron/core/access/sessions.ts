/**
 * Signed-in sessions, in memory (a restart signs everyone out). A session is a random 32-byte secret handed to
 * the window that signed in; the transport sends it with each call (IPC argument, or a header next to the
 * browser page's token). Only its SHA-256 is kept here. A session unused for the idle minutes is over: the
 * next call answers 'unauthenticated' and the window shows the sign-in screen.
 */
import crypto from 'node:crypto';

interface Entry {
  userId: number;
  lastSeen: number;
}

export type SessionLookup = { state: 'ok'; userId: number } | { state: 'none' } | { state: 'idle'; userId: number };

const key = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest('hex');

export class Sessions {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly now: () => number) {}

  open(userId: number): string {
    const secret = crypto.randomBytes(32).toString('base64url');
    this.entries.set(key(secret), { userId, lastSeen: this.now() });
    return secret;
  }

  /** The session's user; refreshes its last use. An idle session is closed and reported as 'idle'. */
  use(secret: string | undefined, idleMinutes: number): SessionLookup {
    if (secret === undefined || secret === '' || secret.length > 200) return { state: 'none' };
    const k = key(secret);
    const e = this.entries.get(k);
    if (!e) return { state: 'none' };
    const now = this.now();
    if (idleMinutes > 0 && now - e.lastSeen > idleMinutes * 60_000) {
      this.entries.delete(k);
      return { state: 'idle', userId: e.userId };
    }
    e.lastSeen = now;
    return { state: 'ok', userId: e.userId };
  }

  close(secret: string | undefined): boolean {
    return secret !== undefined && this.entries.delete(key(secret));
  }

  /** Sign a user out everywhere (disabled, PIN changed by the owner). */
  closeUser(userId: number): void {
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }
}
