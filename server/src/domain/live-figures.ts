import type { Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { densityLevel, densityOf } from './density.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from './floor-state.ts';
import { venueDay } from '@fairwatch/venue/venue-time';

export type Figures = Omit<Snapshot, 'seq' | 'at'>;

export interface FigureOptions {
  /** A gate that has not reported for this long is offline. */
  gateOfflineMs: number;
}

/** Derives every live figure of the contract's snapshot from a floor state at an instant. Pure. */
export function buildFigures(floor: FloorState, venue: Venue, now: Date, options: FigureOptions): Figures {
  const nowMs = now.getTime();
  const today = venueDay(now, venue.timezone);
  const isToday = floor.day === today;

  const zones: Figures['zones'] = {};
  let inside = 0;
  for (const zone of venue.zones) {
    const occupancy = floor.occupancy[zone.id] ?? 0;
    inside += occupancy;
    const density = densityOf(occupancy, zone.areaM2);
    zones[zone.id] = { occupancy, density, level: densityLevel(density, zone.thresholds) };
  }

  const recentSince = nowMs - RECENT_CHECKIN_WINDOW_MS;
  const recent = new Map<string, number>();
  for (const checkin of floor.recentCheckins) {
    if (checkin.atMs > recentSince && checkin.atMs <= nowMs) recent.set(checkin.stand, (recent.get(checkin.stand) ?? 0) + 1);
  }
  const stands: Figures['stands'] = {};
  for (const stand of venue.stands) {
    stands[stand.id] = {
      checkinsToday: isToday ? (floor.standCheckins[stand.id] ?? 0) : 0,
      checkinsLast15m: recent.get(stand.id) ?? 0,
      repeatsToday: isToday ? (floor.standRepeats?.[stand.id] ?? 0) : 0,
    };
  }

  const gates: Figures['gates'] = {};
  for (const gate of venue.gates) {
    const counted = isToday ? floor.gates[gate.id] : undefined;
    const last = floor.gateLastReport[gate.id];
    gates[gate.id] = {
      inToday: counted?.in ?? 0,
      outToday: counted?.out ?? 0,
      lastReportAt: last === undefined ? null : new Date(last).toISOString(),
      online: last !== undefined && nowMs - last <= options.gateOfflineMs,
    };
  }

  let open = 0;
  let acknowledged = 0;
  let resolvedToday = 0;
  for (const incident of floor.incidents) {
    if (incident.status === 'open') open++;
    else if (incident.status === 'acknowledged') acknowledged++;
    else if (incident.resolvedAt && venueDay(new Date(incident.resolvedAt), venue.timezone) === today) resolvedToday++;
  }

  const peakToday = isToday && floor.peakInside !== null;
  return {
    totals: {
      inside,
      entriesToday: isToday ? floor.entries : 0,
      exitsToday: isToday ? floor.exits : 0,
      peakInside: peakToday ? Math.max(floor.peakInside ?? 0, inside) : inside,
      peakAt: peakToday ? floor.peakAt : null,
    },
    zones,
    stands,
    gates,
    incidents: { open, acknowledged, resolvedToday },
  };
}
