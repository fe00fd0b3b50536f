import type { ProgrammeSlot, Venue } from '@fairwatch/venue';
import { addDays, localTimeToInstant } from '@fairwatch/venue/venue-time';
import { zoneClearMinutes, type EgressNetwork } from './egress.ts';
import { DEFAULT_PROGRAMME_LEAD_MINUTES } from './zone-alerts.ts';

/**
 * The next hour of each zone (issue 18), from two things operations know: the recent net inflow (the
 * least-squares trend of the last 5 minutes, as the inflow pre-alert uses) and the venue's programme.
 *
 *   occupancy(t) = max(now + trend x t, programme(t)),  never below 0,
 *
 * where programme(t) ramps up to the slot's `expected` audience over its lead time before the start and
 * holds it until the end; once a slot that is under way ends, the zone is taken to stop growing
 * (min(trend, now)). A linear trend is a short-range guess: it says "at this pace", not "will".
 */

export const FORECAST_MINUTES = 60;

/** One occurrence of a programme slot on a venue day. */
export interface SlotOccurrence {
  zone: string;
  startMs: number;
  endMs: number;
  leadMs: number;
  expected: number;
}

/**
 * The occurrences, on the venue day and the days either side of it (the next hour can cross midnight),
 * of the slots that say how many people they expect; oldest first.
 */
export function programmeOccurrences(programme: readonly ProgrammeSlot[], day: string, timeZone: string): SlotOccurrence[] {
  const occurrences: SlotOccurrence[] = [];
  for (const slotDay of [addDays(day, -1), day, addDays(day, 1)]) {
    for (const slot of programme) {
      if (slot.expected === undefined || (slot.days && !slot.days.includes(slotDay))) continue;
      const startMs = localTimeToInstant(slotDay, slot.start, timeZone);
      occurrences.push({
        zone: slot.zone,
        startMs,
        endMs: startMs + slot.minutes * 60_000,
        leadMs: (slot.leadMinutes ?? DEFAULT_PROGRAMME_LEAD_MINUTES) * 60_000,
        expected: slot.expected,
      });
    }
  }
  return occurrences;
}

/** The forecast occupancy `minutes` ahead, by the rule above. */
export function forecastOccupancy(occupancy: number, netPerMinute: number, slots: readonly SlotOccurrence[], nowMs: number, minutes: number): number {
  const atMs = nowMs + minutes * 60_000;
  let value = Math.max(0, occupancy + netPerMinute * minutes);
  for (const slot of slots) {
    const opens = slot.startMs - slot.leadMs;
    if (atMs >= opens && atMs < slot.endMs) {
      const ramp = slot.leadMs > 0 ? Math.min(1, (atMs - opens) / slot.leadMs) : 1;
      value = Math.max(value, slot.expected * ramp);
    } else if (atMs >= slot.endMs && nowMs >= opens && nowMs < slot.endMs) {
      value = Math.min(value, occupancy);
    }
  }
  return Math.round(value);
}

export interface ZoneForecast {
  in30m: number;
  in60m: number;
  /** Time to clear the zone (with those in front of it) at the forecast occupancies, minutes. */
  clearIn30m: number | null;
  clearIn60m: number | null;
  /** When, within the hour, the zone would reach each level above its current one (ISO, to the minute). */
  busyAt: string | null;
  crowdedAt: string | null;
  criticalAt: string | null;
  /** Its time to clear at those moments. */
  clearAtBusy: number | null;
  clearAtCrowded: number | null;
  clearAtCritical: number | null;
}

export interface ForecastInput {
  nowMs: number;
  occupancy: Readonly<Record<string, number>>;
  /** Net persons per minute into each zone (0 when unknown). */
  netPerMinute: Readonly<Record<string, number>>;
  slots: readonly SlotOccurrence[];
}

const LEVELS = ['busy', 'crowded', 'critical'] as const;
const round1 = (minutes: number) => Math.round(minutes * 10) / 10;
const finite = (minutes: number) => (Number.isFinite(minutes) ? round1(minutes) : null);
const toMinute = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();

/**
 * Every zone's forecast for the next hour, with times to clear from the egress model; with `only`, just
 * those zones (the others' curves are still drawn: their people share the exits).
 */
export function forecastZones(venue: Pick<Venue, 'zones'>, network: EgressNetwork, input: ForecastInput, only?: ReadonlySet<string>): Record<string, ZoneForecast> {
  const zones = venue.zones;
  const slotsByZone = new Map<string, SlotOccurrence[]>();
  const horizonEnd = input.nowMs + FORECAST_MINUTES * 60_000;
  for (const slot of input.slots) {
    if (slot.endMs < input.nowMs - 60 * 60_000 || slot.startMs - slot.leadMs > horizonEnd) continue;
    slotsByZone.set(slot.zone, [...(slotsByZone.get(slot.zone) ?? []), slot]);
  }
  // curves[m][zone index]: everyone's forecast at minute m, so that times to clear see the whole floor then.
  const curves = Array.from({ length: FORECAST_MINUTES + 1 }, () => new Float64Array(zones.length));
  zones.forEach((zone, z) => {
    const now = input.occupancy[zone.id] ?? 0;
    const trend = input.netPerMinute[zone.id] ?? 0;
    const slots = slotsByZone.get(zone.id) ?? [];
    for (let m = 0; m <= FORECAST_MINUTES; m++) curves[m]![z] = m === 0 ? now : forecastOccupancy(now, trend, slots, input.nowMs, m);
  });
  const indexOf = new Map(network.zoneIds.map((id, i) => [id, i]));
  const clearAt = (m: number, zoneId: string) => {
    const i = indexOf.get(zoneId);
    if (i === undefined || !network.routed[i]) return null;
    // The network orders zones as the venue does.
    return finite(zoneClearMinutes(network, curves[m]!, i));
  };

  const result: Record<string, ZoneForecast> = {};
  zones.forEach((zone, z) => {
    if (only && !only.has(zone.id)) return;
    const forecast: ZoneForecast = {
      in30m: curves[30]![z]!,
      in60m: curves[60]![z]!,
      clearIn30m: clearAt(30, zone.id),
      clearIn60m: clearAt(60, zone.id),
      busyAt: null, crowdedAt: null, criticalAt: null, clearAtBusy: null, clearAtCrowded: null, clearAtCritical: null,
    };
    for (const level of LEVELS) {
      const reachedAt = zone.thresholds[level] * zone.areaM2;
      if (curves[0]![z]! >= reachedAt) continue;
      for (let m = 1; m <= FORECAST_MINUTES; m++) {
        if (curves[m]![z]! < reachedAt) continue;
        const key = level === 'busy' ? 'Busy' : level === 'crowded' ? 'Crowded' : 'Critical';
        forecast[`${level}At`] = toMinute(input.nowMs + m * 60_000);
        forecast[`clearAt${key}`] = clearAt(m, zone.id);
        break;
      }
    }
    result[zone.id] = forecast;
  });
  return result;
}
