import Router from '@koa/router';
import { z } from 'zod';
import { requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** GET /audit (admin): the newest staff actions, who did what and when. */
export function auditRoutes({ store, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  router.get('/api/v1/audit', requireStaff(sessions, credentials, ['admin']), async (ctx) => {
    const query = AuditQuery.safeParse(ctx.query);
    if (!query.success) throw ApiError.invalid(query.error, 'limit must be a whole number from 1 to 1000');
    ctx.body = { entries: await store.listAudit(query.data.limit) };
  });
  return router;
}
