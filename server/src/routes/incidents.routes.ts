import Router from '@koa/router';
import { IncidentChange, IncidentQuery, IncidentReopen, IncidentReport } from '@fairwatch/protocol';
import { actorOf, requireStaff } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { REOPENERS, RESPONDERS } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/** POST, PATCH and GET /incidents: the incident workflow (services/incident-service.ts). */
export function incidentRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);
  const reopeners = requireStaff(sessions, credentials, REOPENERS);

  router.post('/api/v1/incidents', responders, async (ctx) => {
    const { incident, created } = await services.incidents.report(actorOf(ctx), await readBody(ctx, IncidentReport));
    ctx.status = created ? 201 : 200;
    ctx.body = incident;
  });

  router.patch('/api/v1/incidents/:id', responders, async (ctx) => {
    ctx.body = await services.incidents.change(actorOf(ctx), ctx.params.id ?? '', await readBody(ctx, IncidentChange));
  });

  // An extension beside PATCH (whose rules stay the contract's: nothing leaves "resolved" there).
  router.post('/api/v1/incidents/:id/reopen', reopeners, async (ctx) => {
    ctx.body = await services.incidents.reopen(actorOf(ctx), ctx.params.id ?? '', await readBody(ctx, IncidentReopen));
  });

  router.get('/api/v1/incidents', staff, async (ctx) => {
    const query = IncidentQuery.safeParse(ctx.query);
    if (!query.success) throw ApiError.invalid(query.error, 'a filter has a value incidents cannot have');
    ctx.body = { incidents: await services.incidents.list(query.data) };
  });

  // Extension: one incident with its whole history (lists leave older notes out, see listedIncident).
  router.get('/api/v1/incidents/:id', staff, async (ctx) => {
    ctx.body = await services.incidents.get(ctx.params.id ?? '');
  });

  return router;
}
