import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/store.ts';
import type { Credentials } from './credentials.ts';
import { digestOf } from './secrets.ts';
import type { Session } from './sessions.ts';

/** How long a session read from the store is trusted without asking again (revocations are pushed). */
const FRESH_MS = 30_000;
/** Most sessions remembered; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

/**
 * Finds the session behind a staff token: asks the store, remembers the answer briefly (so that a
 * busy dashboard does not cost a store read per request), keeps signed-in staff signed in while the
 * store is unreachable, and refuses at once the session of a user who was removed or changed role.
 */
export class SessionDirectory {
  private readonly known = new Map<string, { session: Session; readAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly credentials: Credentials,
  ) {}

  async find(token: string): Promise<Session | null> {
    const now = Date.now();
    const cached = this.known.get(digestOf(token));
    let session: Session | null;
    if (cached && now - cached.readAt < FRESH_MS) session = cached.session;
    else {
      try {
        session = await this.store.getSession(token);
        this.remember(token, session, now);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !cached) throw error;
        session = cached.session;
      }
    }
    return session && session.expiresAt > now && this.credentials.roleOf(session.username) === session.role ? session : null;
  }

  /** A session just created here is known without a store read. */
  remember(token: string, session: Session | null, now = Date.now()): void {
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
}
