import { checkVenue, issuePath, type Venue } from '@fairwatch/venue';
import type { ErrorDetail } from '@fairwatch/protocol';
import type { StoredVenueVersion } from '../store/venue-repository.ts';

/** Versions kept (the API promises at least 100): older ones are forgotten at the next publish. */
export const VERSIONS_KEPT = 200;

/** A venue's problems as the contract's error details (`zones.2.polygon`, with the rule's code). */
export function venueProblems(json: unknown): ErrorDetail[] {
  return checkVenue(json).slice(0, 200).map((issue) => ({ path: issuePath(issue.path), message: issue.message, code: issue.code }));
}

/** A zone the new version removes while people are counted in it. */
export interface OccupiedRemoval {
  path: 'zones';
  message: string;
  zone: string;
  inside: number;
}

/** Zones of `before` that `after` lacks and that hold people now (`occupancy` by zone id). */
export function occupiedRemovals(before: Venue, after: Venue, occupancy: Readonly<Record<string, number>>): OccupiedRemoval[] {
  const kept = new Set(after.zones.map((zone) => zone.id));
  return before.zones
    .filter((zone) => !kept.has(zone.id) && (occupancy[zone.id] ?? 0) > 0)
    .map((zone) => ({ path: 'zones', zone: zone.id, inside: occupancy[zone.id]!, message: `zone "${zone.id}" holds ${occupancy[zone.id]} people now; removing it hides their figures (publish with confirmRemoval to go on)` }));
}

/** The record of a new version. */
export function versionRecord(venue: Venue, version: number, by: string, at: Date, extra: { note?: string; restoredFrom?: number } = {}): StoredVenueVersion {
  return {
    version,
    publishedAt: at.toISOString(),
    by,
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.restoredFrom !== undefined ? { restoredFrom: extra.restoredFrom } : {}),
    counts: { zones: venue.zones.length, stands: venue.stands.length, gates: venue.gates.length },
    venue,
  };
}

/** `"<version>"` as ETag and If-Match carry it; null when the header names no version. */
export function versionOfTag(header: string): number | null {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}
