import type { Venue } from '@fairwatch/venue';
import type { FloorState } from './floor-state.ts';
import type { Figures } from './live-figures.ts';

/**
 * Sensor health: a gate silent for longer than the offline time is offline (`online: false` in the
 * figures); the zones on either side of an offline gate are uncertain, since people may cross it
 * uncounted. A gate that never reported is not taken as a fault (nothing has happened yet, e.g. before
 * opening), only one that went silent.
 */
export function gateOffline(lastReportMs: number | undefined, nowMs: number, offlineMs: number): boolean {
  return lastReportMs !== undefined && nowMs - lastReportMs > offlineMs;
}

/** The zones fed by at least one gate that went silent. */
export function uncertainZones(venue: Pick<Venue, 'gates'>, gateLastReport: Record<string, number>, nowMs: number, offlineMs: number): Set<string> {
  const zones = new Set<string>();
  for (const gate of venue.gates) {
    if (!gateOffline(gateLastReport[gate.id], nowMs, offlineMs)) continue;
    if (gate.from !== null) zones.add(gate.from);
    if (gate.to !== null) zones.add(gate.to);
  }
  return zones;
}

/**
 * Adds the sensor-health fields to every zone: `uncertain` and `drift` (persons dropped by the hold at
 * zero since the last recount). Both are always present, so that deltas carry their changes.
 */
export function withSensorHealth(figures: Figures, floor: FloorState, venue: Pick<Venue, 'gates'>, nowMs: number, offlineMs: number): Figures {
  const uncertain = uncertainZones(venue, floor.gateLastReport, nowMs, offlineMs);
  const zones: Figures['zones'] = {};
  for (const [id, zone] of Object.entries(figures.zones)) {
    zones[id] = { ...zone, uncertain: uncertain.has(id), drift: floor.drift?.[id] ?? 0 };
  }
  return { ...figures, zones };
}
