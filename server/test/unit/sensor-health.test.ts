import { describe, expect, it } from 'vitest';
import { applyCount, emptyFloorCounters, insideOf, type PreparedCount } from '../../src/domain/floor-counters.ts';
import type { FloorState } from '../../src/domain/floor-state.ts';
import { buildFigures } from '../../src/domain/live-figures.ts';
import { applyRecount } from '../../src/domain/recount.ts';
import { dayTimeline, floorStateOf, replayUntil, type LogEntry } from '../../src/domain/replay.ts';
import { gateOffline, uncertainZones, withSensorHealth } from '../../src/domain/sensor-health.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const DAY = '2022-10-15';
const NOW = Date.parse('2022-10-15T16:00:00.000Z');
const context = { today: DAY, nowMs: NOW, nowIso: new Date(NOW).toISOString() };
const door = { from: null, to: 'hall' };
const toStage = { from: 'hall', to: 'stage' };
let n = 0;
const count = (line: PreparedCount['line'], inCount: number, outCount: number): PreparedCount => ({
  id: `c${n++}`, gate: line.to === 'stage' ? 'hall-stage' : 'door', line, in: inCount, out: outCount, at: new Date(NOW).toISOString(), atMs: NOW, day: DAY,
});
const floor = (gateLastReport: Record<string, number>): FloorState => ({
  day: DAY, occupancy: { hall: 50 }, entries: 0, exits: 0, peakInside: null, peakAt: null, gates: {}, gateLastReport,
  standCheckins: {}, recentCheckins: [], incidents: [], drift: { stage: 3 },
});

describe('sensor health', () => {
  it('takes a gate silent for longer than the offline time as offline, not one that never reported', () => {
    expect(gateOffline(NOW - 60_000, NOW, 60_000)).toBe(false);
    expect(gateOffline(NOW - 60_001, NOW, 60_000)).toBe(true);
    expect(gateOffline(undefined, NOW, 60_000)).toBe(false);
  });

  it('marks the zones on both sides of an offline gate uncertain', () => {
    expect([...uncertainZones(tinyVenue, { door: NOW - 10_000, 'hall-stage': NOW - 600_000 }, NOW, 300_000)].sort()).toEqual(['hall', 'stage']);
    expect([...uncertainZones(tinyVenue, { door: NOW - 600_000, 'hall-stage': NOW }, NOW, 300_000)]).toEqual(['hall']);
  });

  it('adds uncertain and drift to every zone of the figures', () => {
    const state = floor({ door: NOW - 600_000 });
    const figures = withSensorHealth(buildFigures(state, tinyVenue, new Date(NOW), { gateOfflineMs: 300_000 }), state, tinyVenue, NOW, 300_000);
    expect(figures.zones.hall).toMatchObject({ occupancy: 50, uncertain: true, drift: 0 });
    expect(figures.zones.stage).toMatchObject({ uncertain: false, drift: 3 });
    expect(figures.gates.door?.online).toBe(false);
  });
});

describe('drift and recount', () => {
  it('holds a zone at zero and counts the persons dropped (drift)', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, count(door, 10, 0), context);
    applyCount(counters, count(toStage, 0, 4), context); // 4 leave the stage, which is empty
    expect(Object.fromEntries(counters.occupancy)).toEqual({ hall: 14, stage: 0 });
    expect(counters.drift.get('stage')).toBe(4);
  });

  it('resets a zone to a head count, forgets its drift and keeps inside the sum of the zones', () => {
    const counters = emptyFloorCounters();
    applyCount(counters, count(door, 10, 0), context);
    applyCount(counters, count(toStage, 0, 4), context);
    expect(applyRecount(counters, 'stage', 6, { ...context, nowMs: NOW + 1, nowIso: new Date(NOW + 1).toISOString() })).toBe(0);
    expect(counters.drift.has('stage')).toBe(false);
    expect(insideOf(counters)).toBe(20);
    expect(counters.days.get(DAY)).toMatchObject({ peakInside: 20 });
    // Later counts apply on top of the head count; gate figures are untouched by it.
    applyCount(counters, count(toStage, 0, 2), context);
    expect(Object.fromEntries(counters.occupancy)).toEqual({ hall: 16, stage: 4 });
    expect(counters.gateDays.get(DAY)?.get('hall-stage')).toEqual({ in: 0, out: 6 });
  });
});

describe('replay from the log', () => {
  const at = (minutes: number) => NOW + minutes * 60_000;
  const log: LogEntry[] = [
    { type: 'counts', atMs: at(1), items: [{ id: 'a', gate: 'door', in: 30, out: 0, at: new Date(at(1)).toISOString() }] },
    { type: 'counts', atMs: at(2), items: [{ id: 'b', gate: 'hall-stage', in: 10, out: 0, at: new Date(at(2)).toISOString() }] },
    { type: 'recount', atMs: at(3), zone: 'stage', count: 25 },
    { type: 'counts', atMs: at(4), items: [{ id: 'c', gate: 'door', in: 5, out: 2, at: new Date(at(4)).toISOString() }] },
  ];

  it('rebuilds the floor at any earlier minute through the same rules', () => {
    expect(floorStateOf(replayUntil(log, tinyVenue, at(1.5)), DAY, at(1.5)).occupancy).toEqual({ hall: 30 });
    expect(floorStateOf(replayUntil(log, tinyVenue, at(2.5)), DAY, at(2.5)).occupancy).toEqual({ hall: 20, stage: 10 });
    const later = floorStateOf(replayUntil(log, tinyVenue, at(5)), DAY, at(5));
    expect(later.occupancy).toEqual({ hall: 23, stage: 25 });
    expect(later).toMatchObject({ entries: 35, exits: 2 });
  });

  it('gives the day as one point per minute and entries per 5 minutes', () => {
    const timeline = dayTimeline(log, tinyVenue, DAY, at(6));
    const minute = timeline.minutes.indexOf(at(2));
    expect(timeline.zones.stage?.[minute]).toBe(10);
    expect(timeline.zones.stage?.at(-1)).toBe(25);
    expect(timeline.entries5m.entries.reduce((a, b) => a + b, 0)).toBe(35);
  });
});
