import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { pointInPolygon } from '@fairwatch/venue';
import { gridPointsInside, toLatLng } from '../src/lib/floor-geometry.ts';
import { STAND_HEAT_FULL, ZONE_HEAT_WEIGHT, heatPointsOf, heatSamplesOf } from '../src/lib/heat-points.ts';

const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
const lShape: [number, number][] = [[0, 0], [20, 0], [20, 10], [10, 10], [10, 20], [0, 20]];

describe('floor geometry', () => {
  it('puts north up and east right: [x, y] becomes [lat = y, lng = x]', () => expect(toLatLng([3, 7])).toEqual([7, 3]));

  it('spreads grid points over the whole polygon and only inside it, also in a concave shape', () => {
    const points = gridPointsInside(lShape, 30);
    expect(points.length).toBeGreaterThan(15);
    expect(points.every((point) => pointInPolygon(point, lShape))).toBe(true);
  });
});

describe('heat points', () => {
  const venue = {
    id: 'v', name: { ar: 'م', fr: 'v', en: 'v' }, timezone: 'UTC', width: 20, height: 20,
    zones: [{ id: 'z', name: { ar: 'م', fr: 'z', en: 'z' }, kind: 'exhibit', polygon: square, areaM2: 100, capacity: 200, thresholds: { busy: 1, crowded: 2, critical: 4 } }],
    stands: [
      { id: 's1', zone: 'z', name: { ar: 'م', fr: 's', en: 's' }, polygon: [[1, 1], [3, 1], [3, 3], [1, 3]] },
      { id: 's2', zone: 'z', name: { ar: 'م', fr: 's', en: 's' }, polygon: [[5, 5], [7, 5], [7, 7], [5, 7]] },
    ],
    gates: [{ id: 'g', name: { ar: 'م', fr: 'g', en: 'g' }, from: null, to: 'z', position: [0, 5] }],
  } satisfies Venue;
  const snapshot = (density: number, s1: number, s2: number): Snapshot => ({
    seq: 1, at: '2022-10-15T10:00:00Z',
    totals: { inside: 0, entriesToday: 0, exitsToday: 0, peakInside: 0, peakAt: null },
    zones: { z: { occupancy: density * 100, density, level: 'normal' } },
    stands: { s1: { checkinsToday: s1, checkinsLast15m: s1 }, s2: { checkinsToday: s2, checkinsLast15m: s2 } },
    gates: {}, incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
  });
  const samples = heatSamplesOf(venue);

  it('weights zone points by density relative to the critical threshold, capped at 1', () => {
    const points = heatPointsOf(samples, snapshot(2, 0, 0));
    expect(points.length).toBe(samples.zones[0]?.points.length);
    expect(points.every(([, , intensity]) => intensity === 0.5 * ZONE_HEAT_WEIGHT)).toBe(true);
    expect(heatPointsOf(samples, snapshot(9, 0, 0)).every(([, , intensity]) => intensity === ZONE_HEAT_WEIGHT)).toBe(true);
  });

  it('weights stands by their recent check-ins on a fixed scale, capped at 1', () => {
    const points = heatPointsOf(samples, snapshot(0, STAND_HEAT_FULL * 2, STAND_HEAT_FULL / 2));
    expect(points).toEqual([[2, 2, 1], [6, 6, 0.5]]);
  });
});
