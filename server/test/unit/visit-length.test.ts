import { describe, expect, it } from 'vitest';
import { emptyHours } from '../../src/domain/rollups.ts';
import { estimateVisitLength } from '../../src/domain/visit-length.ts';

const hours = (values: Record<number, number>) => {
  const list = emptyHours();
  for (const [hour, value] of Object.entries(values)) list[Number(hour)] = value;
  return list;
};

describe('the visit-length estimate (Little\'s law)', () => {
  it('is exact once the floor is empty: 100 in during 10h, out during 12h → 2 hours', () => {
    const estimate = estimateVisitLength({ entriesByHour: hours({ 10: 100 }), exitsByHour: hours({ 12: 100 }), untilHour: 24 });
    expect(estimate.personHours).toBeCloseTo(200);
    expect(estimate.minutes).toBeCloseTo(120);
    expect(estimate.averageInside).toBeCloseTo(200 / 3);
    expect(estimate.provisional).toBe(false);
  });

  it('matches a steady state: λ = 60/h, W = 1 h gives L = 60 and W back', () => {
    // People arrive at 60 an hour from 10:00 and stay one hour; from 11:00 as many leave as arrive.
    const estimate = estimateVisitLength({ entriesByHour: hours({ 10: 60, 11: 60, 12: 60, 13: 0 }), exitsByHour: hours({ 11: 60, 12: 60, 13: 60 }), untilHour: 24 });
    expect(estimate.minutes).toBeCloseTo(60);
  });

  it('is a lower bound while people are still inside, using the measured inside now', () => {
    const estimate = estimateVisitLength({ entriesByHour: hours({ 10: 100 }), exitsByHour: hours({}), untilHour: 10.5, insideNow: 50 });
    expect(estimate.provisional).toBe(true);
    // Half an hour, 0 → 50 people: 12.5 person-hours over 100 entries.
    expect(estimate.minutes).toBeCloseTo(7.5);
  });

  it('has no figure before anyone came in', () => {
    expect(estimateVisitLength({ entriesByHour: emptyHours(), exitsByHour: emptyHours(), untilHour: 12 }).minutes).toBeNull();
  });
});
