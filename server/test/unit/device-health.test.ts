import { describe, expect, it } from 'vitest';
import { DeviceHealthBook, driftShareOf, statusOf } from '../../src/domain/device-health.ts';

const MIN = 60_000;

describe('the device health book', () => {
  it('counts reports in the last hour per device and per gate, and forgets older ones', () => {
    const book = new DeviceHealthBook();
    book.declare('cam', 'xovis', ['door']);
    const t0 = Date.parse('2022-10-15T09:00:00Z');
    for (let minute = 0; minute < 90; minute++) book.seen('cam', { atMs: t0 + minute * MIN, gates: ['door'] });
    const now = t0 + 89 * MIN + 30_000;
    const cam = book.devices()[0]!;
    expect(book.deviceReportsLastHour(cam, now)).toBe(60);
    expect(book.gateReportsLastHour('door', now)).toBe(60);
    expect(book.gateReportsLastHour('elsewhere', now)).toBe(0);
    expect(cam.minutes.size).toBeLessThanOrEqual(61);
  });

  it('keeps the last skew, battery, signal and own count, and at most ten flags, newest first', () => {
    const book = new DeviceHealthBook();
    for (let n = 0; n < 15; n++) book.seen('vs', { atMs: n, gates: ['door'], skewMs: -n * 1000, battery: 90 - n, signal: -100 + n, occupancy: n, flags: [`flag ${n}`] });
    const vs = book.devices()[0]!;
    expect(vs).toMatchObject({ vendor: 'fairwatch', skewMs: -14_000, battery: 76, signal: -86, occupancy: 14 });
    expect(vs.flags).toHaveLength(10);
    expect(vs.flags[0]!.message).toBe('flag 14');
  });

  it('tells never seen, online and offline apart', () => {
    expect(statusOf(undefined, 10_000, 5_000)).toBe('never');
    expect(statusOf(6_000, 10_000, 5_000)).toBe('online');
    expect(statusOf(4_000, 10_000, 5_000)).toBe('offline');
  });

  it('measures drift against the zone capacity', () => {
    expect(driftShareOf(120, 100, 200)).toBe(0.1);
    expect(driftShareOf(3, 0, 0)).toBe(3);
  });
});
