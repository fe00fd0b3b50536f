import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/store.ts';
import type { Credentials, StaffAccount } from './credentials.ts';
import { digestOf, macOf, secretsEqual } from './secrets.ts';
import { newSessionToken, type Session } from './sessions.ts';

/** How long a session read from the store is trusted without asking again (revocations are pushed). */
const FRESH_MS = 30_000;
/** Most sessions remembered; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

/** What a socket or a cached entry needs to tell whether its session still holds. */
export type SessionBinding = Pick<Session, 'username' | 'expiresAt' | 'account'>;

/**
 * Finds the session behind a staff token: asks the store, remembers the answer briefly (so that a
 * busy dashboard does not cost a store read per request), keeps signed-in staff signed in while the
 * store is unreachable. A session holds only while
 * - its MAC is right: a record written into the store by anyone without SESSION_SECRET (someone with
 *   write access to Redis) is not a session, nor is a real one copied under another token;
 * - it has not expired;
 * - the account is as it was at sign-in (same stamp): a new password, another role, a disabled or
 *   removed user, a name removed and added again, each end every session of that account, on every
 *   instance (each checks its own copy of the accounts file at every use).
 */
export class SessionDirectory {
  private readonly known = new Map<string, { session: Session; readAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly credentials: Credentials,
    private readonly secret: string,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Signs a staff member in: a new token, its sealed session in the store (every instance sees it). */
  async open(account: StaffAccount, ttlMs: number): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const fields = { username: account.username, role: account.role, expiresAt: this.nowMs() + ttlMs, account: account.stamp };
    const session: Session = { ...fields, mac: this.macFor(digestOf(token), fields), issuedAt: this.nowMs() };
    await this.store.saveSession(token, session);
    this.remember(token, session);
    return { token, session };
  }

  async find(token: string): Promise<Session | null> {
    const now = this.nowMs();
    const digest = digestOf(token);
    const cached = this.known.get(digest);
    let session: Session | null;
    if (cached && now - cached.readAt < FRESH_MS) session = cached.session;
    else {
      try {
        session = await this.store.getSession(token);
        if (session && !this.sealed(digest, session)) session = null;
        this.remember(token, session, now);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !cached) throw error;
        session = cached.session;
      }
    }
    if (!session) return null;
    if (this.holds(session)) return session;
    // Signed in (or changed) on another instance just now: this one may not have heard yet.
    if (!this.credentials.refreshAccount || session.expiresAt <= now) return null;
    await this.credentials.refreshAccount(session.username);
    return this.holds(session) ? session : null;
  }

  /** The sessions that hold now (sealed, unexpired, account unchanged), with the digests of their tokens. */
  async list(): Promise<Array<{ tokenDigest: string; session: Session }>> {
    const stored = await this.store.accounts.listSessions();
    return stored.filter(({ tokenDigest, session }) => this.sealed(tokenDigest, session) && this.holds(session));
  }

  /** Ends a session by the digest of its token (an admin's "end session"): every instance closes its sockets. */
  async revokeByDigest(tokenDigest: string): Promise<void> {
    await this.store.accounts.revokeSessionByDigest(tokenDigest);
    this.forget(tokenDigest);
  }

  /** Whether a session (or a socket's copy of it) is unexpired and its account unchanged since sign-in. */
  holds(binding: SessionBinding): boolean {
    return binding.expiresAt > this.nowMs() && binding.account !== undefined && this.credentials.account(binding.username)?.stamp === binding.account;
  }

  /** Signs out: the session is deleted, and every instance forgets it and closes its sockets. */
  async revoke(token: string): Promise<void> {
    await this.store.revokeSession(token);
    this.forget(digestOf(token));
  }

  /** A session just created here is known without a store read. */
  remember(token: string, session: Session | null, now = this.nowMs()): void {
    const digest = digestOf(token);
    this.known.delete(digest);
    if (!session) return;
    this.known.set(digest, { session, readAt: now });
    if (this.known.size > MAX_ENTRIES) this.known.delete(this.known.keys().next().value!);
  }

  /** A revoked session (by the digest of its token, as revocations travel between instances). */
  forget(tokenDigest: string): void {
    this.known.delete(tokenDigest);
  }

  private macFor(tokenDigest: string, session: Omit<Session, 'mac'>): string {
    return macOf(this.secret, JSON.stringify(['fairwatch-session-v1', tokenDigest, session.username, session.role, session.expiresAt, session.account ?? '']));
  }

  private sealed(tokenDigest: string, session: Session): boolean {
    return typeof session.mac === 'string' && typeof session.account === 'string' && secretsEqual(session.mac, this.macFor(tokenDigest, session));
  }
}
