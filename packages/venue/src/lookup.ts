import type { Gate, Stand, Venue, Zone } from './schema.ts';

/** A venue's zones, stands and gates by id, and what touches each zone. */
export interface VenueIndex {
  zones: ReadonlyMap<string, Zone>;
  stands: ReadonlyMap<string, Stand>;
  gates: ReadonlyMap<string, Gate>;
  /** The gates whose `from` or `to` is the zone, in venue order (empty for an unknown zone). */
  gatesOfZone(zoneId: string): readonly Gate[];
  /** The stands of the zone, in venue order (empty for an unknown zone). */
  standsOfZone(zoneId: string): readonly Stand[];
}

/** Groups items under a key, keeping their order. */
function groupBy<T>(items: readonly T[], keysOf: (item: T) => Array<string | null>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      if (key === null) continue;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** Builds the lookups once, so that hot paths (every delta, every ingest) never scan the arrays. */
export function indexVenue(venue: Venue): VenueIndex {
  const gatesByZone = groupBy(venue.gates, (gate) => [gate.from, gate.to]);
  const standsByZone = groupBy(venue.stands, (stand) => [stand.zone]);
  return {
    zones: new Map(venue.zones.map((zone) => [zone.id, zone])),
    stands: new Map(venue.stands.map((stand) => [stand.id, stand])),
    gates: new Map(venue.gates.map((gate) => [gate.id, gate])),
    gatesOfZone: (zoneId) => gatesByZone.get(zoneId) ?? [],
    standsOfZone: (zoneId) => standsByZone.get(zoneId) ?? [],
  };
}
