import { describe, expect, it } from 'vitest';
import { compareDays, entriesByMinute } from '../../src/domain/comparisons.ts';
import { emptyRollup } from '../../src/domain/rollups.ts';

const day = (name: string, byHour: Record<number, number>) => {
  const rollup = emptyRollup(name);
  for (const [hour, value] of Object.entries(byHour)) rollup.entriesByHour[Number(hour)] = value;
  rollup.entries = rollup.entriesByHour.reduce((a, b) => a + b, 0);
  return rollup;
};

describe('comparisons between fair days', () => {
  it('counts entries up to a time of day, the hour in progress in proportion', () => {
    const hours = day('x', { 10: 120, 11: 60 }).entriesByHour;
    expect(entriesByMinute(hours, 10 * 60)).toBe(0);
    expect(entriesByMinute(hours, 10 * 60 + 30)).toBe(60);
    expect(entriesByMinute(hours, 11 * 60 + 15)).toBe(135);
    expect(entriesByMinute(hours, 24 * 60)).toBe(180);
  });

  it('compares today with each earlier day at the same time, and today\'s hours with yesterday\'s', () => {
    const today = day('2022-10-16', { 10: 100, 11: 100 });
    const earlier = [day('2022-10-15', { 10: 50, 11: 150, 12: 300 }), day('2022-10-14', { 10: 200, 11: 200 }), day('2022-10-17', { 10: 1 })];
    const result = compareDays(today, earlier, 11 * 60 + 30, '2022-10-15');
    // Today's figures stop at now, so its hour in progress counts whole; earlier days' in proportion.
    expect(result.entriesByNow).toBe(200);
    expect(result.earlier.map((d) => d.day)).toEqual(['2022-10-14', '2022-10-15']);
    expect(result.earlier[0]).toMatchObject({ entriesByNow: 300, entriesTotal: 400 });
    expect(result.earlier[0]!.change).toBeCloseTo(-1 / 3);
    expect(result.earlier[1]).toMatchObject({ entriesByNow: 125, entriesTotal: 500, change: 0.6 });
    expect(result.hourly.yesterday?.[12]).toBe(300);
    expect(result.hourly.today[10]).toBe(100);
  });

  it('has no yesterday on the first day of the fair', () => {
    expect(compareDays(day('2022-10-14', { 10: 5 }), [], 600, '2022-10-13').hourly.yesterday).toBeNull();
  });
});
