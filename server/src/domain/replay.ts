import type { Alert, DayTimeline, Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { applyCount, emptyFloorCounters, floorStateFromMemory, InstantPeaks, type CountApplied, type FloorCounters, type RollupPeaks } from './floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from './floor-state.ts';
import { applyRecount } from './recount.ts';
import { StandScans } from './stand-scans.ts';
import type { IncidentHead, LogEntry, LoggedCount } from './writes.ts';

export type { IncidentHead, LogEntry, LoggedCount } from './writes.ts';
import { localTimeToInstant, venueDay } from '@fairwatch/venue/venue-time';



/** The head of an incident (every field but the history). */
export function headOf(incident: Incident): IncidentHead {
  const { history: _history, ...head } = incident;
  return head;
}

/** The floor rebuilt from the log up to an instant. */
export interface ReplayState {
  counters: FloorCounters;
  standDays: Map<string, Map<string, number>>;
  checkins: Array<{ stand: string; atMs: number }>;
  scans: StandScans;
  incidents: Map<string, Incident>;
  alerts: Map<string, Alert>;
}

export function emptyReplay(): ReplayState {
  return { counters: emptyFloorCounters(), standDays: new Map(), checkins: [], scans: new StandScans(), incidents: new Map(), alerts: new Map() };
}

/** What a fold may want of each count item applied: what it added (running totals made increments). */
export type OnCountApplied = (item: LoggedCount, applied: CountApplied, atMs: number) => void;

/**
 * Applies one log entry through the same domain rules the stores use. A counts entry is one batch:
 * its peaks are taken once every report of an instant is applied, as the stores took them (with
 * `rollups`, the roll-ups' peaks too).
 */
export function applyLogEntry(state: ReplayState, entry: LogEntry, venue: Venue, onCount?: OnCountApplied, rollups?: RollupPeaks): void {
  const context = { nowMs: entry.atMs, nowIso: new Date(entry.atMs).toISOString(), today: venueDay(entry.atMs, venue.timezone) };
  switch (entry.type) {
    case 'counts': {
      const peaks = new InstantPeaks(state.counters, context, rollups);
      for (const item of entry.items) {
        const gate = venue.gates.find((candidate) => candidate.id === item.gate);
        if (!gate) continue;
        const atMs = Date.parse(item.at);
        const device = item.device;
        const applied = applyCount(state.counters, {
          id: item.id, gate: item.gate, line: { from: gate.from, to: gate.to },
          in: (device ? item.inTotal : item.in) ?? 0, out: (device ? item.outTotal : item.out) ?? 0,
          ...(device ? { device } : {}), at: item.at, atMs, day: venueDay(atMs, venue.timezone),
        }, context, peaks);
        onCount?.(item, applied, atMs);
      }
      peaks.settle();
      break;
    }
    case 'checkins':
      for (const item of entry.items) {
        const atMs = Date.parse(item.at);
        const day = venueDay(atMs, venue.timezone);
        let stands = state.standDays.get(day);
        if (!stands) state.standDays.set(day, (stands = new Map()));
        stands.set(item.stand, (stands.get(item.stand) ?? 0) + 1);
        if (item.badge !== undefined) state.scans.note(day, item.stand, item.badge, atMs);
        if (atMs > entry.atMs - RECENT_CHECKIN_WINDOW_MS) state.checkins.push({ stand: item.stand, atMs });
      }
      break;
    case 'incident':
      // A copy of the history: steps are pushed onto it below, and log entries are shared by cached reads.
      state.incidents.set(entry.incident.id, { ...entry.incident, history: [...entry.incident.history] });
      break;
    case 'incident-step': {
      // Pushed, not copied: a replay folds in time linear in the log, however long an incident's history.
      const history = state.incidents.get(entry.head.id)?.history ?? [];
      history.push(entry.step);
      state.incidents.set(entry.head.id, { ...entry.head, history });
      break;
    }
    case 'recount':
      applyRecount(state.counters, entry.zone, entry.count, context);
      break;
    case 'alert':
      state.alerts.set(entry.alert.id, entry.alert);
      break;
  }
}

/** The floor state at `atMs` (for buildFigures), as the stores' readFloor would have answered then. */
export function floorStateOf(state: ReplayState, day: string, atMs: number): FloorState {
  const recentCheckins = state.checkins.filter((checkin) => checkin.atMs > atMs - RECENT_CHECKIN_WINDOW_MS && checkin.atMs <= atMs);
  return floorStateFromMemory({ counters: state.counters, standDays: state.standDays, recentCheckins, incidents: state.incidents.values(), standRepeats: state.scans.repeats }, day);
}

/** Folds the log (oldest first) up to and including `atMs`. */
export function replayUntil(entries: readonly LogEntry[], venue: Venue, atMs: number): ReplayState {
  const state = emptyReplay();
  for (const entry of entries) {
    if (entry.atMs > atMs) break;
    applyLogEntry(state, entry, venue);
  }
  return state;
}

/** Alerts active at the replayed instant, and incidents not yet resolved then. */
export function openAt(state: ReplayState): { alerts: Alert[]; incidents: Incident[] } {
  return {
    alerts: [...state.alerts.values()].filter((alert) => alert.clearedAt === null),
    incidents: [...state.incidents.values()].filter((incident) => incident.status !== 'resolved'),
  };
}

/**
 * The day's curves: occupancy per zone at the end of every minute from the venue's midnight to
 * `untilMs`, and entries per 5 minutes (by when people crossed).
 */
export function dayTimeline(entries: readonly LogEntry[], venue: Venue, day: string, untilMs: number): DayTimeline {
  const startMs = localTimeToInstant(day, '00:00', venue.timezone);
  const endMs = Math.min(untilMs, startMs + 24 * 3_600_000);
  const state = emptyReplay();
  const minutes: number[] = [];
  const zones: Record<string, number[]> = Object.fromEntries(venue.zones.map((zone) => [zone.id, [] as number[]]));
  const slotCount = Math.max(0, Math.ceil((endMs - startMs) / 300_000));
  const entries5m = new Array<number>(slotCount).fill(0);
  // Entries by when people crossed, as the fold applied them: running totals become increments first.
  const countEntries: OnCountApplied = (_item, applied, atMs) => {
    const slot = Math.floor((atMs - startMs) / 300_000);
    if (slot >= 0 && slot < slotCount) entries5m[slot]! += applied.entries;
  };
  let index = 0;
  for (let minute = startMs; minute < endMs; minute += 60_000) {
    const boundary = minute + 60_000;
    while (index < entries.length && entries[index]!.atMs < boundary) applyLogEntry(state, entries[index++]!, venue, countEntries);
    minutes.push(minute);
    for (const zone of venue.zones) zones[zone.id]!.push(state.counters.occupancy.get(zone.id) ?? 0);
  }
  // A report of the day logged after it ended (a late one) still counts in its entries.
  for (; index < entries.length && entries[index]!.atMs <= untilMs; index++) applyLogEntry(state, entries[index]!, venue, countEntries);
  return { day, minutes, zones, entries5m: { slots: entries5m.map((_, i) => startMs + i * 300_000), entries: entries5m } };
}
