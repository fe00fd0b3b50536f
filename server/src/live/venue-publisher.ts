import { Venue as VenueSchema, type Venue } from '@fairwatch/venue';
import { occupiedRemovals, venueProblems, versionRecord, VERSIONS_KEPT } from '../domain/venue-versions.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { summaryOf, type VenueVersionSummary } from '../store/venue-repository.ts';
import { LiveVenue } from './live-venue.ts';

export interface PublishRequest {
  /** The whole venue, untrusted (parsed JSON). */
  venue: unknown;
  by: string;
  /** If-Match: the version the editor started from; refused when another was published since. */
  basedOn?: number;
  /** Go on although a removed zone holds people. */
  confirmRemoval?: boolean;
  restoredFrom?: number;
  /** What this version changes, in the admin's words (shown in the versions list). */
  note?: string;
}

export interface PublishOutcome {
  summary: VenueVersionSummary;
  /** Zones removed while people were in them (published with confirmRemoval). */
  removedOccupied: Array<{ zone: string; inside: number }>;
}

const stale = (current: number) => new ApiError('stale_version', `the venue is at version ${current} now; reload it and publish again`, [{ path: 'version', message: `current version is ${current}` }]);

/**
 * Publishing a venue (issue 16): validate, refuse a stale base, ask before hiding the figures of an
 * occupied zone, store a new version by compare-and-set, then serve it here at once (the store's bus
 * brings it to the other instances). Nothing is changed when any step refuses.
 */
export async function publishVenue(deps: { store: Store; live: LiveVenue; now: () => Date }, request: PublishRequest): Promise<PublishOutcome> {
  const { store, live } = deps;
  const details = venueProblems(request.venue);
  if (details.length) throw new ApiError('invalid_venue', `the venue has ${details.length} problem(s); nothing was published`, details);
  const venue: Venue = VenueSchema.parse(request.venue);
  if (venue.plan && !(await store.venues.getImage(venue.plan.image))) {
    throw new ApiError('invalid_venue', 'the plan names an image that was not uploaded', [{ path: 'plan.image', message: 'upload the image first (PUT /api/v1/venue/plan)', code: 'unknown_image' }]);
  }
  const current = await store.venues.currentVersion();
  if (request.basedOn !== undefined && request.basedOn !== current) throw stale(current);
  const before = (await store.venues.readVersion(current))?.venue ?? live.current();
  const at = deps.now();
  const floor = await store.readFloor(venueDay(at, before.timezone), at.getTime());
  const removals = occupiedRemovals(before, venue, floor.occupancy);
  if (removals.length && !request.confirmRemoval) {
    throw new ApiError('removes_occupied', 'the new venue removes zones that hold people now; confirm to publish anyway', removals);
  }
  const record = versionRecord(venue, current + 1, request.by, at, { restoredFrom: request.restoredFrom, ...(request.note && { note: request.note }) });
  if (!(await store.venues.appendVersion(current, record))) throw stale(await store.venues.currentVersion());
  live.apply(venue, record.version);
  if (record.version > VERSIONS_KEPT) await store.venues.dropVersionsBelow(record.version - VERSIONS_KEPT + 1);
  return { summary: summaryOf(record), removedOccupied: removals.map(({ zone, inside }) => ({ zone, inside })) };
}

/**
 * The venue to serve at start: the store's current version; on the very first start, `seed`
 * (VENUE_FILE or the bundled venue) stored as version 1. Later starts ignore the seed.
 */
export async function openLiveVenue(store: Store, seed: Venue, logger: Logger, now: () => Date): Promise<LiveVenue> {
  let current = await store.venues.currentVersion();
  if (current === 0) {
    // Two instances starting together: one seed wins, the other reads it.
    if (await store.venues.appendVersion(0, versionRecord(seed, 1, 'seed', now(), { note: 'first start' }))) logger.info({ venue: seed.id }, 'venue version 1 seeded from the venue file');
    current = await store.venues.currentVersion();
  }
  const stored = await store.venues.readVersion(current);
  if (!stored) throw new Error(`the store names venue version ${current} but does not hold it`);
  const parsed = VenueSchema.safeParse(stored.venue);
  if (!parsed.success) throw new Error(`venue version ${current} in the store no longer matches the venue schema: ${parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return new LiveVenue(parsed.data, current);
}

/** After a `venue` change on the bus: serve that version if it is newer than the one served here. */
export async function followVenueVersion(store: Store, live: LiveVenue, version: number, logger: Logger): Promise<void> {
  if (version <= live.version()) return;
  try {
    const stored = await store.venues.readVersion(version);
    if (stored) live.apply(stored.venue, version);
  } catch (error) {
    logger.error({ err: String(error), version }, 'could not read a published venue version; still serving the previous one');
  }
}
