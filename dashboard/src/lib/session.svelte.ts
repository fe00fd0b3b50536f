import type { LoginResult, Role } from '@fairwatch/protocol';

/** What the dashboard keeps of a sign-in, for this tab only (sessionStorage). */
export interface StaffSession {
  token: string;
  role: Role;
  username: string;
  expiresAt: string;
}

/** Why the user is back at the sign-in screen; `signedOut` needs no message. */
export type SignOutReason = 'signedOut' | 'expired' | 'unauthorized';

const STORAGE_KEY = 'fairwatch.session';
// setTimeout fires at once for delays above 2^31-1 ms; longer sessions are re-checked later.
const MAX_TIMER_MS = 2_147_483_647;

/** The stored sign-in, or why there is none: a wall display reloaded after its sign-in expired must say so. */
function loadStored(): { session: StaffSession | null; expired: boolean } {
  let expired = false;
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StaffSession | null;
    if (parsed && typeof parsed.token === 'string' && Date.parse(parsed.expiresAt) > Date.now()) return { session: parsed, expired };
    expired = parsed !== null && typeof parsed.token === 'string';
  } catch {
    // A damaged entry is as good as none.
  }
  sessionStorage.removeItem(STORAGE_KEY);
  return { session: null, expired };
}

const stored = loadStored();

class Session {
  current = $state<StaffSession | null>(stored.session);
  lastSignOutReason = $state<SignOutReason | null>(stored.expired ? 'expired' : null);
  /**
   * True while a sign-in that ended without the user asking (expiry, a 401) has not been seen: the
   * full-screen "signed out" state shows until someone chooses to sign in again.
   */
  #endSeen = $state(false);
  endedUnseen = $derived(!this.current && !this.#endSeen && (this.lastSignOutReason === 'expired' || this.lastSignOutReason === 'unauthorized'));
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.#scheduleExpiry();
  }

  start(username: string, result: LoginResult): void {
    this.current = { token: result.token, role: result.role, username, expiresAt: result.expiresAt };
    this.lastSignOutReason = null;
    this.#endSeen = false;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.current));
    this.#scheduleExpiry();
  }

  /** Back to the sign-in screen; called by the user, by the expiry timer, and on any 401. */
  end(reason: SignOutReason): void {
    if (!this.current) return;
    this.current = null;
    this.lastSignOutReason = reason;
    this.#endSeen = false;
    sessionStorage.removeItem(STORAGE_KEY);
    clearTimeout(this.#expiryTimer);
  }

  /** The user saw that the session ended and goes to the sign-in form. */
  acknowledgeEnd(): void {
    this.#endSeen = true;
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    if (!this.current) return;
    const remaining = Date.parse(this.current.expiresAt) - Date.now();
    if (remaining <= 0) return this.end('expired');
    this.#expiryTimer = setTimeout(() => this.#scheduleExpiry(), Math.min(remaining, MAX_TIMER_MS));
  }
}

export const session = new Session();
