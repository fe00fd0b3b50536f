import { describe, expect, it } from 'vitest';
import { missingTime, overTargetSummary, targetTone } from '../src/lib/crowd-flow/flow-style.ts';

const zone = (timeToClearMin: number | null, overTarget: boolean) => ({ timeToClearMin, liveMin: 0, overTarget });

describe('what the what-if panel says is over the target', () => {
  it('names the zones over it when there are some', () => {
    expect(overTargetSummary({ floorMinutes: 9.1, targetMinutes: 8, zones: { plaza: zone(8.5, true), stage: zone(2, false) } })).toBe('zones');
  });

  it('says the whole floor is over it when no single zone is (not "no zone over the target")', () => {
    // The Fes floor with the main gate blocked: 2,854 people through the 4 m second gate, 8.7 min; each zone alone under 8.
    expect(overTargetSummary({ floorMinutes: 8.7, targetMinutes: 8, zones: { plaza: zone(1.6, false), products: zone(3.7, false) } })).toBe('floor');
  });

  it('says nothing is over it when the floor is within it', () => {
    expect(overTargetSummary({ floorMinutes: 8, targetMinutes: 8, zones: { plaza: zone(1.6, false) } })).toBe('none');
    expect(overTargetSummary({ floorMinutes: null, targetMinutes: 8, zones: { plaza: zone(null, false) } })).toBe('none');
  });
});

describe('a time to clear against the target', () => {
  it('is ok under 75 % of it, near up to it, over past it, over with no way out', () => {
    expect([5.9, 6.1, 8, 8.1].map((minutes) => targetTone(minutes, 8))).toEqual(['ok', 'near', 'near', 'over']);
    expect(targetTone(null, 8, true)).toBe('over');
    expect(targetTone(null, 8)).toBe('unknown');
  });
});

describe('a time to clear the server could not give', () => {
  it('reads "no way out" only when exits are closed or blocked, else "widths unknown"', () => {
    expect(missingTime(null, true)).toBe('no-way-out');
    expect(missingTime(null, false)).toBe('unknown');
    expect(missingTime(3.2, false)).toBe('time');
    expect(missingTime(0, true)).toBe('time');
  });
});
