import { describe, expect, it } from 'vitest';
import type { Venue } from '@fairwatch/venue';
import { dayCrowdPeaks } from '../../src/domain/crowd-peaks.ts';
import type { LogEntry } from '../../src/domain/replay.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

// The tiny venue with widths: a 2 m door from outside into the hall, a 1 m line between hall and stage.
const venue: Venue = { ...tinyVenue, gates: tinyVenue.gates.map((gate) => ({ ...gate, widthM: gate.id === 'door' ? 2 : 1 })) };
const DAY = '2022-10-15';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`; // 1 h behind Casablanca's clock that October
const counts = (time: string, items: Array<{ gate: string; in: number; out: number; second?: number }>): LogEntry => ({
  type: 'counts',
  atMs: Date.parse(at(time)),
  items: items.map((item, i) => ({ id: `${time}-${i}`, gate: item.gate, in: item.in, out: item.out, at: new Date(Date.parse(at(time)) + (item.second ?? 0) * 1000).toISOString() })),
});

describe("a day's worst time to clear and gate flow", () => {
  it('finds the minute the floor took longest to clear and the busiest minute at a gate, with when', () => {
    const log = [
      counts('10:00', [{ gate: 'door', in: 100, out: 0 }]),
      // 328 people in, two reports within the same minute: 328 / 2 m = 164 persons/m/min through the door.
      counts('11:00', [{ gate: 'door', in: 200, out: 0 }, { gate: 'door', in: 128, out: 0, second: 30 }]),
      counts('11:05', [{ gate: 'hall-stage', in: 82, out: 0 }]),
      counts('12:00', [{ gate: 'door', in: 0, out: 300 }]),
    ];
    const peaks = dayCrowdPeaks(log, venue, DAY, Date.parse(at('13:00')));
    // From 11:00, 428 people leave through the 2 m door: 428 / 164 = 2.6 min (the same after 82 move to the
    // stage at 11:05); the first minute with it ends at 11:01, when everyone is still in the hall.
    expect(peaks.worstTimeToClear).toEqual({ minutes: 2.6, at: at('11:01'), zone: 'hall', zoneMinutes: 2.6 });
    expect(peaks.worstGateFlow).toEqual({ gate: 'door', flowPerMetreMinute: 164, levelOfService: 'F', at: at('11:00') });
    expect(peaks).toMatchObject({ targetMinutes: 8, exitFlowRate: 82 });
  });

  it('is empty for a day without anything', () => {
    expect(dayCrowdPeaks([], venue, DAY, Date.parse(at('13:00')))).toMatchObject({ worstTimeToClear: null, worstGateFlow: null });
  });
});
