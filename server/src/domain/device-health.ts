import type { Venue } from '@fairwatch/venue';
import { gateOffline } from './sensor-health.ts';

/**
 * What the control room needs to trust its sensors: per device and per gate, when it last reported,
 * how many reports in the last hour, its clock skew, battery, signal, its own occupancy figure and
 * what was odd about its data. Pure: the caller gives every instant (server clock).
 */
export type HealthStatus = 'online' | 'offline' | 'never';

export interface Sighting {
  /** When the report arrived (server clock). */
  atMs: number;
  gates: readonly string[];
  /** Device clock minus server clock (ms), when the payload said what time it was at the device. */
  skewMs?: number | undefined;
  /** The payload had no time: its readings were dated on arrival. */
  datedOnArrival?: boolean;
  battery?: number | undefined;
  signal?: number | undefined;
  occupancy?: number | undefined;
  /** Odd things about this payload (resent data, a clock days away, a jump), shown to operators. */
  flags?: readonly string[];
}

export interface DeviceRecord {
  id: string;
  vendor: string;
  gates: string[];
  lastReportMs?: number;
  skewMs?: number;
  datedOnArrival: boolean;
  battery?: number;
  signal?: number;
  occupancy?: number;
  flags: Array<{ atMs: number; message: string }>;
  /** The last refused payload: why, and when. */
  lastError?: { atMs: number; message: string };
  /** Report arrivals per minute (epoch minute → reports) over the last hour. */
  minutes: Map<number, number>;
}

const HOUR_MS = 3_600_000;
const MAX_FLAGS = 10;
/** Most devices remembered that no configuration names (reports under a device key): a bound. */
const MAX_UNLISTED = 5_000;

function bump(minutes: Map<number, number>, atMs: number): void {
  const minute = Math.floor(atMs / 60_000);
  minutes.set(minute, (minutes.get(minute) ?? 0) + 1);
  for (const key of minutes.keys()) if (key <= minute - 60) minutes.delete(key);
}

function lastHour(minutes: Map<number, number>, nowMs: number): number {
  const from = Math.floor((nowMs - HOUR_MS) / 60_000);
  let sum = 0;
  for (const [minute, count] of minutes) if (minute > from) sum += count;
  return sum;
}

export class DeviceHealthBook {
  readonly #devices = new Map<string, DeviceRecord>();
  readonly #gateMinutes = new Map<string, Map<number, number>>();

  /** Devices known from the configuration appear before they report (as never seen). */
  declare(id: string, vendor: string, gates: readonly string[]): void {
    if (!this.#devices.has(id)) this.#devices.set(id, { id, vendor, gates: [...gates], datedOnArrival: false, flags: [], minutes: new Map() });
  }

  #record(id: string): DeviceRecord | undefined {
    let record = this.#devices.get(id);
    if (!record) {
      if (this.#devices.size >= MAX_UNLISTED) return undefined;
      record = { id, vendor: 'fairwatch', gates: [], datedOnArrival: false, flags: [], minutes: new Map() };
      this.#devices.set(id, record);
    }
    return record;
  }

  seen(id: string, sighting: Sighting): void {
    const record = this.#record(id);
    for (const gate of sighting.gates) {
      let minutes = this.#gateMinutes.get(gate);
      if (!minutes) this.#gateMinutes.set(gate, (minutes = new Map()));
      bump(minutes, sighting.atMs);
    }
    if (!record) return;
    record.lastReportMs = Math.max(record.lastReportMs ?? 0, sighting.atMs);
    for (const gate of sighting.gates) if (!record.gates.includes(gate)) record.gates.push(gate);
    bump(record.minutes, sighting.atMs);
    if (sighting.skewMs !== undefined) record.skewMs = sighting.skewMs;
    record.datedOnArrival = sighting.datedOnArrival ?? false;
    if (sighting.battery !== undefined) record.battery = sighting.battery;
    if (sighting.signal !== undefined) record.signal = sighting.signal;
    if (sighting.occupancy !== undefined) record.occupancy = sighting.occupancy;
    for (const message of sighting.flags ?? []) this.flag(id, sighting.atMs, message);
  }

  flag(id: string, atMs: number, message: string): void {
    const record = this.#record(id);
    if (!record) return;
    record.flags.unshift({ atMs, message });
    record.flags.length = Math.min(record.flags.length, MAX_FLAGS);
  }

  refused(id: string, atMs: number, message: string): void {
    const record = this.#record(id);
    if (record) record.lastError = { atMs, message };
  }

  devices(): DeviceRecord[] {
    return [...this.#devices.values()];
  }

  gateReportsLastHour(gate: string, nowMs: number): number {
    const minutes = this.#gateMinutes.get(gate);
    return minutes ? lastHour(minutes, nowMs) : 0;
  }

  deviceReportsLastHour(record: DeviceRecord, nowMs: number): number {
    return lastHour(record.minutes, nowMs);
  }
}

/** A gate is never seen before its first report, offline once silent longer than `offlineMs`. */
export function statusOf(lastReportMs: number | undefined, nowMs: number, offlineMs: number): HealthStatus {
  if (lastReportMs === undefined) return 'never';
  return gateOffline(lastReportMs, nowMs, offlineMs) ? 'offline' : 'online';
}

/** Gates silent during opening hours: they need someone to look (the never-seen are listed, not alerted). */
export function silentGates(venue: Pick<Venue, 'gates'>, gateLastReport: Record<string, number>, nowMs: number, offlineMs: number): string[] {
  return venue.gates.filter((gate) => statusOf(gateLastReport[gate.id], nowMs, offlineMs) === 'offline').map((gate) => gate.id);
}

/**
 * Counter drift against a head count: the share of the zone's capacity by which the counted figure
 * (in − out since the last head count) missed the persons actually there. Beyond the venue's
 * `driftShare` the counters need attention.
 */
export function driftShareOf(counted: number, actual: number, capacity: number): number {
  return Math.abs(counted - actual) / Math.max(1, capacity);
}
