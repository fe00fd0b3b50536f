import { describe, expect, it } from 'vitest';
import { applyCount, emptyFloorCounters, insideOf, InstantPeaks, reportHour, type PreparedCount } from '../../src/domain/floor-counters.ts';
import { emptyRollup, rollCount, type DayRollup } from '../../src/domain/rollups.ts';

const door = { from: null, to: 'hall' };
const toStage = { from: 'hall', to: 'stage' };
const context = (nowIso: string) => ({ nowIso, nowMs: Date.parse(nowIso), today: nowIso.slice(0, 10) });
let n = 0;
const report = (line: PreparedCount['line'], inCount: number, outCount: number, day = '2022-10-15'): PreparedCount => ({
  id: `r${n++}`, gate: line.to === 'stage' ? 'hall-stage' : 'door', line, in: inCount, out: outCount, at: `${day}T10:00:00Z`, atMs: Date.parse(`${day}T10:00:00Z`), day,
});

describe('applyCount', () => {
  it('keeps inside equal to the sum of the zones as people enter and move', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, report(door, 10, 0), context('2022-10-15T10:00:00.000Z'));
    applyCount(counters, report(toStage, 4, 1), context('2022-10-15T10:01:00.000Z'));
    expect(Object.fromEntries(counters.occupancy)).toEqual({ hall: 7, stage: 3 });
    expect(insideOf(counters)).toBe(10);
    expect(counters.days.get('2022-10-15')).toMatchObject({ entries: 10, exits: 0 });
    expect(counters.gateDays.get('2022-10-15')?.get('hall-stage')).toEqual({ in: 4, out: 1 });
  });

  it('holds a zone at zero on counter drift instead of going negative', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, report(door, 2, 0), context('2022-10-15T10:00:00.000Z'));
    applyCount(counters, report(door, 0, 5), context('2022-10-15T10:01:00.000Z'));
    expect(counters.occupancy.get('hall')).toBe(0);
    expect(counters.days.get('2022-10-15')).toMatchObject({ entries: 2, exits: 5 });
  });

  it('records the peak of inside and when it was first reached', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, report(door, 10, 0), context('2022-10-15T10:00:00.000Z'));
    applyCount(counters, report(door, 5, 0), context('2022-10-15T11:00:00.000Z'));
    applyCount(counters, report(door, 0, 8), context('2022-10-15T12:00:00.000Z'));
    applyCount(counters, report(door, 3, 0), context('2022-10-15T13:00:00.000Z'));
    expect(counters.days.get('2022-10-15')).toMatchObject({ peakInside: 15, peakAt: '2022-10-15T11:00:00.000Z' });
  });

  it('puts entries on the day of the report, and lets only a report of today set today\'s peak', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, report(door, 4, 0, '2022-10-15'), context('2022-10-16T09:00:00.000Z'));
    expect(counters.days.get('2022-10-15')).toMatchObject({ entries: 4 });
    // The late report moved people on the floor, but at a time that was not today.
    expect(counters.days.get('2022-10-16')).toMatchObject({ entries: 0, peakInside: -1 });
    applyCount(counters, report(door, 1, 0, '2022-10-16'), context('2022-10-16T09:01:00.000Z'));
    expect(counters.days.get('2022-10-16')).toMatchObject({ entries: 1, peakInside: 5, peakAt: '2022-10-16T09:01:00.000Z' });
  });
});

describe('InstantPeaks: peaks once every report of an instant is applied (issue 15)', () => {
  const at = (report: PreparedCount, iso: string): PreparedCount => ({ ...report, at: iso, atMs: Date.parse(iso), hour: Number(iso.slice(11, 13)) });
  /** Applies reports as one batch, as the stores do, with the roll-ups of its days. */
  function batch(counters: ReturnType<typeof emptyFloorCounters>, rollups: Map<string, DayRollup>, reports: PreparedCount[], nowIso: string): void {
    const rollupOf = (day: string) => rollups.get(day) ?? rollups.set(day, emptyRollup(day)).get(day)!;
    const peaks = new InstantPeaks(counters, context(nowIso), { rollupOf, hourOf: reportHour });
    for (const one of reports) {
      const applied = applyCount(counters, one, context(nowIso), peaks);
      rollCount(rollupOf(one.day), { entries: applied.entries, exits: applied.exits, hour: reportHour(one) });
    }
    peaks.settle();
  }

  it('takes a zone\'s peak from the floor after all the gates\' reports of one instant, not between them', () => {
    const counters = emptyFloorCounters();
    const rollups = new Map<string, DayRollup>();
    batch(counters, rollups, [at(report(door, 5, 0), '2022-10-15T10:00:00.000Z')], '2022-10-15T10:00:05.000Z');
    // 10 in at the door and the same 10 on to the stage, at 10:01: the hall never held 15.
    batch(counters, rollups, [at(report(door, 10, 0), '2022-10-15T10:01:00.000Z'), at(report(toStage, 10, 0), '2022-10-15T10:01:00.000Z')], '2022-10-15T10:01:05.000Z');
    expect(Object.fromEntries(counters.occupancy)).toEqual({ hall: 5, stage: 10 });
    expect(rollups.get('2022-10-15')!.zonePeaks).toEqual({ hall: 5, stage: 10 });
    expect(rollups.get('2022-10-15')).toMatchObject({ peakInside: 15, peakAt: '2022-10-15T10:01:00.000Z' });
    expect(counters.days.get('2022-10-15')).toMatchObject({ peakInside: 15, peakAt: '2022-10-15T10:01:05.000Z' });
  });

  it('takes inside\'s peak, of the day and of the hour, after the instant too (10 in and 10 out at one instant)', () => {
    const counters = emptyFloorCounters();
    const rollups = new Map<string, DayRollup>();
    batch(counters, rollups, [at(report(door, 20, 0), '2022-10-15T10:00:00.000Z')], '2022-10-15T10:00:05.000Z');
    batch(counters, rollups, [at(report(door, 10, 0), '2022-10-15T11:00:00.000Z'), at(report(door, 0, 10), '2022-10-15T11:00:00.000Z')], '2022-10-15T11:00:05.000Z');
    expect(counters.days.get('2022-10-15')).toMatchObject({ peakInside: 20, peakAt: '2022-10-15T10:00:05.000Z' });
    expect(rollups.get('2022-10-15')!.peakByHour.slice(10, 12)).toEqual([20, 20]);
    expect(rollups.get('2022-10-15')).toMatchObject({ peakInside: 20, peakAt: '2022-10-15T10:00:00.000Z' });
  });

  it('keeps each instant of a batch apart, and sets no peak for a late report of an earlier day', () => {
    const counters = emptyFloorCounters();
    const rollups = new Map<string, DayRollup>();
    batch(counters, rollups, [
      at(report(door, 10, 0), '2022-10-15T10:00:00.000Z'),
      // A minute later they went on: at 10:00 the hall did hold 10.
      at(report(toStage, 10, 0), '2022-10-15T10:01:00.000Z'),
      // Yesterday's, late: 30 in and out again, on a floor that was not today's.
      { ...at(report(door, 30, 0, '2022-10-14'), '2022-10-14T18:00:00.000Z') },
      { ...at(report(door, 0, 30, '2022-10-14'), '2022-10-14T18:00:00.000Z') },
    ], '2022-10-15T10:01:05.000Z');
    expect(rollups.get('2022-10-15')!.zonePeaks).toEqual({ hall: 10, stage: 10 });
    expect(rollups.get('2022-10-15')!.peakByHour.slice(10, 11)).toEqual([10]);
    expect(rollups.get('2022-10-14')).toMatchObject({ entries: 30, exits: 30, peakInside: null, zonePeaks: {} });
    expect(counters.days.get('2022-10-15')).toMatchObject({ peakInside: 10 });
  });
});
