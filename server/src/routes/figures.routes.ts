import Router from '@koa/router';
import { requireStaff } from '../http/auth.ts';
import type { RouteDeps } from './context.ts';

/** GET /venue and GET /stats: what the floor is and what is happening on it. */
export function figuresRoutes({ credentials, sessions, venue, feed }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const venueJson = JSON.stringify(venue);
  router.get('/api/v1/venue', staff, (ctx) => {
    ctx.type = 'application/json';
    ctx.body = venueJson;
  });
  router.get('/api/v1/stats', staff, async (ctx) => {
    const snapshot = await feed.current();
    if (snapshot.stale) ctx.set('X-FairWatch-Stale', 'true');
    ctx.body = snapshot;
  });
  return router;
}
