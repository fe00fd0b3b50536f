import Router from '@koa/router';
import { CloseGateRequest, WhatIfRequest } from '@fairwatch/protocol';
import { actorOf, requireStaff } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { GATE_CLOSURE_ROLES } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/**
 * Extensions of the contract (issue 18): `POST /api/v1/egress/what-if { blocked }` (any staff role, a
 * planning question that changes nothing) and `POST /api/v1/gates/:id/close { note? }` /
 * `POST /api/v1/gates/:id/reopen` (operations, admin; audited): services/gate-service.ts.
 */
export function egressRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const operations = requireStaff(sessions, credentials, GATE_CLOSURE_ROLES);

  router.post('/api/v1/egress/what-if', staff, async (ctx) => {
    const { blocked } = await readBody(ctx, WhatIfRequest);
    ctx.body = await services.gates.whatIf(blocked);
  });

  router.post('/api/v1/gates/:id/close', operations, async (ctx) => {
    const { note } = await readBody(ctx, CloseGateRequest);
    ctx.body = await services.gates.setClosed(actorOf(ctx), ctx.params.id ?? '', true, note);
  });

  router.post('/api/v1/gates/:id/reopen', operations, async (ctx) => {
    ctx.body = await services.gates.setClosed(actorOf(ctx), ctx.params.id ?? '', false);
  });
  return router;
}
