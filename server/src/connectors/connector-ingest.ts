import { createHash } from 'node:crypto';
import type { ErrorDetail, IngestResult } from '@fairwatch/protocol';
import { venueReader, type VenueSource } from '../live/live-venue.ts';
import type { DeviceHealthBook } from '../domain/device-health.ts';
import type { PreparedCount } from '../domain/floor-counters.ts';
import { MAX_TOTALS_STEP, stepTotals, type DeviceTotals } from '../domain/running-totals.ts';
import { venueHour } from '@fairwatch/venue/venue-time';
import { venueDay } from '@fairwatch/venue/venue-time';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { DeviceConfig, LineMapping } from './devices-file.ts';
import type { VendorPayload, VendorReading } from './vendor-payload.ts';

/** A device time further ahead than this is a wrong clock (the same bound as POST /counts). */
export const MAX_FUTURE_MS = 5 * 60_000;
/** A device time further back than this is a wrong clock too (a camera that lost its date), not late data. */
export const MAX_PAST_MS = 3 * 24 * 3_600_000;

export interface ConnectorOutcome extends IngestResult {
  readings: number;
  /** What was odd and how it was handled (resent data, clocks, jumps), as logged and shown in device health. */
  flags: string[];
}

/** Ids that do not change when the vendor sends the same data again: derived from device, line and the reading's key. */
export function reportIdOf(device: string, reading: Pick<VendorReading, 'line' | 'key'>): string {
  const digest = createHash('sha256').update(`${reading.line}\n${reading.key}`).digest('base64url').slice(0, 22);
  return `${device}:${digest}`;
}

function directed(mapping: LineMapping, reading: VendorReading): { in: number; out: number } {
  if (mapping.direction === 'reversed') return { in: reading.out, out: reading.in };
  if (mapping.direction === 'in') return { in: reading.in + reading.out, out: 0 };
  if (mapping.direction === 'out') return { in: 0, out: reading.in + reading.out };
  return { in: reading.in, out: reading.out };
}

function normalSerial(serial: string): string {
  return serial.replace(/[^0-9a-z]/gi, '').toLowerCase();
}

export interface ConnectorIngestDeps {
  store: Store;
  /** The venue served now (a published version applies to the next payload). */
  venue: VenueSource;
  health: DeviceHealthBook;
  logger: Logger;
  now: () => Date;
}

/**
 * The one way vendor data becomes counts: vendor lines mapped to venue gates (an unknown line refuses
 * the payload, never guessed), each reading dated (its own time, or arrival when it has none or its
 * clock is days away, flagged), given an id derived from the payload, and stored through the same
 * ingest as POST /counts (same idempotency, same store, all or nothing). Running totals go through the
 * store's per-device totals (restarts, 16-bit wraps, jumps), keyed by device and line.
 */
export class ConnectorIngest {
  /** The last totals seen per device line, to say what the store will make of the next (flags only). */
  readonly #lastTotals = new Map<string, DeviceTotals>();

  constructor(private readonly deps: ConnectorIngestDeps) {}

  async apply(device: DeviceConfig, payload: VendorPayload): Promise<ConnectorOutcome> {
    const { store, health, logger } = this.deps;
    const venue = venueReader(this.deps.venue)();
    const now = this.deps.now();
    const nowMs = now.getTime();
    try {
      if (device.serial && payload.serial && normalSerial(device.serial) !== normalSerial(payload.serial)) {
        throw new ApiError('unknown_reference', `the payload is from device "${payload.serial}", not "${device.serial}" as configured for ${device.id}; nothing was applied`, [{ path: 'serial', message: 'another device' }]);
      }
      const unknown: ErrorDetail[] = [];
      for (const reading of payload.readings) {
        if (!device.lines[reading.line]) unknown.push({ path: `line ${reading.line}`, message: `device ${device.id} has no line "${reading.line}" in the devices file; map it to a gate` });
      }
      for (const reading of payload.readings) {
        const gate = device.lines[reading.line]?.gate;
        // A published venue may have removed a gate the devices file maps to: refused, never guessed.
        if (gate !== undefined && !venue.gates.some((candidate) => candidate.id === gate)) unknown.push({ path: `line ${reading.line}`, message: `gate "${gate}" is not in the venue served now; map line "${reading.line}" of ${device.id} to a gate it has` });
      }
      if (unknown.length) {
        throw new ApiError('unknown_reference', `unknown counting line of ${device.id}; nothing was applied (nothing is counted on a guessed gate)`, unknown.slice(0, 20));
      }

      const flags: string[] = [];
      const prepared: PreparedCount[] = [];
      const gates = new Set<string>();
      let datedOnArrival = false;
      let resent = 0;
      for (const reading of payload.readings) {
        const mapping = device.lines[reading.line]!;
        const line = venue.gates.find((gate) => gate.id === mapping.gate)!;
        let atMs = reading.atMs;
        if (atMs !== undefined && (atMs > nowMs + MAX_FUTURE_MS || atMs < nowMs - MAX_PAST_MS)) {
          flags.push(`line ${reading.line} dated ${new Date(atMs).toISOString()}, ${Math.round((atMs - nowMs) / 3_600_000)} h from the server clock: counted at arrival; set the device clock`);
          atMs = undefined;
        }
        if (atMs === undefined) {
          datedOnArrival = true;
          atMs = nowMs;
        }
        if (reading.resent) resent++;
        const counts = directed(mapping, reading);
        const totalsKey = `${device.id}/${reading.line}`;
        if (reading.form === 'totals') this.#flagTotals(totalsKey, reading.line, { inTotal: counts.in, outTotal: counts.out, atMs }, flags);
        gates.add(line.id);
        const at = new Date(atMs).toISOString();
        prepared.push({
          id: reportIdOf(device.id, reading), gate: line.id, line, at, atMs, day: venueDay(atMs, venue.timezone), hour: venueHour(atMs, venue.timezone),
          device: reading.form === 'totals' ? totalsKey : undefined, in: counts.in, out: counts.out,
        });
      }
      if (resent) flags.push(`${resent} reading(s) resent after an outage: counted once`);
      const result = prepared.length
        ? await store.ingestCounts(prepared, { nowMs, nowIso: now.toISOString(), today: venueDay(now, venue.timezone) })
        : { accepted: 0, duplicates: 0 };
      const skewMs = payload.deviceTimeMs === undefined ? undefined : payload.deviceTimeMs - nowMs;
      health.seen(device.id, { atMs: nowMs, gates: [...gates], skewMs, datedOnArrival, battery: payload.battery, signal: payload.signal, occupancy: payload.occupancy, flags });
      if (flags.length) logger.warn({ device: device.id, flags }, 'connector data flagged');
      return { ...result, readings: prepared.length, flags };
    } catch (error) {
      if (error instanceof ApiError) {
        health.refused(device.id, nowMs, error.message);
        logger.warn({ device: device.id, code: error.code, message: error.message, details: error.details }, 'connector payload refused');
      }
      throw error;
    }
  }

  /** Says what the store will do with a line's totals: a restart, a wrap or a jump is worth a flag. */
  #flagTotals(key: string, line: string, totals: DeviceTotals, flags: string[]): void {
    const previous = this.#lastTotals.get(key);
    const step = stepTotals(previous, totals);
    if (step.kind === 'stale') return;
    this.#lastTotals.set(key, step.next);
    if (this.#lastTotals.size > 10_000) this.#lastTotals.delete(this.#lastTotals.keys().next().value!);
    if (step.kind === 'restart') flags.push(`line ${line}: totals dropped (${previous?.inTotal}/${previous?.outTotal} → ${totals.inTotal}/${totals.outTotal}): a counter reset, counted from zero`);
    if (step.kind === 'wrap') flags.push(`line ${line}: 16-bit totals wrapped at 65,535: counted across the wrap`);
    if (step.kind === 'jump') flags.push(`line ${line}: totals jumped by more than a line can count (${previous?.inTotal}/${previous?.outTotal} → ${totals.inTotal}/${totals.outTotal}): not counted, taken as the new baseline`);
    if (step.kind === 'implausible') flags.push(`line ${line}: totals of ${totals.inTotal}/${totals.outTotal} are more than one report may add (${MAX_TOTALS_STEP.toLocaleString('en')}): not counted, taken as the baseline; reset the device's counter if it counted them today`);
  }
}
