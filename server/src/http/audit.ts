import type { Context } from 'koa';
import type { AuditTrail } from '../services/audit-trail.ts';

export type Audit = (ctx: Context, entry: { by: string; action: string; [detail: string]: unknown }) => void;

/** The audit trail for a route that has no service of its own: the request's client address goes with it. */
export function createAudit(trail: AuditTrail): Audit {
  return (ctx, { by, action, ...details }) => trail.record({ username: by, ip: ctx.ip }, action, details);
}
