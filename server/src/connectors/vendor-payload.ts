/**
 * What every connector turns a vendor's payload into: readings per counting line of the vendor, in
 * the vendor's own terms (its line ids, its clock), before any venue gate is involved. Parsing is pure
 * (no I/O, no clock): connector-ingest.ts maps lines to gates, dates readings and stores them.
 */
export interface VendorReading {
  /** The vendor's counting line: a Xovis logic id, a Hikvision channel, an Axis scenario, `line_1` of a VS133. */
  line: string;
  /**
   * `interval`: persons counted in an interval or by an event (added as they are); `totals`: running
   * totals since the device's last reset (turned into increments per device and line by the store).
   */
  form: 'interval' | 'totals';
  in: number;
  out: number;
  /** When the device says this was counted (epoch ms); undefined: the payload has no time, dated on arrival. */
  atMs?: number | undefined;
  /** What makes this reading unique at the vendor (interval start, event id, totals): the report id derives from it. */
  key: string;
  /** The device marked it as data resent after an outage. */
  resent?: boolean;
}

export interface VendorPayload {
  /** The device's own identifier in the payload (serial, MAC), when it sends one. */
  serial?: string | undefined;
  /** The device's clock when it sent the payload (epoch ms), for its clock skew. Not set for resent data. */
  deviceTimeMs?: number | undefined;
  readings: VendorReading[];
  /** The device's own occupancy figure, kept as a second signal to compare with the zone's. */
  occupancy?: number | undefined;
  /** Battery level in percent, where the device sends it. */
  battery?: number | undefined;
  /** Signal strength (dBm, or the vendor's RSSI), where the device sends it. */
  signal?: number | undefined;
}

/** A payload that does not have the vendor's shape: answered 400 with the path of the bad part. */
export class PayloadError extends Error {
  override name = 'PayloadError';
  constructor(
    message: string,
    readonly path = '(body)',
  ) {
    super(message);
  }
}

/** The most persons one reading may carry: more than any counting line sees between two reports. */
export const MAX_READING = 10_000;

/** A count from a payload: a non-negative integer (vendors send numbers or numeric strings). */
export function countOf(value: unknown, path: string, max = Number.MAX_SAFE_INTEGER): number {
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) throw new PayloadError('a count must be a whole number of persons, 0 or more', path);
  if (number > max) throw new PayloadError(`a count of ${number} is more than a counting line can see in one report (at most ${max})`, path);
  return number;
}

/** An instant with a zone (ISO 8601, or epoch milliseconds); anything else is a PayloadError. */
export function instantOf(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string' && /(Z|[+-]\d\d:?\d\d)$/.test(value.trim())) {
    const ms = Date.parse(value.trim());
    if (Number.isFinite(ms)) return ms;
  }
  throw new PayloadError('a time must be ISO 8601 with a zone (Z or an offset) or epoch milliseconds', path);
}

export function objectOf(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new PayloadError('an object is expected here', path);
  return value as Record<string, unknown>;
}

export function arrayOf(value: unknown, path: string, max = 1000): unknown[] {
  if (!Array.isArray(value)) throw new PayloadError('a list is expected here', path);
  if (value.length > max) throw new PayloadError(`at most ${max} items`, path);
  return value;
}

export function textOf(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '' || value.length > 128) throw new PayloadError('a name or id of 1 to 128 characters is expected', path);
  return value.trim();
}
