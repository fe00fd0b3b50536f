import type { DailyReport, Incident, StandFigure } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { HOURS, standTotals, type DayRollup } from '../domain/rollups.ts';
import { estimateVisitLength, occupancyByHour } from '../domain/visit-length.ts';
import { localTimeToInstant } from '@fairwatch/venue/venue-time';
import { incidentLog, summarizeIncidents } from './incident-summary.ts';

/** Where "now" stands for a report: the venue day and local time, and who is inside. */
export interface ReportClock {
  now: Date;
  today: string;
  /** Minutes after local midnight now. */
  minuteOfDay: number;
  insideNow: number;
}

/** How far into `day` its figures go: the whole day when it is over, up to now when it is today. */
export function hoursGone(day: string, clock: ReportClock): number {
  if (day < clock.today) return HOURS;
  if (day > clock.today) return 0;
  return clock.minuteOfDay / 60;
}

/** The top stands of a day by check-ins (most first, then by id), at most `limit`. */
export function topStands(totals: ReadonlyMap<string, number>, venue: Venue, limit: number): StandFigure[] {
  const zoneOf = new Map(venue.stands.map((stand) => [stand.id, stand.zone]));
  return [...totals]
    .filter(([stand, checkins]) => checkins > 0 && zoneOf.has(stand))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, limit)
    .map(([stand, checkins]) => ({ stand, zone: zoneOf.get(stand)!, checkins }));
}

const logOf = ({ entries, truncated }: ReturnType<typeof incidentLog>) => ({ incidentLog: entries, incidentLogTruncated: truncated });

/** The daily report of a venue day, from its roll-up and the incidents. Pure. */
export function buildDailyReport(rollup: DayRollup, incidents: readonly Incident[], venue: Venue, clock: ReportClock): DailyReport {
  const totals = standTotals(rollup);
  const visit = estimateVisitLength({
    entriesByHour: rollup.entriesByHour,
    exitsByHour: rollup.exitsByHour,
    untilHour: hoursGone(rollup.day, clock),
    ...(rollup.day === clock.today && { insideNow: clock.insideNow }),
  });
  let peak = { peakInside: rollup.peakInside, peakAt: rollup.peakAt, peakEstimated: false };
  if (peak.peakInside === null && rollup.entries > 0) {
    const curve = occupancyByHour(rollup.entriesByHour, rollup.exitsByHour);
    const hour = curve.indexOf(Math.max(...curve));
    const end = hour === HOURS - 1 ? '23:59' : `${String(hour + 1).padStart(2, '0')}:00`;
    peak = { peakInside: curve[hour]!, peakAt: new Date(localTimeToInstant(rollup.day, end, venue.timezone)).toISOString(), peakEstimated: true };
  }
  return {
    day: rollup.day,
    timezone: venue.timezone,
    generatedAt: clock.now.toISOString(),
    complete: rollup.day < clock.today,
    totals: {
      entries: rollup.entries, exits: rollup.exits, checkins: rollup.checkins, uniqueVisitors: rollup.uniqueVisitors,
      ...peak,
    },
    visitLength: { minutes: visit.minutes, averageInside: visit.averageInside, provisional: visit.provisional },
    hours: Array.from({ length: HOURS }, (_, hour) => ({
      hour,
      entries: rollup.entriesByHour[hour] ?? 0,
      exits: rollup.exitsByHour[hour] ?? 0,
      checkins: rollup.checkinsByHour[hour] ?? 0,
      peakInside: (rollup.peakByHour[hour] ?? -1) < 0 ? null : rollup.peakByHour[hour]!,
    })),
    poles: venue.zones.map((zone) => {
      const stands = venue.stands.filter((stand) => stand.zone === zone.id);
      const peakOccupancy = rollup.zonePeaks[zone.id] ?? 0;
      return {
        zone: zone.id,
        peakOccupancy,
        capacity: zone.capacity,
        overCapacity: peakOccupancy > zone.capacity,
        checkins: stands.reduce((sum, stand) => sum + (totals.get(stand.id) ?? 0), 0),
        stands: stands.length,
        activeStands: stands.filter((stand) => (totals.get(stand.id) ?? 0) > 0).length,
      };
    }),
    topStands: topStands(totals, venue, 10),
    incidents: summarizeIncidents(incidents, rollup.day, venue.timezone),
    ...logOf(incidentLog(incidents, rollup.day, venue.timezone)),
  };
}
