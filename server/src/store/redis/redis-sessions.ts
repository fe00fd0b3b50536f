import { digestOf } from '../../auth/secrets.ts';
import type { Session } from '../../auth/sessions.ts';
import type { RedisAccess } from '../redis-access.ts';
import { AUDIT_CAPACITY, type AuditEntry, type SessionRepository, type StoreChange } from '../store.ts';

/** Tokens are stored hashed, so that a Redis dump does not hand out sessions. */
function hashToken(token: string): string {
  return digestOf(token);
}

/** Staff sessions (under their token's digest, expiring with the session) and the capped audit list. */
export class RedisSessions implements SessionRepository {
  constructor(private readonly access: RedisAccess) {}

  async saveSession(token: string, session: Session): Promise<void> {
    const ttl = Math.max(1, session.expiresAt - Date.now());
    await this.access.guard(() => this.access.client.set(`${this.access.prefix}session:${hashToken(token)}`, JSON.stringify(session), { PX: ttl }));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.access.guard(() => this.access.client.multi().lPush(`${this.access.prefix}audit`, JSON.stringify(entry)).lTrim(`${this.access.prefix}audit`, 0, AUDIT_CAPACITY - 1).exec());
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const entries = await this.access.guard(() => this.access.client.lRange(`${this.access.prefix}audit`, 0, limit - 1));
    return entries.map((json) => JSON.parse(json) as AuditEntry);
  }

  async revokeSession(token: string): Promise<void> {
    const tokenDigest = hashToken(token);
    const change: StoreChange = { kind: 'session-revoked', tokenDigest };
    await this.access.guard(() => this.access.client.multi().del(`${this.access.prefix}session:${tokenDigest}`).publish(`${this.access.prefix}changes`, JSON.stringify(change)).exec());
  }

  async getSession(token: string): Promise<Session | null> {
    const json = await this.access.guard(() => this.access.client.get(`${this.access.prefix}session:${hashToken(token)}`));
    return json ? (JSON.parse(json) as Session) : null;
  }
}
