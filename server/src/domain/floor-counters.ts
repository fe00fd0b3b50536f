import { crossingOf, type CountingLine } from './counting-lines.ts';
import type { Incident } from '@fairwatch/protocol';
import type { ApplyContext, LoggedCount, PreparedCount } from './writes.ts';

export type { ApplyContext, PreparedCount } from './writes.ts';
import type { FloorState } from './floor-state.ts';
import { resolvedAt } from './incident-workflow.ts';
import { rollPeak, rollZonePeak, type DayRollup } from './rollups.ts';
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
 * do so is dropped (counter drift), so `inside` (the sum of the zones) stays honest. In a batch, pass
 * the batch's `peaks` (and settle them after its last report): the report's peaks wait until every
 * report of its instant is applied. Without, the report is an instant of its own.
 */
export function applyCount(counters: FloorCounters, report: PreparedCount, context: ApplyContext, peaks?: InstantPeaks): CountApplied {
  peaks?.before(report.atMs);
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

  const inside = insideOf(counters);
  if (peaks) peaks.hold(report, crossing.zoneChanges, inside);
  else raiseDayPeak(counters, report.day, inside, context);
  const zones = crossing.zoneChanges.map(([zone]) => [zone, counters.occupancy.get(zone) ?? 0] as const);
  return { entries: crossing.entries, exits: crossing.exits, inside, zones, in: inCount, out: outCount };
}

/**
 * Today's live peak of `inside`. Only a report of today may set it (the roll-ups' rule): a late batch
 * of an earlier day passes through figures that were never on the floor today.
 */
function raiseDayPeak(counters: FloorCounters, day: string, inside: number, context: ApplyContext): void {
  const today = dayCounters(counters, context.today);
  if (day === context.today && inside > today.peakInside) {
    today.peakInside = inside;
    today.peakAt = context.nowIso;
  }
}

/** A report's local hour for the roll-ups, as prepared (the UTC hour when unset). */
export function reportHour(report: PreparedCount): number {
  return report.hour ?? new Date(report.atMs).getUTCHours();
}

/** Where a batch's peaks go in the roll-ups (the stores'), and the local hour of a report. */
export interface RollupPeaks {
  rollupOf(day: string): DayRollup;
  hourOf(report: PreparedCount): number;
}

/**
 * The peaks of a batch, taken once every report of one instant is applied (issue 15). Reports of one
 * instant (the same `atMs`, consecutive in the batch as the stores apply it) are one moment of the
 * floor: between two gates' reports of it the floor passes through occupancies that never were (10 in
 * at the door and the same 10 on to the stage would count 10 more in the hall, and flag it over its
 * capacity in the daily report). The instant held is settled when a report of another instant comes
 * and at the end of the batch (`settle`). The live peak of today, and with `rollups` the roll-ups'
 * peaks of `inside`, of its hour and of the zones the instant's reports touched. One per batch: the
 * zones are kept in one array reused, nothing is allocated per report. Lua: store/lua/ingest-counts.lua.
 */
export class InstantPeaks {
  /** The last report applied of the instant held, null when none is held. */
  #report: PreparedCount | null = null;
  readonly #zones: string[] = [];
  #zoneCount = 0;
  /** `inside` after that report: the floor's until a report of another instant is applied. */
  #inside = 0;

  constructor(private readonly counters: FloorCounters, private readonly context: ApplyContext, private readonly rollups?: RollupPeaks) {}

  /** Before a report is applied: one of another instant settles the instant held. */
  before(atMs: number): void {
    if (this.#report && this.#report.atMs !== atMs) this.settle();
  }

  /** After a report is applied: its instant is held (a report of an earlier day sets no peak: none held). */
  hold(report: PreparedCount, zoneChanges: ReadonlyArray<readonly [string, number]>, inside: number): void {
    if (report.day !== this.context.today) return;
    this.#report = report;
    this.#inside = inside;
    for (const [zone] of zoneChanges) this.#zones[this.#zoneCount++] = zone;
  }

  /** The peaks of the instant held, from the floor as it stands after all its reports. */
  settle(): void {
    const report = this.#report;
    if (!report) return;
    const inside = this.#inside;
    raiseDayPeak(this.counters, report.day, inside, this.context);
    if (this.rollups) {
      const rollup = this.rollups.rollupOf(report.day);
      rollPeak(rollup, this.rollups.hourOf(report), report.at, inside);
      for (let i = 0; i < this.#zoneCount; i++) {
        const zone = this.#zones[i]!;
        rollZonePeak(rollup, zone, this.counters.occupancy.get(zone) ?? 0);
      }
    }
    this.#report = null;
    this.#zoneCount = 0;
  }
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
