import { describe, expect, it } from 'vitest';
import { emptyRollup, rollCheckin, rollCount, rollPeak, rollupFromHash, rollZonePeak, standTotals } from '../../src/domain/rollups.ts';

const at = (hour: number) => `2022-10-15T${String(hour - 1).padStart(2, '0')}:10:00.000Z`;

describe('day roll-ups', () => {
  it('adds entries and exits per hour, and keeps the day and hourly peaks with the instant that set them', () => {
    const rollup = emptyRollup('2022-10-15');
    rollCount(rollup, { hour: 10, entries: 50, exits: 0 });
    rollPeak(rollup, 10, at(10), 50);
    rollCount(rollup, { hour: 10, entries: 30, exits: 10 });
    rollPeak(rollup, 10, at(10), 70);
    rollZonePeak(rollup, 'hall', 70);
    rollCount(rollup, { hour: 11, entries: 0, exits: 40 });
    rollPeak(rollup, 11, at(11), 30);
    rollZonePeak(rollup, 'hall', 30);
    expect(rollup).toMatchObject({ entries: 80, exits: 50, peakInside: 70, peakAt: '2022-10-15T09:10:00.000Z' });
    expect(rollup.entriesByHour[10]).toBe(80);
    expect(rollup.exitsByHour[11]).toBe(40);
    expect(rollup.peakByHour.slice(9, 13)).toEqual([-1, 70, 30, -1]);
    expect(rollup.zonePeaks).toEqual({ hall: 70 });
  });

  it('adds flows without peaks: those come once per instant (floor-counters InstantPeaks)', () => {
    const rollup = emptyRollup('2022-10-15');
    rollCount(rollup, { hour: 12, entries: 20, exits: 5 });
    expect(rollup).toMatchObject({ entries: 20, exits: 5, peakInside: null, zonePeaks: {} });
  });

  it('counts check-ins per stand per hour', () => {
    const rollup = emptyRollup('2022-10-15');
    rollCheckin(rollup, 'S1', 10);
    rollCheckin(rollup, 'S1', 10);
    rollCheckin(rollup, 'S2', 11);
    expect(rollup.checkins).toBe(3);
    expect(rollup.checkinsByHour[10]).toBe(2);
    expect(rollup.standHours.S1![10]).toBe(2);
    expect(standTotals(rollup)).toEqual(new Map([['S1', 2], ['S2', 1]]));
  });

  it('reads back the Redis hash layout into the same roll-up', () => {
    const hash = { 'e:10': '80', 'x:11': '40', 'p:10': '70', 'c:10': '2', 's:P-001:10': '2', 'z:hall': '70', peak: '70', peakAt: '2022-10-15T09:10:00.000Z' };
    const rollup = rollupFromHash('2022-10-15', hash, 12);
    expect(rollup).toMatchObject({ entries: 80, exits: 40, checkins: 2, peakInside: 70, uniqueVisitors: 12, zonePeaks: { hall: 70 } });
    expect(rollup.standHours['P-001']![10]).toBe(2);
  });
});
