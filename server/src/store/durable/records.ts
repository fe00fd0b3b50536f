import { emptyFloorCounters, type DayCounters, type FloorCounters } from '../../domain/floor-counters.ts';
import type { DeviceTotals } from '../../domain/running-totals.ts';

/**
 * The running figures as one record of plain arrays (the engine's msgpack keeps no Map). They are small
 * (zones, gates, devices, days), so a commit rewrites them whole.
 */
export interface CountersRecord {
  occupancy: Array<[string, number]>;
  days: Array<[string, DayCounters]>;
  gateDays: Array<[string, Array<[string, { in: number; out: number }]>]>;
  gateLastReport: Array<[string, number]>;
  deviceTotals: Array<[string, DeviceTotals]>;
  drift: Array<[string, number]>;
}

/** A copy of the running figures (no object shared with them: see GroupCommit.record). */
export function countersRecord(counters: FloorCounters): CountersRecord {
  return {
    occupancy: [...counters.occupancy],
    days: [...counters.days].map(([day, figures]) => [day, { ...figures }]),
    gateDays: [...counters.gateDays].map(([day, gates]) => [day, [...gates].map(([gate, figures]) => [gate, { ...figures }])]),
    gateLastReport: [...counters.gateLastReport],
    deviceTotals: [...counters.deviceTotals].map(([key, totals]) => [key, { ...totals }]),
    drift: [...counters.drift],
  };
}

/** Fills `counters` from a record (throws on a record of another shape: the caller names the file). */
export function restoreCounters(record: CountersRecord): FloorCounters {
  const counters = emptyFloorCounters();
  for (const [zone, persons] of record.occupancy) counters.occupancy.set(zone, persons);
  for (const [day, figures] of record.days) counters.days.set(day, { ...figures });
  for (const [day, gates] of record.gateDays) counters.gateDays.set(day, new Map(gates.map(([gate, figures]) => [gate, { ...figures }])));
  for (const [gate, atMs] of record.gateLastReport) counters.gateLastReport.set(gate, atMs);
  for (const [key, totals] of record.deviceTotals) counters.deviceTotals.set(key, { ...totals });
  for (const [zone, persons] of record.drift) counters.drift.set(zone, persons);
  return counters;
}

/** Record keys of the `state` database, by what they hold. */
export const RecordKey = {
  format: 'format',
  counters: 'counters',
  rollup: (day: string) => `rollup:${day}`,
  stands: (day: string) => `stands:${day}`,
  badgeCount: (day: string) => `badges:${day}`,
  incident: (id: string) => `incident:${id}`,
  alert: (id: string) => `alert:${id}`,
  activeAlert: (key: string) => `active:${key}`,
  session: (digest: string) => `session:${digest}`,
  repeats: (day: string) => `repeats:${day}`,
  closure: (gate: string) => `closure:${gate}`,
  crossings: 'crossings',
  secret: (name: string) => `secret:${name}`,
  /** The current venue version's number (issue 16; the versions are in the `venues` database). */
  venueCurrent: 'venue-current',
} as const;
