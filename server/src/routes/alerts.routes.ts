import Router from '@koa/router';
import { actorOf, requireStaff } from '../http/auth.ts';
import { RESPONDERS } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/** Extensions of the contract (issue 3): the crowd-safety alerts and their acknowledgement (services/alert-service.ts). */
export function alertRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);

  // ?active=true: only alerts whose condition still holds.
  router.get('/api/v1/alerts', staff, async (ctx) => {
    ctx.body = { alerts: await services.alerts.list(ctx.query.active === 'true') };
  });

  router.post('/api/v1/alerts/:id/acknowledge', responders, async (ctx) => {
    ctx.body = await services.alerts.acknowledge(actorOf(ctx), ctx.params.id ?? '');
  });
  return router;
}
