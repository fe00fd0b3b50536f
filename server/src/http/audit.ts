import type { Context } from 'koa';
import type { Logger } from '../log.ts';
import type { AuditEntry, Store } from '../store/store.ts';

export type Audit = (ctx: Context, entry: { by: string; action: string; [detail: string]: unknown }) => void;

/**
 * Records a staff action: a log line marked `audit` and an entry in the store's audit list. It never
 * fails the action it records: a store outage loses the list entry, not the log line.
 */
export function createAudit(store: Store, logger: Logger): Audit {
  return (ctx, entry) => {
    const full: AuditEntry = { ...entry, at: new Date().toISOString(), ip: ctx.ip };
    logger.info({ audit: full }, 'audit');
    store.appendAudit(full).catch((error: unknown) => logger.warn({ err: String(error), audit: full }, 'audit entry not stored'));
  };
}
