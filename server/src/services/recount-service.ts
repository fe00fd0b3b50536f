import type { RecountResult } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { venueDay } from '@fairwatch/venue/venue-time';
import { DEFAULT_DRIFT_SHARE } from '../domain/floor-watch.ts';
import { ApiError } from '../http/errors.ts';
import { reportDrift } from '../live/drift-alerts.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { Store } from '../store/store.ts';
import { RECOUNT_ROLES, requireRole, type Actor } from './actor.ts';
import type { AuditTrail } from './audit-trail.ts';

export interface RecountServiceDeps {
  store: Store;
  /** The venue served now. */
  venue: () => Venue;
  feed: FiguresFeed;
  audit: AuditTrail;
  now: () => Date;
}

/**
 * Manual head counts (issue 3): a zone's occupancy set to what staff counted, its drift forgotten,
 * audited. Gate figures are crossings already counted and stay; `inside` is the sum of the zones.
 */
export class RecountService {
  constructor(private readonly deps: RecountServiceDeps) {}

  async recount(actor: Actor, zoneId: string, count: number, note?: string): Promise<RecountResult> {
    requireRole(actor, RECOUNT_ROLES);
    const { store, feed, audit, now } = this.deps;
    const venue = this.deps.venue();
    const zone = venue.zones.find((candidate) => candidate.id === zoneId);
    if (!zone) throw new ApiError('not_found', `no zone "${zoneId}"`);
    const at = now();
    const by = actor.username;
    const { before } = await store.recountZone(zone.id, count, { by, ...(note ? { note } : {}), nowMs: at.getTime(), nowIso: at.toISOString(), today: venueDay(at, venue.timezone) });
    feed.markDirty();
    // The counters said `before`, the head count found `count`: beyond the venue's share, operators hear of it.
    await reportDrift(store, zone, { counted: before, actual: count, source: 'recount' }, venue.driftShare ?? DEFAULT_DRIFT_SHARE, feed.latest()?.zones[zone.id], at.getTime());
    audit.record(actor, 'zone.recount', { zone: zone.id, before, after: count, ...(note ? { note } : {}) });
    return { zone: zone.id, before, after: count, at: at.toISOString(), by, ...(note ? { note } : {}) };
  }
}
