import type { CrowdSafetyDay } from '@fairwatch/protocol';
import { crowdFlowOf, levelOfService, type Venue } from '@fairwatch/venue';
import { egressNetwork, egressTimes, quickestClearMinutes } from './egress.ts';
import { dayTimeline, type LogEntry } from './replay.ts';
import { localTimeToInstant } from '@fairwatch/venue/venue-time';

/**
 * A day's worst moments for crowd safety (issue 18), for managers and the printed report: the longest
 * time to clear the whole floor at the end of any minute (occupancies folded from the durable log,
 * every exit open: closures are live state, not history), and the highest flow per metre through any
 * gate over one minute of `at` (count reports with increments; running totals are left out).
 */
export function dayCrowdPeaks(entries: readonly LogEntry[], venue: Venue, day: string, untilMs: number): CrowdSafetyDay {
  const settings = crowdFlowOf(venue);
  const network = egressNetwork(venue, { exitFlowRate: settings.exitFlowRate });
  const timeline = dayTimeline(entries, venue, day, untilMs);
  let worst: { minutes: number; index: number } | null = null;
  let previous = '';
  timeline.minutes.forEach((_, i) => {
    const people = venue.zones.map((zone) => timeline.zones[zone.id]?.[i] ?? 0);
    const key = people.join(',');
    if (key === previous) return; // the same floor as the minute before: the same time
    previous = key;
    if (!network.zoneIds.every((_, z) => network.routed[z] || people[z] === 0)) return;
    const minutes = quickestClearMinutes(network, people);
    if (Number.isFinite(minutes) && minutes > 0 && (!worst || minutes > worst.minutes)) worst = { minutes, index: i };
  });
  let worstTimeToClear: CrowdSafetyDay['worstTimeToClear'] = null;
  if (worst) {
    const { minutes, index } = worst as { minutes: number; index: number };
    const occupancy = Object.fromEntries(venue.zones.map((zone) => [zone.id, timeline.zones[zone.id]?.[index] ?? 0]));
    const times = egressTimes(network, occupancy);
    let zone: string | null = null;
    for (const [id, value] of Object.entries(times.zones)) if (value !== null && (zone === null || value > (times.zones[zone] ?? 0))) zone = id;
    worstTimeToClear = {
      minutes: Math.round(minutes * 10) / 10,
      // The figure describes the floor at the end of that minute.
      at: new Date(timeline.minutes[index]! + 60_000).toISOString(),
      zone,
      zoneMinutes: zone === null ? null : (times.zones[zone] ?? null),
    };
  }

  const startMs = localTimeToInstant(day, '00:00', venue.timezone);
  const widths = new Map(venue.gates.filter((gate) => gate.widthM !== undefined).map((gate) => [gate.id, gate.widthM!]));
  const perMinute = new Map<string, number>();
  for (const entry of entries) {
    if (entry.type !== 'counts') continue;
    for (const item of entry.items) {
      if (item.device || !widths.has(item.gate)) continue;
      const atMs = Date.parse(item.at);
      if (atMs < startMs || atMs >= startMs + 24 * 3_600_000 || atMs > untilMs) continue;
      const key = `${item.gate}\n${Math.floor(atMs / 60_000)}`;
      perMinute.set(key, (perMinute.get(key) ?? 0) + (item.in ?? 0) + (item.out ?? 0));
    }
  }
  let worstGateFlow: CrowdSafetyDay['worstGateFlow'] = null;
  for (const [key, crossings] of perMinute) {
    const [gate, minute] = key.split('\n') as [string, string];
    const flow = Math.round((crossings / widths.get(gate)!) * 10) / 10;
    if (!worstGateFlow || flow > worstGateFlow.flowPerMetreMinute) {
      worstGateFlow = { gate, flowPerMetreMinute: flow, levelOfService: levelOfService(flow), at: new Date(Number(minute) * 60_000).toISOString() };
    }
  }
  return { worstTimeToClear, worstGateFlow, targetMinutes: settings.evacuationTargetMinutes, exitFlowRate: settings.exitFlowRate };
}
