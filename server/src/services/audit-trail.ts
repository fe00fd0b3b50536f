import type { Logger } from '../log.ts';
import type { AuditEntry, SessionRepository } from '../store/store.ts';
import type { Actor } from './actor.ts';

export interface AuditTrail {
  /** Records that `actor` did `action`: a log line marked `audit` and an entry in the store's audit list. */
  record(actor: Pick<Actor, 'username' | 'ip' | 'via'>, action: string, details?: Record<string, unknown>): void;
}

/**
 * The audit trail of staff actions. It never fails the action it records: a store outage loses the
 * list entry, not the log line.
 */
export function createAuditTrail(store: Pick<SessionRepository, 'appendAudit'>, logger: Logger, now: () => Date = () => new Date()): AuditTrail {
  return {
    record(actor, action, details = {}) {
      const entry: AuditEntry = { ...details, at: now().toISOString(), by: actor.username, action, ...(actor.ip && { ip: actor.ip }), ...(actor.via && { via: actor.via }) };
      logger.info({ audit: entry }, 'audit');
      store.appendAudit(entry).catch((error: unknown) => logger.warn({ err: String(error), audit: entry }, 'audit entry not stored'));
    },
  };
}
