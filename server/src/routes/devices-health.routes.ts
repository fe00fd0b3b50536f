import Router from '@koa/router';
import type { DevicesHealthReport } from '@fairwatch/protocol';
import { lastClosingReset } from '../live/closing-reset-watch.ts';
import type { Venue } from '@fairwatch/venue';
import { statusOf, type DeviceHealthBook } from '../domain/device-health.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { requireStaff } from '../http/auth.ts';
import type { Store } from '../store/store.ts';
import type { RouteDeps } from './context.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The health of every gate (last report from the store, shared) and every device (this instance's book). */
export async function devicesHealth(store: Store, venue: Venue, book: DeviceHealthBook, now: Date, offlineMs: number): Promise<DevicesHealthReport> {
  const nowMs = now.getTime();
  const floor = await store.readFloor(venueDay(now, venue.timezone), nowMs);
  const devices = book.devices();
  return {
    at: now.toISOString(),
    gateOfflineMs: offlineMs,
    gates: venue.gates.map((gate) => {
      const last = floor.gateLastReport[gate.id];
      return {
        gate: gate.id,
        status: statusOf(last, nowMs, offlineMs),
        lastReportAt: iso(last),
        reportsLastHour: book.gateReportsLastHour(gate.id, nowMs),
        devices: devices.filter((device) => device.gates.includes(gate.id)).map((device) => device.id),
      };
    }),
    devices: devices.map((device) => ({
      id: device.id,
      vendor: device.vendor,
      gates: device.gates,
      status: statusOf(device.lastReportMs, nowMs, offlineMs),
      lastReportAt: iso(device.lastReportMs),
      reportsLastHour: book.deviceReportsLastHour(device, nowMs),
      clockSkewMs: device.skewMs ?? null,
      datedOnArrival: device.datedOnArrival,
      battery: device.battery ?? null,
      signal: device.signal ?? null,
      occupancy: device.occupancy ?? null,
      flags: device.flags.map((flag) => ({ at: new Date(flag.atMs).toISOString(), message: flag.message })),
      lastError: device.lastError ? { at: new Date(device.lastError.atMs).toISOString(), message: device.lastError.message } : null,
    })),
    lastClosingReset: await lastClosingReset(store),
  };
}

/** `GET /api/v1/devices/health` (any staff role): the control room's list of gates and devices. */
export function devicesHealthRoutes(deps: RouteDeps & { deviceHealth: DeviceHealthBook; gateOfflineMs: number }): Router {
  const router = new Router();
  router.get('/api/v1/devices/health', requireStaff(deps.sessions, deps.credentials), async (ctx) => {
    ctx.body = await devicesHealth(deps.store, deps.venue, deps.deviceHealth, deps.now(), deps.gateOfflineMs);
  });
  return router;
}
