import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/store.ts';
import type { Session } from './sessions.ts';

/** How long a session read from the store is trusted without asking again. */
const FRESH_MS = 30_000;
/** Most sessions remembered; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

/**
 * Finds the session behind a staff token: asks the store, remembers the answer briefly (so that a
 * busy dashboard does not cost a store read per request), and keeps signed-in staff signed in while
 * the store is unreachable, until their session expires.
 */
export class SessionDirectory {
  private readonly known = new Map<string, { session: Session; readAt: number }>();

  constructor(private readonly store: Store) {}

  async find(token: string): Promise<Session | null> {
    const now = Date.now();
    const cached = this.known.get(token);
    if (cached && now - cached.readAt < FRESH_MS) return live(cached.session, now);
    try {
      const session = await this.store.getSession(token);
      this.remember(token, session, now);
      return session && live(session, now);
    } catch (error) {
      if (error instanceof StoreUnavailableError && cached) return live(cached.session, now);
      throw error;
    }
  }

  /** A session just created here is known without a store read. */
  remember(token: string, session: Session | null, now = Date.now()): void {
    this.known.delete(token);
    if (!session) return;
    this.known.set(token, { session, readAt: now });
    if (this.known.size > MAX_ENTRIES) this.known.delete(this.known.keys().next().value!);
  }
}

function live(session: Session, now: number): Session | null {
  return session.expiresAt > now ? session : null;
}
