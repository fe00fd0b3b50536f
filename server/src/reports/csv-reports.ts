import type { DailyReport, StandReport } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { venueDay, venueTimeOfDay } from '@fairwatch/venue/venue-time';
import { csvDocument, type Cell } from './csv.ts';
import { CSV_DIALECTS, LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS, type ReportLanguage } from './labels.ts';

/** The daily report's tables, one CSV each (`?format=csv&table=`): a spreadsheet opens one table per file. */
export const DAILY_TABLES = ['summary', 'hours', 'poles', 'stands', 'incidents', 'response-times', 'incident-log'] as const;
export type DailyTable = (typeof DAILY_TABLES)[number];

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** A duration as h:mm:ss, which spreadsheets read as a duration (a median of 40 s is not "0 min"). */
export function durationCell(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** The venue-local date and time of an instant, "YYYY-MM-DD HH:MM" (the venue's clock, as everywhere). */
function localDateTime(iso: string, timeZone: string): string {
  return `${venueDay(Date.parse(iso), timeZone)} ${venueTimeOfDay(iso, timeZone)}`;
}

/** Hours worth a row: the venue's opening hours, widened to every hour that has figures. */
function hoursShown(venue: Venue, active: (hour: number) => boolean): number[] {
  const open = Number(venue.openingHours?.open.slice(0, 2) ?? 10);
  const close = Number(venue.openingHours?.close.slice(0, 2) ?? 22);
  let first = Math.min(open, 23);
  let last = Math.max(first, Math.min(23, close - (venue.openingHours?.close.endsWith(':00') ?? true ? 1 : 0)));
  for (let hour = 0; hour < 24; hour++) {
    if (!active(hour)) continue;
    first = Math.min(first, hour);
    last = Math.max(last, hour);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** One table of the daily report as CSV, in the chosen language and its spreadsheet's dialect. */
export function dailyReportCsv(report: DailyReport, venue: Venue, language: ReportLanguage, table: DailyTable = 'summary'): string {
  const l = LABELS[language];
  const tz = venue.timezone;
  const zoneName = (id: string | null) => (id === null ? null : (venue.zones.find((zone) => zone.id === id)?.name[language] ?? id));
  const standName = (id: string | null) => (id === null ? null : (venue.stands.find((stand) => stand.id === id)?.name[language] ?? id));
  const tables: Record<DailyTable, () => Cell[][]> = {
    summary: () => [
      [l.figure, l.value],
      [l.dailyTitle, venue.name[language]],
      [l.day, report.day],
      [l.timezone, report.timezone],
      [l.generatedAt, localDateTime(report.generatedAt, tz)],
      [l.complete, report.complete ? l.yes : l.no],
      [l.entries, report.totals.entries],
      [l.exits, report.totals.exits],
      [l.peakInside, report.totals.peakInside ?? 0],
      [l.peakAt, report.totals.peakAt ? venueTimeOfDay(report.totals.peakAt, tz) : null],
      ...(report.totals.peakEstimated ? [[l.peakEstimated, l.yes]] : []),
      [l.uniqueVisitors, report.totals.uniqueVisitors],
      [l.checkins, report.totals.checkins],
      [l.visitMinutes, report.visitLength.minutes === null ? null : Math.round(report.visitLength.minutes)],
      [l.averageInside, Math.round(report.visitLength.averageInside)],
      ...crowdSafetyRows(report, venue, language),
    ],
    hours: () => [
      [l.hour, l.entries, l.exits, l.checkins, l.peakInside],
      ...hoursShown(venue, (h) => report.hours[h]!.entries + report.hours[h]!.exits + report.hours[h]!.checkins > 0).map((hour) => {
        const row = report.hours[hour]!;
        return [hourLabel(hour), row.entries, row.exits, row.checkins, row.peakInside];
      }),
    ],
    poles: () => [
      [l.pole, l.peakOccupancy, l.capacity, l.overCapacity, l.checkins, l.stands, l.activeStands],
      ...report.poles.map((pole) => [zoneName(pole.zone), pole.peakOccupancy, pole.capacity, pole.overCapacity ? l.yes : '', pole.checkins, pole.stands, pole.activeStands]),
    ],
    stands: () => [
      [l.rank, l.stand, l.pole, l.checkins],
      ...report.topStands.map((stand, index) => [index + 1, standName(stand.stand), zoneName(stand.zone), stand.checkins]),
    ],
    incidents: () => [
      [l.type, l.count],
      ...Object.entries(report.incidents.byType).map(([type, count]) => [TYPE_LABELS[language][type as keyof typeof report.incidents.byType], count]),
      [l.unresolved, report.incidents.unresolved],
      [l.all, report.incidents.total],
    ],
    'response-times': () => [
      [l.severity, l.count, l.toAcknowledge, l.toResolve],
      ...report.incidents.responseBySeverity.map((row) => [SEVERITY_LABELS[language][row.severity], row.count, durationCell(row.medianAcknowledgeMs), durationCell(row.medianResolveMs)]),
      [l.all, report.incidents.total, durationCell(report.incidents.medianAcknowledgeMs), durationCell(report.incidents.medianResolveMs)],
    ],
    'incident-log': () => [
      [l.loggedAt, l.type, l.severity, l.status, l.place, l.reportedBy, l.assignee, l.timeToAcknowledge, l.timeToResolve, l.description, l.id],
      ...report.incidentLog.map((entry) => [
        localDateTime(entry.loggedAt, tz),
        TYPE_LABELS[language][entry.type],
        SEVERITY_LABELS[language][entry.severity],
        STATUS_LABELS[language][entry.status],
        [standName(entry.stand), zoneName(entry.zone)].filter(Boolean).join(' · ') || null,
        entry.reportedBy,
        entry.assignee,
        durationCell(entry.toAcknowledgeMs),
        durationCell(entry.toResolveMs),
        entry.description,
        entry.id,
      ]),
    ],
  };
  return csvDocument(tables[table](), CSV_DIALECTS[language]);
}

/** The per-stand report as CSV: one row per day, one column per local hour, and the totals. */
export function standReportCsv(report: StandReport, venue: Venue, language: ReportLanguage): string {
  const l = LABELS[language];
  const hours = hoursShown(venue, (h) => report.days.some((day) => (day.byHour[h] ?? 0) > 0));
  const rows: Cell[][] = [
    [l.day, ...hours.map(hourLabel), l.total],
    ...report.days.map((day) => [day.day, ...hours.map((hour) => day.byHour[hour] ?? 0), day.total]),
    [l.total, ...hours.map((hour) => report.days.reduce((sum, day) => sum + (day.byHour[hour] ?? 0), 0)), report.total],
  ];
  return csvDocument(rows, CSV_DIALECTS[language]);
}

/** The day's worst time to clear and gate flow (issue 18), as rows of the summary table, when the report has them. */
function crowdSafetyRows(report: DailyReport, venue: Venue, language: ReportLanguage): Cell[][] {
  const safety = report.crowdSafety;
  if (!safety) return [];
  const l = LABELS[language];
  const clear = safety.worstTimeToClear;
  const flow = safety.worstGateFlow;
  const zone = clear?.zone ? (venue.zones.find((z) => z.id === clear.zone)?.name[language] ?? clear.zone) : null;
  const gate = flow ? (venue.gates.find((g) => g.id === flow.gate)?.name[language] ?? flow.gate) : null;
  return [
    [l.evacuationTarget, safety.targetMinutes],
    [l.worstTimeToClear, clear?.minutes ?? null],
    [`${l.worstTimeToClear} · ${l.worstTimeAt}`, clear ? venueTimeOfDay(clear.at, venue.timezone) : null],
    [l.slowestZone, zone ? `${zone} (${clear?.zoneMinutes ?? ''})` : null],
    [l.worstGateFlow, flow?.flowPerMetreMinute ?? null],
    [`${l.worstGateFlow} · ${l.gate}`, gate],
    [`${l.worstGateFlow} · ${l.levelOfService}`, flow?.levelOfService ?? null],
    [`${l.worstGateFlow} · ${l.worstTimeAt}`, flow ? venueTimeOfDay(flow.at, venue.timezone) : null],
  ];
}
