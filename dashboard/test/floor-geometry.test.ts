import { describe, expect, it } from 'vitest';
import type { DensityLevel } from '@fairwatch/protocol';
import { depthInLevel, thresholdGroups, zoneFillOpacity } from '../src/lib/density-levels.ts';
import { toLatLng } from '../src/lib/floor-geometry.ts';
import { STAND_ACTIVITY_FULL, standActivity } from '../src/lib/stand-activity.ts';

describe('floor geometry', () => {
  it('puts north up and east right: [x, y] becomes [lat = y, lng = x]', () => expect(toLatLng([3, 7])).toEqual([7, 3]));
});

describe('crowding colours', () => {
  const thresholds = { busy: 1, crowded: 2, critical: 3.5 };
  const stage = { busy: 2, crowded: 3, critical: 4 };
  const LEVELS: DensityLevel[] = ['normal', 'busy', 'crowded', 'critical'];

  it('measures how far a zone is into its level against its own thresholds', () => {
    expect(depthInLevel(0.3, 'normal', thresholds)).toBeCloseTo(0.3);
    expect(depthInLevel(1.5, 'busy', thresholds)).toBeCloseTo(0.5);
    expect(depthInLevel(2.5, 'busy', stage)).toBeCloseTo(0.5);
    expect(depthInLevel(9, 'critical', thresholds)).toBe(1);
    expect(depthInLevel(0, 'busy', thresholds)).toBe(0);
  });

  it('never fills a quieter level more strongly than a busier one, whatever the density', () => {
    for (let i = 1; i < LEVELS.length; i++) {
      const quieterAtItsTop = zoneFillOpacity(100, LEVELS[i - 1]!, thresholds);
      const busierAtItsStart = zoneFillOpacity(0, LEVELS[i]!, thresholds);
      expect(quieterAtItsTop).toBeLessThan(busierAtItsStart);
    }
  });

  it('fills a normal zone at 0.3 p/m² faintly (the products pole glowed red before)', () => {
    expect(zoneFillOpacity(0.3, 'normal', thresholds)).toBeLessThan(0.2);
  });

  it('groups zones by thresholds for the legend, the largest group first', () => {
    const zone = (id: string, t: typeof thresholds) => ({ id, thresholds: t }) as never;
    const groups = thresholdGroups([zone('a', thresholds), zone('stage', stage), zone('b', thresholds)]);
    expect(groups.map((group) => group.zones.length)).toEqual([2, 1]);
    expect(groups[1]!.thresholds).toEqual(stage);
  });

  it('scales stand activity on a fixed scale, capped at 1', () => {
    expect(standActivity(STAND_ACTIVITY_FULL / 2)).toBe(0.5);
    expect(standActivity(STAND_ACTIVITY_FULL * 3)).toBe(1);
    expect(standActivity(0)).toBe(0);
  });
});
