import type { ManagerFigures, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { compareDays } from '../domain/comparisons.ts';
import { addDays } from '@fairwatch/venue/venue-time';
import type { DayRollup } from '../domain/rollups.ts';
import { estimateVisitLength } from '../domain/visit-length.ts';
import { topStands, type ReportClock } from './daily-report.ts';

/**
 * The managers' live figures: the contract's snapshot (inside, entries, peak, zones, stands) with
 * today's roll-up (hours, unique visitors, visit length) and the earlier days' (comparisons). Pure.
 */
export function buildManagerFigures(snapshot: Pick<Snapshot, 'at' | 'totals' | 'zones' | 'stands'>, today: DayRollup, earlier: readonly DayRollup[], venue: Venue, clock: ReportClock): ManagerFigures {
  const inside = snapshot.totals.inside;
  const visit = estimateVisitLength({
    entriesByHour: today.entriesByHour,
    exitsByHour: today.exitsByHour,
    untilHour: clock.minuteOfDay / 60,
    insideNow: inside,
  });
  const standsToday = new Map(Object.entries(snapshot.stands).map(([stand, figures]) => [stand, figures.checkinsToday]));
  const standsRecent = new Map(Object.entries(snapshot.stands).map(([stand, figures]) => [stand, figures.checkinsLast15m]));
  const comparisons = compareDays(today, earlier, clock.minuteOfDay, addDays(today.day, -1));
  return {
    at: snapshot.at,
    day: today.day,
    timezone: venue.timezone,
    // Today's roll-up peak counts only reports of today; the snapshot's also counts `inside` while late
    // reports of earlier days arrive. Prefer the roll-up's when it has one (never below inside now).
    totals: today.peakInside !== null && today.peakInside >= inside
      ? { ...snapshot.totals, peakInside: today.peakInside, peakAt: today.peakAt }
      : snapshot.totals,
    uniqueVisitors: today.uniqueVisitors,
    checkinsToday: [...standsToday.values()].reduce((sum, n) => sum + n, 0),
    visitLength: { minutes: visit.minutes, averageInside: visit.averageInside, provisional: visit.provisional },
    poles: venue.zones.map((zone) => {
      const figures = snapshot.zones[zone.id];
      const occupancy = figures?.occupancy ?? 0;
      return { zone: zone.id, occupancy, share: inside > 0 ? occupancy / inside : 0, capacity: zone.capacity, level: figures?.level ?? 'normal' };
    }),
    busiestToday: topStands(standsToday, venue, 10),
    busiestLast15m: topStands(standsRecent, venue, 10),
    idleStands: venue.stands.filter((stand) => !standsToday.get(stand.id)).map((stand) => ({ stand: stand.id, zone: stand.zone })),
    checkinsByHour: [...today.checkinsByHour],
    entriesByHour: [...today.entriesByHour],
    comparisons: { minuteOfDay: comparisons.minuteOfDay, entriesByNow: comparisons.entriesByNow, earlier: comparisons.earlier, hourly: comparisons.hourly },
  };
}
