import type { Snapshot } from '@fairwatch/protocol';
import { polygonCentroid, type Point, type Venue } from '@fairwatch/venue';
import { gridPointsInside, toLatLng } from './floor-geometry.ts';

export type HeatPoint = [lat: number, lng: number, intensity: number];

/**
 * A zone's grid points overlap once blurred and their alphas add up; halving them keeps a zone at its
 * busy threshold from glowing in the "crowded" colour. Stands are single points and keep full weight.
 */
export const ZONE_HEAT_WEIGHT = 0.5;

/**
 * Check-ins in the last 15 minutes at which a stand glows at full heat (about one visitor scanned every
 * 15 seconds). A fixed scale, not relative to the busiest stand, so that a quiet fair does not look hot.
 */
export const STAND_HEAT_FULL = 60;

/** Where the heat is sampled; computed once per venue, since the floor plan does not move. */
export interface HeatSamples {
  zones: { id: string; points: Point[]; critical: number }[];
  stands: { id: string; centre: Point }[];
}

export function heatSamplesOf(venue: Venue): HeatSamples {
  return {
    zones: venue.zones.map((zone) => ({ id: zone.id, points: gridPointsInside(zone.polygon), critical: zone.thresholds.critical })),
    stands: venue.stands.map((stand) => ({ id: stand.id, centre: polygonCentroid(stand.polygon) })),
  };
}

/**
 * The heat at one moment, intensities in 0..1: each zone's density relative to its critical threshold (weighted),
 * spread over its surface, plus each stand's check-ins of the last 15 minutes against a fixed scale.
 */
export function heatPointsOf(samples: HeatSamples, snapshot: Snapshot): HeatPoint[] {
  const points: HeatPoint[] = [];
  for (const zone of samples.zones) {
    const density = snapshot.zones[zone.id]?.density ?? 0;
    const intensity = Math.min(density / zone.critical, 1) * ZONE_HEAT_WEIGHT;
    if (intensity > 0) for (const point of zone.points) points.push([...toLatLng(point), intensity]);
  }
  for (const stand of samples.stands) {
    const checkins = snapshot.stands[stand.id]?.checkinsLast15m ?? 0;
    if (checkins > 0) points.push([...toLatLng(stand.centre), Math.min(checkins / STAND_HEAT_FULL, 1)]);
  }
  return points;
}
