import { digestOf } from '../../auth/secrets.ts';
import type { Session } from '../../auth/sessions.ts';
import type { LocalChangeBus } from '../local-change-bus.ts';
import { AUDIT_CAPACITY, type AuditEntry, type SessionRepository } from '../store.ts';

/** Staff sessions by token (the account repository lists them too) and the capped audit log, in memory. */
export class MemorySessions implements SessionRepository {
  /** By token, as given: this store never leaves the process. */
  readonly byToken = new Map<string, Session>();
  /** Newest first. */
  private readonly audit: AuditEntry[] = [];

  constructor(private readonly bus: LocalChangeBus) {}

  async saveSession(token: string, session: Session): Promise<void> {
    this.byToken.set(token, session);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.unshift(entry);
    if (this.audit.length > AUDIT_CAPACITY) this.audit.length = AUDIT_CAPACITY;
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.audit.slice(0, limit);
  }

  async revokeSession(token: string): Promise<void> {
    this.byToken.delete(token);
    this.bus.publish({ kind: 'session-revoked', tokenDigest: digestOf(token) });
  }

  async getSession(token: string): Promise<Session | null> {
    const session = this.byToken.get(token);
    if (session && session.expiresAt <= Date.now()) this.byToken.delete(token);
    return session && session.expiresAt > Date.now() ? session : null;
  }
}
