import { describe, expect, it } from 'vitest';
import { buildFigures } from '../../src/domain/live-figures.ts';
import { densityLevel } from '../../src/domain/density.ts';
import type { FloorState } from '../../src/domain/floor-state.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const now = new Date('2022-10-15T15:00:00.000Z'); // 16:00 in Fes, 2022-10-15
const floor = (patch: Partial<FloorState> = {}): FloorState => ({
  day: '2022-10-15', occupancy: {}, entries: 0, exits: 0, peakInside: null, peakAt: null, gates: {}, gateLastReport: {},
  standCheckins: {}, recentCheckins: [], incidents: [], ...patch,
});
const options = { gateOfflineMs: 5 * 60_000 };

describe('densityLevel', () => {
  const t = { busy: 1, crowded: 2, critical: 3.5 };
  it.each([[0, 'normal'], [0.99, 'normal'], [1, 'busy'], [1.99, 'busy'], [2, 'crowded'], [3.5, 'critical'], [9, 'critical']] as const)(
    'puts %s persons/m² at %s', (density, level) => expect(densityLevel(density, t)).toBe(level),
  );
});

describe('buildFigures', () => {
  it('derives density and level per zone, and inside as their sum', () => {
    const figures = buildFigures(floor({ occupancy: { hall: 150, stage: 180 } }), tinyVenue, now, options);
    expect(figures.zones.hall).toEqual({ occupancy: 150, density: 1.5, level: 'busy' });
    expect(figures.zones.stage).toEqual({ occupancy: 180, density: 3.6, level: 'critical' });
    expect(figures.totals.inside).toBe(330);
  });

  it('counts only check-ins of the last 15 minutes as recent', () => {
    const recentCheckins = [
      { stand: 'S1', atMs: now.getTime() - 60_000 },
      { stand: 'S1', atMs: now.getTime() - 14 * 60_000 },
      { stand: 'S1', atMs: now.getTime() - 16 * 60_000 },
    ];
    const figures = buildFigures(floor({ standCheckins: { S1: 3 }, standRepeats: { S1: 1 }, recentCheckins }), tinyVenue, now, options);
    expect(figures.stands.S1).toEqual({ checkinsToday: 3, checkinsLast15m: 2, repeatsToday: 1 });
    expect(figures.stands.S2).toEqual({ checkinsToday: 0, checkinsLast15m: 0, repeatsToday: 0 });
  });

  it('marks a gate offline once it has been silent too long', () => {
    const gateLastReport = { door: now.getTime() - 4 * 60_000, 'hall-stage': now.getTime() - 6 * 60_000 };
    const figures = buildFigures(floor({ gateLastReport }), tinyVenue, now, options);
    expect(figures.gates.door!.online).toBe(true);
    expect(figures.gates['hall-stage']!.online).toBe(false);
    expect(figures.gates['hall-stage']!.lastReportAt).toBe(new Date(gateLastReport['hall-stage']).toISOString());
  });

  it('shows zero daily figures once the venue day has turned, but keeps inside', () => {
    const yesterday = floor({ day: '2022-10-14', occupancy: { hall: 5 }, entries: 40, peakInside: 30, peakAt: 'x', standCheckins: { S1: 9 } });
    const figures = buildFigures(yesterday, tinyVenue, now, options);
    expect(figures.totals).toEqual({ inside: 5, entriesToday: 0, exitsToday: 0, peakInside: 5, peakAt: null });
    expect(figures.stands.S1!.checkinsToday).toBe(0);
  });

  it('counts open and acknowledged incidents, and those resolved today in the venue time zone', () => {
    const incidents = [
      { status: 'open' as const, resolvedAt: null },
      { status: 'acknowledged' as const, resolvedAt: null },
      { status: 'resolved' as const, resolvedAt: '2022-10-15T10:00:00.000Z' },
      { status: 'resolved' as const, resolvedAt: '2022-10-14T23:30:00.000Z' }, // 00:30 on the 15th in Fes
      { status: 'resolved' as const, resolvedAt: '2022-10-14T22:30:00.000Z' }, // 23:30 on the 14th in Fes
    ];
    expect(buildFigures(floor({ incidents }), tinyVenue, now, options).incidents).toEqual({ open: 1, acknowledged: 1, resolvedToday: 2 });
  });
});
