import Router from '@koa/router';
import { requireStaff } from '../http/auth.ts';
import type { VenueClock } from '@fairwatch/protocol';
import { venueOffsets } from '@fairwatch/venue/venue-time';
import type { RouteDeps } from './context.ts';

/** GET /clock and GET /stats: the floor's clock and what is happening on it (GET /venue: venue.routes.ts). */
export function figuresRoutes({ credentials, sessions, venue, feed, now }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  // An extension: the venue's UTC offsets as the server resolves them, so that every screen formats
  // venue times exactly as the server and its reports do (not with the browser's time-zone data).
  router.get('/api/v1/clock', staff, (ctx) => {
    const at = now();
    const body: VenueClock = { timezone: venue.timezone, now: at.toISOString(), offsets: venueOffsets(at.getTime(), venue.timezone) };
    ctx.body = body;
  });
  router.get('/api/v1/stats', staff, async (ctx) => {
    const snapshot = await feed.current();
    if (snapshot.stale) ctx.set('X-FairWatch-Stale', 'true');
    ctx.body = snapshot;
  });
  return router;
}
