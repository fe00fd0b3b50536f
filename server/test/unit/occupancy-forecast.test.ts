import { describe, expect, it } from 'vitest';
import type { Venue } from '@fairwatch/venue';
import { egressNetwork } from '../../src/domain/egress.ts';
import { forecastOccupancy, forecastZones, programmeOccurrences } from '../../src/domain/occupancy-forecast.ts';

const T0 = Date.parse('2022-10-15T15:00:00.000Z');
const MIN = 60_000;
const name = { ar: 'ع', fr: 'f', en: 'e' };
const hall = (id: string, areaM2: number) => ({ id, name, kind: 'exhibit' as const, polygon: [[0, 0], [1, 0], [1, 1]] as Array<[number, number]>, areaM2, capacity: 100, thresholds: { busy: 1, crowded: 2, critical: 3.5 } });

describe('occupancy forecast', () => {
  it('extends the recent net inflow linearly, never below 0', () => {
    expect(forecastOccupancy(100, 5, [], T0, 30)).toBe(250);
    expect(forecastOccupancy(100, -5, [], T0, 30)).toBe(0);
  });

  it('ramps a programme slot up to its expected audience over the lead time and holds it to the end', () => {
    const show = { zone: 'stage', startMs: T0 + 30 * MIN, endMs: T0 + 90 * MIN, leadMs: 30 * MIN, expected: 600 };
    expect(forecastOccupancy(50, 0, [show], T0, 15)).toBe(300);
    expect(forecastOccupancy(50, 0, [show], T0, 30)).toBe(600);
    expect(forecastOccupancy(50, 0, [show], T0, 60)).toBe(600);
    // After the show, a zone that was filling for it stops growing.
    expect(forecastOccupancy(600, 10, [show], T0 + 80 * MIN, 20)).toBe(600);
  });

  it('reads the programme of the venue day in its time zone', () => {
    const occurrences = programmeOccurrences([{ id: 's', zone: 'stage', title: name, start: '18:00', minutes: 60, expected: 600, leadMinutes: 30 }], '2022-10-15', 'Africa/Casablanca');
    // The day before and after too: the next hour may cross midnight.
    expect(occurrences.map((slot) => new Date(slot.startMs).toISOString())).toEqual(['2022-10-14T17:00:00.000Z', '2022-10-15T17:00:00.000Z', '2022-10-16T17:00:00.000Z']);
    expect(occurrences[1]).toMatchObject({ leadMs: 30 * MIN, expected: 600 });
    const late = programmeOccurrences([{ id: 's', zone: 'stage', title: name, start: '00:10', minutes: 60, expected: 600, days: ['2022-10-16'] }], '2022-10-15', 'Africa/Casablanca');
    expect(late.map((slot) => new Date(slot.startMs).toISOString())).toEqual(['2022-10-15T23:10:00.000Z']);
  });

  it('says when a zone reaches each level and its time to clear then', () => {
    // One 100 m² hall, a 1 m exit; 50 people, +5 a minute: busy (100) at +10 min, crowded (200) at +30 min.
    const venue: Pick<Venue, 'zones' | 'gates'> = { zones: [hall('hall', 100)], gates: [{ id: 'exit', name, from: 'hall', to: null, position: [0, 0], widthM: 1 }] };
    const network = egressNetwork(venue, { exitFlowRate: 82 });
    const forecast = forecastZones(venue, network, { nowMs: T0, occupancy: { hall: 50 }, netPerMinute: { hall: 5 }, slots: [] }).hall!;
    expect(forecast).toMatchObject({ in30m: 200, in60m: 350, busyAt: '2022-10-15T15:10:00.000Z', crowdedAt: '2022-10-15T15:30:00.000Z', criticalAt: '2022-10-15T16:00:00.000Z' });
    expect(forecast.clearAtBusy).toBe(Math.round((100 / 82) * 10) / 10);
    expect(forecast.clearAtCrowded).toBe(forecast.clearIn30m);
    expect(forecast.clearIn60m).toBe(Math.round((350 / 82) * 10) / 10);
  });

  it('gives no level time for a level the zone is already at, nor beyond the hour', () => {
    const venue: Pick<Venue, 'zones' | 'gates'> = { zones: [hall('hall', 100)], gates: [{ id: 'exit', name, from: 'hall', to: null, position: [0, 0], widthM: 1 }] };
    const forecast = forecastZones(venue, egressNetwork(venue, { exitFlowRate: 82 }), { nowMs: T0, occupancy: { hall: 150 }, netPerMinute: {}, slots: [] }).hall!;
    expect(forecast).toMatchObject({ in60m: 150, busyAt: null, crowdedAt: null, criticalAt: null });
  });
});
