import { describe, expect, it } from 'vitest';
import { ConnectorIngest } from '../../src/connectors/connector-ingest.ts';
import { DeviceHealthBook } from '../../src/domain/device-health.ts';
import { ApiError } from '../../src/http/errors.ts';
import { LiveVenue } from '../../src/live/live-venue.ts';
import { createLogger } from '../../src/log.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import type { DeviceConfig } from '../../src/connectors/devices-file.ts';
import { tinyVenue } from '../support/tiny-venue.ts';
import { venueDay } from '@fairwatch/venue/venue-time';

const device: DeviceConfig = { id: 'xovis-door', vendor: 'xovis', lines: { '1': { gate: 'door', direction: 'both' } } };
const payload = { readings: [{ line: '1', form: 'interval' as const, in: 3, out: 0, key: 'interval-1' }] };

describe('vendor counters and a published venue', () => {
  it('count on the gates of the venue served now, and refuse a gate a version removed', async () => {
    const store = new EmbeddedStore();
    const live = new LiveVenue(tinyVenue, 1);
    const ingest = new ConnectorIngest({ store, venue: live.source, health: new DeviceHealthBook(), logger: createLogger('silent'), now: () => new Date() });
    expect((await ingest.apply(device, payload)).accepted).toBe(1);
    live.apply({ ...tinyVenue, gates: [tinyVenue.gates[1]!] }, 2);
    const refused = await ingest.apply(device, payload).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('unknown_reference');
    expect((refused as ApiError).details?.[0]?.message).toContain('gate "door" is not in the venue served now');
  });
});

describe('vendor totals the store will not count', () => {
  it('flag totals above what one report may add, seen first: nothing counted, and device health says why', async () => {
    const store = new EmbeddedStore();
    const health = new DeviceHealthBook();
    health.declare('hik-door', 'hikvision', ['door']);
    const ingest = new ConnectorIngest({ store, venue: new LiveVenue(tinyVenue, 1).source, health, logger: createLogger('silent'), now: () => new Date() });
    const hik: DeviceConfig = { id: 'hik-door', vendor: 'hikvision', lines: { '1': { gate: 'door', direction: 'both' } } };
    const outcome = await ingest.apply(hik, { readings: [{ line: '1', form: 'totals', in: 12_000, out: 9_000, key: 'totals:a' }] });
    expect(outcome.flags).toEqual([expect.stringMatching(/12000\/9000 are more than one report may add \(10,000\): not counted/)]);
    // counted from there on: the next totals add their difference
    expect((await ingest.apply(hik, { readings: [{ line: '1', form: 'totals', in: 12_010, out: 9_004, key: 'totals:b' }] })).flags).toEqual([]);
    const floor = await store.readFloor(venueDay(Date.now(), tinyVenue.timezone), Date.now());
    expect(floor.gates.door).toEqual({ in: 10, out: 4 });
  });
});

