import { z } from 'zod';
import { Identifier, Instant } from './primitives.ts';

/**
 * `GET /api/v1/devices/health` (an extension, issue 17): every gate and every device with its health.
 * `never`: no report yet; `offline`: silent for longer than `GATE_OFFLINE_MS`; `online` otherwise.
 */
export const HealthStatus = z.enum(['online', 'offline', 'never']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const GateHealth = z.object({
  gate: Identifier,
  status: HealthStatus,
  lastReportAt: Instant.nullable(),
  /** Reports received for the gate in the last hour (by this instance). */
  reportsLastHour: z.int(),
  /** The devices known to count for it. */
  devices: z.array(z.string()),
});
export type GateHealth = z.infer<typeof GateHealth>;

export const DeviceHealth = z.object({
  id: z.string(),
  /** `xovis`, `hikvision`, `webhook`, `axis-people-counter`, `axis-object-analytics`, `milesight-vs133`, or `fairwatch` (the product's own JSON). */
  vendor: z.string(),
  gates: z.array(z.string()),
  status: HealthStatus,
  lastReportAt: Instant.nullable(),
  reportsLastHour: z.int(),
  /** Device clock minus server clock at its last report that said the time (ms; positive: the device is ahead). */
  clockSkewMs: z.number().nullable(),
  /** Its last payload had no time of its own: its readings were dated on arrival. */
  datedOnArrival: z.boolean(),
  battery: z.number().nullable(),
  signal: z.number().nullable(),
  /** The device's own occupancy figure (a second signal to compare with the zones'). */
  occupancy: z.number().nullable(),
  /** Odd things about its recent data, newest first (at most 10). */
  flags: z.array(z.object({ at: Instant, message: z.string() })),
  /** Its last refused payload. */
  lastError: z.object({ at: Instant, message: z.string() }).nullable(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const ClosingReset = z.object({
  at: Instant,
  day: z.string(),
  /** Persons still counted per zone when the floor was reset at closing: the day's counting error. */
  residue: z.record(z.string(), z.int()),
});
export type ClosingReset = z.infer<typeof ClosingReset>;

export const DevicesHealthReport = z.object({
  at: Instant,
  gateOfflineMs: z.int(),
  gates: z.array(GateHealth),
  devices: z.array(DeviceHealth),
  /** The last automatic reset at closing time, when the venue has one. */
  lastClosingReset: ClosingReset.nullable(),
});
export type DevicesHealthReport = z.infer<typeof DevicesHealthReport>;
