import Router from '@koa/router';
import { requireStaff } from '../http/auth.ts';
import type { VenueClock } from '@fairwatch/protocol';
import { venueOffsets } from '@fairwatch/venue/venue-time';
import type { RouteDeps } from './context.ts';

/** GET /venue, GET /clock and GET /stats: what the floor is, its clock, and what is happening on it. */
export function figuresRoutes({ credentials, sessions, venue, feed, now }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const venueJson = JSON.stringify(venue);
  router.get('/api/v1/venue', staff, (ctx) => {
    ctx.type = 'application/json';
    ctx.body = venueJson;
  });
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
