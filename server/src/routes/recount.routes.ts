import Router from '@koa/router';
import { RecountRequest } from '@fairwatch/protocol';
import { actorOf, requireStaff } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { RECOUNT_ROLES } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/**
 * An extension of the contract (issue 3): `POST /api/v1/zones/:id/recount { count, note? }` sets the
 * zone's occupancy to a manual head count (services/recount-service.ts).
 */
export function recountRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const operations = requireStaff(sessions, credentials, RECOUNT_ROLES);
  router.post('/api/v1/zones/:id/recount', operations, async (ctx) => {
    const { count, note } = await readBody(ctx, RecountRequest);
    ctx.body = await services.recount.recount(actorOf(ctx), ctx.params.id ?? '', count, note);
  });
  return router;
}
