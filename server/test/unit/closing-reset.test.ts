import { describe, expect, it } from 'vitest';
import { closingResetDue, silentGatesIn, venueOpen } from '../../src/domain/floor-watch.ts';
import type { PreparedCount } from '../../src/domain/floor-counters.ts';
import { ClosingResetWatch, lastClosingReset } from '../../src/live/closing-reset-watch.ts';
import { createLogger } from '../../src/log.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

// Fes in October 2022 is UTC+1: 22:30 local is 21:30Z.
const venue = { ...tinyVenue, openingHours: { open: '10:00', close: '22:00' }, closingReset: { at: '22:30' }, driftShare: 0.05 };
const DAY = '2022-10-15';
const at = (iso: string) => Date.parse(iso);

function count(id: string, gate: 'door' | 'hall-stage', inCount: number, outCount: number, atMs: number): PreparedCount {
  const line = tinyVenue.gates.find((g) => g.id === gate)!;
  return { id, gate, line, in: inCount, out: outCount, at: new Date(atMs).toISOString(), atMs, day: DAY, hour: 12 };
}

describe('opening hours and the closing reset time', () => {
  it('knows when the venue is open', () => {
    expect(venueOpen(venue, at('2022-10-15T09:30:00Z'))).toBe(true);
    expect(venueOpen(venue, at('2022-10-15T08:59:00Z'))).toBe(false);
    expect(venueOpen(venue, at('2022-10-15T21:00:00Z'))).toBe(false);
    expect(venueOpen({ ...venue, openingHours: undefined }, at('2022-10-15T03:00:00Z'))).toBe(true);
  });

  it('is due once the day\'s reset time has passed, and not for venues without it', () => {
    expect(closingResetDue(venue, at('2022-10-15T21:29:59Z'))).toBeNull();
    expect(closingResetDue(venue, at('2022-10-15T21:30:00Z'))).toBe(DAY);
    expect(closingResetDue({ ...venue, closingReset: undefined }, at('2022-10-15T21:45:00Z'))).toBeNull();
    // without its own time, the reset follows the closing hour
    expect(closingResetDue({ ...venue, closingReset: {} }, at('2022-10-15T21:00:00Z'))).toBe(DAY);
  });

  it('finds the gates that reported and went silent, not the ones never seen', () => {
    expect(silentGatesIn({ gates: {
      door: { inToday: 1, outToday: 0, lastReportAt: '2022-10-15T09:00:00Z', online: false },
      'hall-stage': { inToday: 0, outToday: 0, lastReportAt: null, online: false },
    } })).toEqual(['door']);
  });
});

describe('the closing reset', () => {
  it('resets the floor to zero once at closing time, audits the residue and reports drift', async () => {
    const store = new EmbeddedStore({ idTtlSeconds: 3600 });
    let nowMs = at('2022-10-15T19:00:00Z');
    const context = () => ({ nowMs, nowIso: new Date(nowMs).toISOString(), today: DAY });
    await store.ingestCounts([count('a', 'door', 40, 25, nowMs - 60_000), count('b', 'hall-stage', 5, 1, nowMs - 30_000)], context());
    const watch = new ClosingResetWatch(store, venue, () => null, createLogger('silent'), () => new Date(nowMs));

    await watch.check();
    expect((await store.readFloor(DAY, nowMs)).occupancy).toEqual({ hall: 11, stage: 4 });

    nowMs = at('2022-10-15T21:31:00Z');
    await watch.check();
    const floor = await store.readFloor(DAY, nowMs);
    expect(floor.occupancy).toEqual({ hall: 0, stage: 0 });
    // gate figures stay as counted: they are what the lines saw
    expect(floor.gates.door).toEqual({ in: 40, out: 25 });
    expect(await lastClosingReset(store)).toEqual({ at: new Date(nowMs).toISOString(), day: DAY, residue: { hall: 11, stage: 4 } });
    const drift = (await store.listAlerts()).filter((alert) => alert.kind === 'drift');
    // hall: 11 of 200 (5.5 %) is beyond 5 %; stage: 4 of 150 (2.7 %) is not
    expect(drift).toEqual([expect.objectContaining({ zone: 'hall', drift: { counted: 11, actual: 0, share: 0.055, source: 'closing' }, clearedAt: null })]);

    // a later pass the same night, or another instance after a restart, does not reset again
    await store.ingestCounts([count('c', 'door', 2, 0, nowMs)], context());
    nowMs += 60_000;
    await watch.check();
    await new ClosingResetWatch(store, venue, () => null, createLogger('silent'), () => new Date(nowMs)).check();
    expect((await store.readFloor(DAY, nowMs)).occupancy.hall).toBe(2);
    expect((await store.listAudit(10)).filter((entry) => entry.action === 'floor.closing-reset')).toHaveLength(1);
  });
});
