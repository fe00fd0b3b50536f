import type { Snapshot } from '@fairwatch/protocol';
import { describe, expect, it } from 'vitest';
import { AlertWatch } from '../../src/live/alert-watch.ts';
import { reportDrift } from '../../src/live/drift-alerts.ts';
import { LiveVenue } from '../../src/live/live-venue.ts';
import { createLogger } from '../../src/log.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const zone = { occupancy: 5, density: 0.05, level: 'normal' as const, uncertain: false, drift: 0 };
const snapshot: Snapshot = {
  seq: 1, at: '2022-10-15T12:00:00Z',
  totals: { inside: 5, entriesToday: 5, exitsToday: 0, peakInside: 5, peakAt: null },
  zones: { hall: zone, stage: { ...zone, occupancy: 0 } },
  stands: {},
  gates: { door: { inToday: 5, outToday: 0, lastReportAt: null, online: false }, 'hall-stage': { inToday: 0, outToday: 0, lastReportAt: null, online: false } },
  incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
};

describe('the live venue', () => {
  it('applies only newer versions and tells its listeners', () => {
    const live = new LiveVenue(tinyVenue, 1);
    const heard: number[] = [];
    live.onChange((_, version) => heard.push(version));
    const next = { ...tinyVenue, id: 'next' };
    expect(live.apply(next, 1)).toBe(false);
    expect(live.apply(next, 2)).toBe(true);
    expect(live.apply(tinyVenue, 2)).toBe(false);
    expect(live.current().id).toBe('next');
    expect(live.source().id).toBe('next');
    expect(heard).toEqual([2]);
  });

  it('lets the alert watch follow a published version: the alerts of a removed zone end', async () => {
    const store = new EmbeddedStore({ idTtlSeconds: 3600 });
    const live = new LiveVenue(tinyVenue, 1);
    const watch = new AlertWatch(store, live.source, () => snapshot, createLogger('silent'), () => new Date('2022-10-15T12:00:00Z'));
    await reportDrift(store, tinyVenue.zones[1]!, { counted: 40, actual: 0, source: 'recount' }, 0.05, undefined, 1_000);
    await watch.check();
    const active = async () => (await store.listAlerts()).filter((alert) => alert.clearedAt === null).map((alert) => alert.zone);
    expect(await active()).toEqual(['stage']);
    live.apply({ ...tinyVenue, zones: [tinyVenue.zones[0]!], gates: [tinyVenue.gates[0]!] }, 2);
    await watch.check();
    expect(await active()).toEqual([]);
  });
});
