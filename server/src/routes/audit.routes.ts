import Router from '@koa/router';
import { z } from 'zod';
import { auditCsv, filterAudit } from '../domain/audit-filter.ts';
import { requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { AUDIT_CAPACITY } from '../store/store.ts';
import type { RouteDeps } from './context.ts';

const Instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_CAPACITY).default(100),
  by: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(64).optional(),
  since: Instant.optional(),
  until: Instant.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/**
 * GET /audit (admin): the newest staff actions, who did what and when; filtered (issue 16) by who,
 * an action prefix and a time range, and as CSV with `format=csv`.
 */
export function auditRoutes({ store, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  router.get('/api/v1/audit', requireStaff(sessions, credentials, ['admin']), async (ctx) => {
    const query = AuditQuery.safeParse(ctx.query);
    if (!query.success) throw ApiError.invalid(query.error, `limit is a whole number from 1 to ${AUDIT_CAPACITY}; since and until are ISO instants; format is json or csv`);
    const { limit, by, action, since, until, format } = query.data;
    const filtered = by !== undefined || action !== undefined || since !== undefined || until !== undefined;
    // Filters read the whole (capped) log; without them the newest `limit` are enough.
    const entries = filterAudit(await store.listAudit(filtered ? AUDIT_CAPACITY : limit), { limit, by, action, sinceMs: since, untilMs: until });
    if (format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="fairwatch-audit.csv"');
      ctx.body = auditCsv(entries);
      return;
    }
    ctx.body = { entries };
  });
  return router;
}
