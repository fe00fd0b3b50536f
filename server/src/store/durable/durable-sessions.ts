import { randomBytes } from 'node:crypto';
import type { Database } from 'lmdb';
import { digestOf } from '../../auth/secrets.ts';
import type { Session } from '../../auth/sessions.ts';
import { AUDIT_CAPACITY, type AuditEntry, type SessionRepository } from '../store.ts';
import type { DurableConcern, DurableParts } from './durable-parts.ts';
import { RecordKey } from './records.ts';

/**
 * Staff sessions in memory (`session:<digest>` records: a copy of the data directory holds no usable
 * token), the audit log on disk only (the `audit` database, keys in sequence, capped), and the
 * secrets made on first use.
 */
export class DurableSessions implements SessionRepository, DurableConcern {
  private sessions = new Map<string, Session>();
  private auditSeq = 0;

  constructor(
    private readonly parts: DurableParts,
    private readonly audit: Database,
  ) {}

  reset(): void {
    this.sessions = new Map();
  }

  restore(kind: string, digest: string, value: unknown, nowMs: number): boolean {
    if (kind === 'secret') return true; // read when asked (persistentSecret)
    if (kind !== 'session') return false;
    if ((value as Session).expiresAt > nowMs) this.sessions.set(digest, value as Session);
    return true;
  }

  /** Continues after the newest audit entry on disk. */
  load(): void {
    this.auditSeq = (([...this.audit.getKeys({ reverse: true, limit: 1 })][0] as number | undefined) ?? 0) + 1;
  }

  /** The sessions by their token's digest, as the account repository lists and revokes them. */
  byDigest(): { list(): Array<[digest: string, session: Session]>; revoke(digest: string): void } {
    return {
      list: () => [...this.sessions],
      revoke: (digest) => {
        this.sessions.delete(digest);
        this.parts.writer.remove(this.parts.state, RecordKey.session(digest));
      },
    };
  }

  async saveSession(token: string, session: Session): Promise<void> {
    this.parts.writable();
    const digest = digestOf(token);
    this.sessions.set(digest, session);
    this.parts.writer.put(this.parts.state, RecordKey.session(digest), session);
    await this.parts.commit();
  }

  async getSession(token: string): Promise<Session | null> {
    const digest = digestOf(token);
    const session = this.sessions.get(digest);
    if (!session) return null;
    if (session.expiresAt > Date.now()) return session;
    this.sessions.delete(digest);
    if (!this.parts.closed()) this.parts.writer.remove(this.parts.state, RecordKey.session(digest));
    return null;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.parts.writable();
    const seq = this.auditSeq++;
    this.parts.writer.put(this.audit, seq, entry);
    // The oldest entry beyond the capacity goes in the same commit.
    if (seq > AUDIT_CAPACITY) this.parts.writer.remove(this.audit, seq - AUDIT_CAPACITY);
    await this.parts.commit();
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    await this.parts.commit();
    return [...this.audit.getRange({ reverse: true, limit: Math.min(limit, AUDIT_CAPACITY) })].map(({ value }) => value as AuditEntry);
  }

  async revokeSession(token: string): Promise<void> {
    this.parts.writable();
    const digest = digestOf(token);
    this.sessions.delete(digest);
    this.parts.writer.remove(this.parts.state, RecordKey.session(digest));
    await this.parts.commit();
    this.parts.publish({ kind: 'session-revoked', tokenDigest: digest });
  }

  /**
   * A secret kept in the data directory, made on first use: the sessions' key when SESSION_SECRET is
   * unset, so that a restart does not sign every screen out. A backup holds it, as it holds the sessions.
   */
  async persistentSecret(name: string): Promise<string> {
    this.parts.writable();
    const key = RecordKey.secret(name);
    const existing = this.parts.state.get(key) as string | undefined;
    if (existing) return existing;
    const made = randomBytes(32).toString('base64url');
    this.parts.writer.put(this.parts.state, key, made);
    await this.parts.commit();
    return made;
  }
}
