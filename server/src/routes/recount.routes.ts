import Router from '@koa/router';
import { RecountRequest, type RecountResult, type Role } from '@fairwatch/protocol';
import { venueDay } from '@fairwatch/venue/venue-time';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';
import { DEFAULT_DRIFT_SHARE } from '../domain/floor-watch.ts';
import { reportDrift } from '../live/drift-alerts.ts';

/** Roles that may reset a zone's occupancy from a head count. */
export const RECOUNT_ROLES: readonly Role[] = ['operations', 'admin'];

/**
 * An extension of the contract (issue 3): `POST /api/v1/zones/:id/recount { count, note? }` sets the
 * zone's occupancy to a manual head count (and forgets its drift), with an audit entry. Gate figures
 * are crossings already counted and stay; `inside` is the sum of the zones, so it follows.
 */
export function recountRoutes({ store, venue, credentials, sessions, audit, feed, now }: RouteDeps): Router {
  const router = new Router();
  const operations = requireStaff(sessions, credentials, RECOUNT_ROLES);
  router.post('/api/v1/zones/:id/recount', operations, async (ctx) => {
    const zone = venue.zones.find((candidate) => candidate.id === ctx.params.id);
    if (!zone) throw new ApiError('not_found', `no zone "${ctx.params.id}"`);
    const { count, note } = await readBody(ctx, RecountRequest);
    const by = sessionOf(ctx).username;
    const at = now();
    const { before } = await store.recountZone(zone.id, count, {
      by, ...(note ? { note } : {}), nowMs: at.getTime(), nowIso: at.toISOString(), today: venueDay(at, venue.timezone),
    });
    feed.markDirty();
    // The counters said `before`, the head count found `count`: beyond the venue's share, operators hear of it.
    await reportDrift(store, zone, { counted: before, actual: count, source: 'recount' }, venue.driftShare ?? DEFAULT_DRIFT_SHARE, feed.latest()?.zones[zone.id], at.getTime());
    audit(ctx, { by, action: 'zone.recount', zone: zone.id, before, after: count, ...(note ? { note } : {}) });
    const result: RecountResult = { zone: zone.id, before, after: count, at: at.toISOString(), by, ...(note ? { note } : {}) };
    ctx.body = result;
  });
  return router;
}
