import { crossingOf, type CountingLine } from './counting-lines.ts';
import type { Incident } from '@fairwatch/protocol';
import type { ApplyContext, LoggedCount, PreparedCount } from './writes.ts';

export type { ApplyContext, PreparedCount } from './writes.ts';
import type { FloorState } from './floor-state.ts';
import { resolvedAt } from './incident-workflow.ts';
import { stepTotals, type DeviceTotals } from './running-totals.ts';

/**
 * The running figures of the floor, as the embedded store keeps them in memory. The Redis store keeps
 * the same figures in Redis and applies the same rules in a Lua script (store/lua/ingest-counts.lua); one
 * contract suite runs against both so they cannot drift.
 */
export interface FloorCounters {
  /** Persons in each zone now; never below 0. */
  occupancy: Map<string, number>;
  /** Per venue day: entries, exits and the day's peak of `inside`. */
  days: Map<string, DayCounters>;
  /** Per venue day, per gate: persons counted in and out. */
  gateDays: Map<string, Map<string, { in: number; out: number }>>;
  /** When each gate last reported (server clock, ms). */
  gateLastReport: Map<string, number>;
  /** Last running totals per counting device, keyed `gate\ndevice`. */
  deviceTotals: Map<string, DeviceTotals>;
  /** Persons dropped per zone by the hold at 0 (counter drift), since the zone's last recount. */
  drift: Map<string, number>;
}

export interface DayCounters {
  entries: number;
  exits: number;
  peakInside: number;
  peakAt: string | null;
}

export function emptyFloorCounters(): FloorCounters {
  return { occupancy: new Map(), days: new Map(), gateDays: new Map(), gateLastReport: new Map(), deviceTotals: new Map(), drift: new Map() };
}

export function dayCounters(counters: FloorCounters, day: string): DayCounters {
  let found = counters.days.get(day);
  if (!found) {
    found = { entries: 0, exits: 0, peakInside: -1, peakAt: null };
    counters.days.set(day, found);
  }
  return found;
}

export function insideOf(counters: FloorCounters): number {
  let inside = 0;
  for (const persons of counters.occupancy.values()) inside += persons;
  return inside;
}


/** A report as the durable log keeps it: as the device sent it (replay.ts reads it back). */
export function loggedCountOf(report: PreparedCount): LoggedCount {
  return report.device === undefined
    ? { id: report.id, gate: report.gate, at: report.at, in: report.in, out: report.out }
    : { id: report.id, gate: report.gate, at: report.at, device: report.device, inTotal: report.in, outTotal: report.out };
}


/**
 * Applies one accepted count report. A zone is never taken below 0: the part of a change that would
 * do so is dropped (counter drift), so `inside` (the sum of the zones) stays honest.
 */
export function applyCount(counters: FloorCounters, report: PreparedCount, context: ApplyContext): CountApplied {
  let { in: inCount, out: outCount } = report;
  if (report.device !== undefined) {
    const key = `${report.gate}\n${report.device}`;
    const step = stepTotals(counters.deviceTotals.get(key), { inTotal: report.in, outTotal: report.out, atMs: report.atMs });
    counters.deviceTotals.set(key, step.next);
    ({ in: inCount, out: outCount } = step);
  }
  const crossing = crossingOf(report.line, inCount, outCount);
  for (const [zone, change] of crossing.zoneChanges) {
    const after = (counters.occupancy.get(zone) ?? 0) + change;
    if (after < 0) counters.drift.set(zone, (counters.drift.get(zone) ?? 0) - after);
    counters.occupancy.set(zone, Math.max(0, after));
  }
  const day = dayCounters(counters, report.day);
  day.entries += crossing.entries;
  day.exits += crossing.exits;

  // A report that added nothing (a stale or implausible total) leaves no gate figure, as in Redis (a
  // hash field is written by a non-zero increment only): readers take a missing gate as 0 and 0.
  if (inCount !== 0 || outCount !== 0) {
    let gates = counters.gateDays.get(report.day);
    if (!gates) counters.gateDays.set(report.day, (gates = new Map()));
    const gate = gates.get(report.gate);
    if (gate) {
      gate.in += inCount;
      gate.out += outCount;
    } else gates.set(report.gate, { in: inCount, out: outCount });
  }
  counters.gateLastReport.set(report.gate, context.nowMs);

  const today = dayCounters(counters, context.today);
  const inside = insideOf(counters);
  // Only a report of today may set today's peak (the roll-ups' rule): a late batch of an earlier day
  // passes through figures that were never on the floor today.
  if (report.day === context.today && inside > today.peakInside) {
    today.peakInside = inside;
    today.peakAt = context.nowIso;
  }
  const zones = crossing.zoneChanges.map(([zone]) => [zone, counters.occupancy.get(zone) ?? 0] as const);
  return { entries: crossing.entries, exits: crossing.exits, inside, zones, in: inCount, out: outCount };
}

/** What one applied report did: what the roll-ups (domain/rollups.ts) record of it. */
export interface CountApplied {
  entries: number;
  exits: number;
  inside: number;
  zones: Array<readonly [string, number]>;
  /** The crossings the report added to its gate (increments, also for running totals). */
  in: number;
  out: number;
}

/** What a floor state is read from in memory: the counters and the day's check-ins and incidents. */
export interface FloorMemory {
  counters: FloorCounters;
  /** Per venue day, check-ins per stand. */
  standDays: Map<string, Map<string, number>>;
  /** Check-ins recent enough for the 15-minute window (the caller filters by its instant). */
  recentCheckins: Array<{ stand: string; atMs: number }>;
  incidents: Iterable<Incident>;
  /** Per venue day, repeat scans per stand (domain/stand-scans.ts). */
  standRepeats?: Map<string, Map<string, number>>;
}

/** The floor state of a venue day from figures kept in memory (the embedded store, a replay). */
export function floorStateFromMemory(memory: FloorMemory, day: string): FloorState {
  const today = memory.counters.days.get(day);
  const gates = memory.counters.gateDays.get(day);
  const started = today && today.peakInside >= 0;
  return {
    day,
    occupancy: Object.fromEntries(memory.counters.occupancy),
    entries: today?.entries ?? 0,
    exits: today?.exits ?? 0,
    peakInside: started ? today.peakInside : null,
    peakAt: started ? today.peakAt : null,
    // Copies: the counters' gate figures change in place.
    gates: gates ? Object.fromEntries([...gates].map(([gate, figures]) => [gate, { ...figures }])) : {},
    gateLastReport: Object.fromEntries(memory.counters.gateLastReport),
    standCheckins: Object.fromEntries(memory.standDays.get(day) ?? []),
    standRepeats: Object.fromEntries(memory.standRepeats?.get(day) ?? []),
    recentCheckins: [...memory.recentCheckins],
    incidents: [...memory.incidents].map((incident) => ({ status: incident.status, resolvedAt: resolvedAt(incident) })),
    drift: Object.fromEntries(memory.counters.drift),
  };
}
