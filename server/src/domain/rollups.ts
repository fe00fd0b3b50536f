/**
 * Per-day and per-hour roll-ups: the history that stays small. They are kept at ingest, in the same
 * code path as the live figures (the embedded store here, the Redis store in the same Lua script), so
 * nothing is counted twice, and their size depends on the days, hours, zones and stands, never on the
 * number of raw reports. Hours are the venue's local hours (0-23) of a report's `at`.
 */

export const HOURS = 24;

/** What one venue day looks like, as the stores keep it and the reports read it. */
export interface DayRollup {
  day: string;
  entries: number;
  exits: number;
  checkins: number;
  /**
   * Highest `inside` seen once every report of an instant of this day was applied (issue 15: not
   * between two reports of one instant); null before any count.
   */
  peakInside: number | null;
  /** The `at` of the instant that set the peak. */
  peakAt: string | null;
  /** Per local hour (index 0-23). */
  entriesByHour: number[];
  exitsByHour: number[];
  checkinsByHour: number[];
  /** Highest `inside` after an instant of that hour, -1 when the hour had no count. */
  peakByHour: number[];
  /** Highest occupancy each zone reached after an instant of this day (the daily report's over-capacity flag). */
  zonePeaks: Record<string, number>;
  /** Check-ins per stand per local hour (only stands with check-ins). */
  standHours: Record<string, number[]>;
  /** Distinct badges that day (exact in the embedded store, HyperLogLog, ±0.81 %, in Redis). */
  uniqueVisitors: number;
}

export function emptyHours(fill = 0): number[] {
  return new Array<number>(HOURS).fill(fill);
}

/** A roll-up of a day with nothing in it. */
export function emptyRollup(day: string): DayRollup {
  return {
    day, entries: 0, exits: 0, checkins: 0, peakInside: null, peakAt: null,
    entriesByHour: emptyHours(), exitsByHour: emptyHours(), checkinsByHour: emptyHours(), peakByHour: emptyHours(-1),
    zonePeaks: {}, standHours: {}, uniqueVisitors: 0,
  };
}

/** What applying one count report did, as the roll-up's flows need it (after running totals became increments). */
export interface CountEffect {
  /** Local hour of the report's `at`. */
  hour: number;
  entries: number;
  exits: number;
}

/**
 * Adds one applied count report's flows to its day's roll-up (the embedded store's path; the Lua
 * script mirrors it). Its peaks come from floor-counters.ts `InstantPeaks`: once every report of its
 * instant is applied.
 */
export function rollCount(rollup: DayRollup, effect: CountEffect): void {
  rollup.entries += effect.entries;
  rollup.exits += effect.exits;
  rollup.entriesByHour[effect.hour]! += effect.entries;
  rollup.exitsByHour[effect.hour]! += effect.exits;
}

/**
 * Raises the day's and the hour's peak of `inside` to the floor of an instant, `at`. Only for an
 * instant of the server's current venue day: only then does `inside` describe that time (a late
 * report of an earlier day adds its entries and exits to that day, not a peak).
 */
export function rollPeak(rollup: DayRollup, hour: number, at: string, inside: number): void {
  if (inside > rollup.peakByHour[hour]!) rollup.peakByHour[hour] = inside;
  if (rollup.peakInside === null || inside > rollup.peakInside) {
    rollup.peakInside = inside;
    rollup.peakAt = at;
  }
}

/** Raises a zone's peak to its occupancy at an instant of the current day (as rollPeak). */
export function rollZonePeak(rollup: DayRollup, zone: string, occupancy: number): void {
  if (occupancy > (rollup.zonePeaks[zone] ?? 0)) rollup.zonePeaks[zone] = occupancy;
}

/** Adds one accepted check-in to its day's roll-up. Unique visitors are counted by the store. */
export function rollCheckin(rollup: DayRollup, stand: string, hour: number): void {
  rollup.checkins++;
  rollup.checkinsByHour[hour]!++;
  (rollup.standHours[stand] ??= emptyHours())[hour]!++;
}

/** Check-ins per stand for the whole day. */
export function standTotals(rollup: DayRollup): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [stand, hours] of Object.entries(rollup.standHours)) totals.set(stand, sum(hours));
  return totals;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** A deep copy, so that callers of a store never hold its live state. */
export function copyRollup(rollup: DayRollup): DayRollup {
  return {
    ...rollup,
    entriesByHour: [...rollup.entriesByHour], exitsByHour: [...rollup.exitsByHour],
    checkinsByHour: [...rollup.checkinsByHour], peakByHour: [...rollup.peakByHour],
    zonePeaks: { ...rollup.zonePeaks },
    standHours: Object.fromEntries(Object.entries(rollup.standHours).map(([stand, hours]) => [stand, [...hours]])),
  };
}

/**
 * Decodes the Redis hash of a day's roll-up (fields written by the ingest scripts:
 * `e:<h>`, `x:<h>`, `c:<h>`, `p:<h>`, `s:<stand>:<h>`, `z:<zone>`, `peak`, `peakAt`).
 */
export function rollupFromHash(day: string, hash: Record<string, string>, uniqueVisitors: number): DayRollup {
  const rollup = emptyRollup(day);
  for (const [field, raw] of Object.entries(hash)) {
    const value = Number(raw);
    const kind = field.slice(0, 2);
    if (kind === 'e:') rollup.entriesByHour[Number(field.slice(2))] = value;
    else if (kind === 'x:') rollup.exitsByHour[Number(field.slice(2))] = value;
    else if (kind === 'c:') rollup.checkinsByHour[Number(field.slice(2))] = value;
    else if (kind === 'p:') rollup.peakByHour[Number(field.slice(2))] = value;
    else if (kind === 'z:') rollup.zonePeaks[field.slice(2)] = value;
    else if (kind === 's:') {
      const split = field.lastIndexOf(':');
      (rollup.standHours[field.slice(2, split)] ??= emptyHours())[Number(field.slice(split + 1))] = value;
    } else if (field === 'peak') rollup.peakInside = value;
    else if (field === 'peakAt') rollup.peakAt = raw;
  }
  rollup.entries = sum(rollup.entriesByHour);
  rollup.exits = sum(rollup.exitsByHour);
  rollup.checkins = sum(rollup.checkinsByHour);
  rollup.uniqueVisitors = uniqueVisitors;
  return rollup;
}
