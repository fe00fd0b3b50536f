import type { Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { localTimeToInstant, venueDay } from '@fairwatch/venue/venue-time';

/**
 * Sensor rules of the floor that need the venue's hours (issue 17): gates gone silent while the
 * venue is open, and the nightly closing reset. Pure: instants are given.
 */

/** A share of a zone's capacity by which counters may be off before operators hear of it. */
export const DEFAULT_DRIFT_SHARE = 0.05;

/** Whether the venue is open at `nowMs` (always, without opening hours). */
export function venueOpen(venue: Pick<Venue, 'openingHours' | 'timezone'>, nowMs: number): boolean {
  if (!venue.openingHours) return true;
  const day = venueDay(nowMs, venue.timezone);
  const open = localTimeToInstant(day, venue.openingHours.open, venue.timezone);
  const close = localTimeToInstant(day, venue.openingHours.close, venue.timezone);
  return close > open ? nowMs >= open && nowMs < close : nowMs >= open || nowMs < close;
}

/** Gates that reported and then went silent (offline in the figures): the ones to alert on while open. */
export function silentGatesIn(snapshot: Pick<Snapshot, 'gates'>): string[] {
  return Object.entries(snapshot.gates).filter(([, gate]) => gate.lastReportAt !== null && !gate.online).map(([id]) => id);
}

/** The local time of the nightly reset, when the venue has one. */
export function closingResetTime(venue: Pick<Venue, 'closingReset' | 'openingHours'>): string | null {
  if (!venue.closingReset) return null;
  return venue.closingReset.at ?? venue.openingHours?.close ?? null;
}

/** The venue day whose closing reset is due at `nowMs` (its reset time has passed), or null before it. */
export function closingResetDue(venue: Pick<Venue, 'closingReset' | 'openingHours' | 'timezone'>, nowMs: number): string | null {
  const at = closingResetTime(venue);
  if (!at) return null;
  const day = venueDay(nowMs, venue.timezone);
  return nowMs >= localTimeToInstant(day, at, venue.timezone) ? day : null;
}
