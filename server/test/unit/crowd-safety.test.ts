import { describe, expect, it } from 'vitest';
import type { Venue } from '@fairwatch/venue';
import { CrowdSafety } from '../../src/domain/crowd-safety.ts';
import type { Figures } from '../../src/domain/live-figures.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const venue: Venue = { ...tinyVenue, gates: tinyVenue.gates.map((gate) => ({ ...gate, widthM: gate.id === 'door' ? 2 : 1 })) };
const T0 = Date.parse('2022-10-15T15:00:00.000Z');
const minute = Math.floor(T0 / 60_000);
const figures: Figures = {
  totals: { inside: 250, entriesToday: 250, exitsToday: 0, peakInside: 250, peakAt: null },
  zones: { hall: { occupancy: 200, density: 2, level: 'crowded' }, stage: { occupancy: 50, density: 1, level: 'busy' } },
  stands: {},
  gates: { door: { inToday: 250, outToday: 0, lastReportAt: null, online: true }, 'hall-stage': { inToday: 50, outToday: 0, lastReportAt: null, online: true } },
  incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
};
const crossings = [1, 2, 3, 4, 5].map((age) => ({ minute: minute - age, gate: 'door', in: 40, out: 0 })).concat([{ minute, gate: 'door', in: 50, out: 0 }]);

describe('crowd-safety figures', () => {
  it('are the same for two instances asked at different moments of the same minute (no history of their own)', () => {
    const a = new CrowdSafety(venue).apply(figures, new Set(), crossings, T0 + 1_000, '2022-10-15');
    const warm = new CrowdSafety(venue);
    warm.apply(figures, new Set(), [], T0 - 50_000, '2022-10-15');
    const b = warm.apply(figures, new Set(), crossings, T0 + 45_000, '2022-10-15');
    expect(b).toEqual(a);
    // 250 people through the 2 m door: 250 / 164 = 1.5 min; 50 this minute over 2 m; (50 + 4 x 40) / 5 / 2 = 21; +40 a minute into the hall.
    expect(a.egress).toMatchObject({ floorMinutes: 1.5, closedGates: 0 });
    expect(a.gates.door).toMatchObject({ flow1m: 25, flow5m: 21, levelOfService: 'B', closed: false });
    expect(a.forecast?.hall?.in30m).toBe(200 + 40 * 30);
  });

  it('leaves a closed gate out of the times to clear and says so', () => {
    const closed = new CrowdSafety(venue).apply(figures, new Set(['door']), crossings, T0, '2022-10-15');
    expect(closed.gates.door?.closed).toBe(true);
    expect(closed.egress).toMatchObject({ floorMinutes: null, zonesOverTarget: 2, closedGates: 1 });
    expect(closed.zones.hall?.timeToClearMin).toBeNull();
  });
});
