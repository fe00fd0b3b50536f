import type { Snapshot } from '@fairwatch/protocol';
import { describe, expect, it } from 'vitest';
import { AlertWatch } from '../../src/live/alert-watch.ts';
import { reportDrift } from '../../src/live/drift-alerts.ts';
import { createLogger } from '../../src/log.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const venue = { ...tinyVenue, openingHours: { open: '10:00', close: '22:00' } };
const zone = { occupancy: 5, density: 0.05, level: 'normal' as const, uncertain: true, drift: 0 };

function snapshot(doorOnline: boolean): Snapshot {
  return {
    seq: 1, at: '2022-10-15T12:00:00Z',
    totals: { inside: 5, entriesToday: 5, exitsToday: 0, peakInside: 5, peakAt: null },
    zones: { hall: zone, stage: { ...zone, occupancy: 0 } },
    stands: {},
    gates: { door: { inToday: 5, outToday: 0, lastReportAt: '2022-10-15T11:00:00Z', online: doorOnline }, 'hall-stage': { inToday: 0, outToday: 0, lastReportAt: null, online: false } },
    incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
  };
}

describe('gate silent alerts', () => {
  it('raise for a gate gone silent while open, clear when it reports again, and ignore never-seen gates and closed hours', async () => {
    const store = new EmbeddedStore({ idTtlSeconds: 3600 });
    let nowMs = Date.parse('2022-10-15T11:10:00Z'); // 12:10 in Fes: open
    let current = snapshot(false);
    const watch = new AlertWatch(store, venue, () => current, createLogger('silent'), () => new Date(nowMs));
    await watch.check();
    const active = () => store.listAlerts().then((alerts) => alerts.filter((alert) => alert.kind === 'gate_silent' && alert.clearedAt === null));
    expect(await active()).toEqual([expect.objectContaining({ gate: 'door', zone: 'hall' })]);
    await watch.check();
    expect(await active()).toHaveLength(1);

    current = snapshot(true);
    nowMs += 60_000;
    await watch.check();
    expect(await active()).toHaveLength(0);

    current = snapshot(false);
    nowMs = Date.parse('2022-10-15T22:00:00Z'); // 23:00 in Fes: closed
    await watch.check();
    expect(await active()).toHaveLength(0);
  });
});

describe('drift alerts from head counts', () => {
  it('raise when the counters missed by more than the share of the capacity, and end when a count agrees', async () => {
    const store = new EmbeddedStore({ idTtlSeconds: 3600 });
    const hall = tinyVenue.zones[0]!; // capacity 200
    const raised = await reportDrift(store, hall, { counted: 120, actual: 100, source: 'recount' }, 0.05, undefined, 1_000);
    expect(raised).toMatchObject({ kind: 'drift', zone: 'hall', drift: { counted: 120, actual: 100, share: 0.1, source: 'recount' } });
    expect(await reportDrift(store, hall, { counted: 104, actual: 100, source: 'recount' }, 0.05, undefined, 2_000)).toBeNull();
    expect((await store.listAlerts()).filter((alert) => alert.clearedAt === null)).toHaveLength(0);
  });
});
