import { describe, expect, it } from 'vitest';
import { applyCount, emptyFloorCounters, insideOf, type PreparedCount } from '../../src/domain/floor-counters.ts';

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
