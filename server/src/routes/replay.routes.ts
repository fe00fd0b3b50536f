import Router from '@koa/router';
import { z } from 'zod';
import { Instant } from '@fairwatch/protocol';
import { requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

const Day = z.string().regex(/^\d{4}-\d\d-\d\d$/);

/**
 * Extensions of the contract (issue 3): `GET /api/v1/replay?at=` (the floor at a past instant) and
 * `GET /api/v1/replay/day?day=` (the day's occupancy per zone per minute and entries per 5 minutes).
 */
export function replayRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);

  router.get('/api/v1/replay', staff, async (ctx) => {
    const parsed = Instant.safeParse(ctx.query.at);
    if (!parsed.success) throw new ApiError('invalid_request', 'at must be an ISO-8601 instant', [{ path: 'at', message: 'an ISO-8601 instant with a time zone' }]);
    ctx.body = await services.replay.frame(Date.parse(parsed.data));
  });

  router.get('/api/v1/replay/day', staff, async (ctx) => {
    const day = ctx.query.day === undefined ? undefined : Day.safeParse(ctx.query.day).data;
    if (ctx.query.day !== undefined && !day) throw new ApiError('invalid_request', 'day must be YYYY-MM-DD', [{ path: 'day', message: 'YYYY-MM-DD' }]);
    ctx.body = await services.replay.day(day);
  });
  return router;
}
