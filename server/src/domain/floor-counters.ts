import { crossingOf, type CountingLine } from './counting-lines.ts';

/**
 * The running figures of the floor, as the embedded store keeps them in memory. The Redis store keeps
 * the same figures in Redis and applies the same rules in a Lua script (see redis-scripts.ts); one
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
}

export interface DayCounters {
  entries: number;
  exits: number;
  peakInside: number;
  peakAt: string | null;
}

export function emptyFloorCounters(): FloorCounters {
  return { occupancy: new Map(), days: new Map(), gateDays: new Map(), gateLastReport: new Map() };
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

/** A count report with what the server derived from it: its counting line and its venue day. */
export interface PreparedCount {
  id: string;
  gate: string;
  line: CountingLine;
  in: number;
  out: number;
  at: string;
  /** Venue day of `at`: entries and gate figures belong to it. */
  day: string;
}

export interface ApplyContext {
  /** Venue day of the server's clock: the peak belongs to it. */
  today: string;
  nowMs: number;
  nowIso: string;
}

/**
 * Applies one accepted count report. A zone is never taken below 0: the part of a change that would
 * do so is dropped (counter drift), so `inside` (the sum of the zones) stays honest.
 */
export function applyCount(counters: FloorCounters, report: PreparedCount, context: ApplyContext): void {
  const crossing = crossingOf(report.line, report.in, report.out);
  for (const [zone, change] of crossing.zoneChanges) {
    counters.occupancy.set(zone, Math.max(0, (counters.occupancy.get(zone) ?? 0) + change));
  }
  const day = dayCounters(counters, report.day);
  day.entries += crossing.entries;
  day.exits += crossing.exits;

  let gates = counters.gateDays.get(report.day);
  if (!gates) counters.gateDays.set(report.day, (gates = new Map()));
  const gate = gates.get(report.gate) ?? { in: 0, out: 0 };
  gates.set(report.gate, { in: gate.in + report.in, out: gate.out + report.out });
  counters.gateLastReport.set(report.gate, context.nowMs);

  const today = dayCounters(counters, context.today);
  const inside = insideOf(counters);
  if (inside > today.peakInside) {
    today.peakInside = inside;
    today.peakAt = context.nowIso;
  }
}
