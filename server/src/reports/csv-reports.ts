import type { DailyReport, StandReport } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { csvDocument, type Cell } from './csv.ts';
import { LABELS, SEVERITY_LABELS, TYPE_LABELS, type ReportLanguage } from './labels.ts';

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);

/** Local time HH:MM of an instant in the venue's time zone. */
function localTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
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

/** The daily report as CSV, several small tables one under the other, in the chosen language. */
export function dailyReportCsv(report: DailyReport, venue: Venue, language: ReportLanguage): string {
  const l = LABELS[language];
  const zoneName = new Map(venue.zones.map((zone) => [zone.id, zone.name[language]]));
  const standName = new Map(venue.stands.map((stand) => [stand.id, stand.name[language]]));
  const rows: Cell[][] = [
    [l.dailyTitle, venue.name[language]],
    [l.day, report.day],
    [l.timezone, report.timezone],
    [l.generatedAt, report.generatedAt],
    [l.complete, report.complete ? l.yes : l.no],
    [],
    [l.summary, l.value],
    [l.entries, report.totals.entries],
    [l.exits, report.totals.exits],
    [l.peakInside, report.totals.peakInside ?? 0],
    [l.peakAt, localTime(report.totals.peakAt, venue.timezone)],
    ...(report.totals.peakEstimated ? [[l.peakEstimated, l.yes]] : []),
    [l.uniqueVisitors, report.totals.uniqueVisitors],
    [l.checkins, report.totals.checkins],
    [l.visitMinutes, report.visitLength.minutes === null ? null : Math.round(report.visitLength.minutes)],
    [l.averageInside, Math.round(report.visitLength.averageInside)],
    ...crowdSafetyRows(report, venue, language),
    [],
    [l.hour, l.entries, l.exits, l.checkins, l.peakInside],
    ...hoursShown(venue, (h) => report.hours[h]!.entries + report.hours[h]!.exits + report.hours[h]!.checkins > 0).map((hour) => {
      const row = report.hours[hour]!;
      return [hourLabel(hour), row.entries, row.exits, row.checkins, row.peakInside];
    }),
    [],
    [l.pole, l.peakOccupancy, l.capacity, l.checkins, l.stands, l.activeStands],
    ...report.poles.map((pole) => [zoneName.get(pole.zone) ?? pole.zone, pole.peakOccupancy, pole.capacity, pole.checkins, pole.stands, pole.activeStands]),
    [],
    [l.rank, l.stand, l.pole, l.checkins],
    ...report.topStands.map((stand, index) => [index + 1, standName.get(stand.stand) ?? stand.stand, zoneName.get(stand.zone) ?? stand.zone, stand.checkins]),
    [],
    [l.incidents, l.count],
    [l.all, report.incidents.total],
    [l.unresolved, report.incidents.unresolved],
    ...Object.entries(report.incidents.byType).map(([type, count]) => [TYPE_LABELS[language][type as keyof typeof report.incidents.byType], count]),
    [],
    [l.severity, l.count, l.toAcknowledge, l.toResolve],
    ...report.incidents.responseBySeverity.map((row) => [SEVERITY_LABELS[language][row.severity], row.count, minutes(row.medianAcknowledgeMs), minutes(row.medianResolveMs)]),
    [l.all, report.incidents.total, minutes(report.incidents.medianAcknowledgeMs), minutes(report.incidents.medianResolveMs)],
  ];
  return csvDocument(rows);
}

/** The per-stand report as CSV: one row per day, one column per local hour, and the totals. */
export function standReportCsv(report: StandReport, venue: Venue, language: ReportLanguage): string {
  const l = LABELS[language];
  const stand = venue.stands.find((s) => s.id === report.stand);
  const zone = venue.zones.find((z) => z.id === report.zone);
  const hours = hoursShown(venue, (h) => report.days.some((day) => (day.byHour[h] ?? 0) > 0));
  const rows: Cell[][] = [
    [l.standTitle, venue.name[language]],
    [l.stand, stand?.name[language] ?? report.stand],
    [l.pole, zone?.name[language] ?? report.zone],
    [l.timezone, venue.timezone],
    [],
    [l.day, ...hours.map(hourLabel), l.total],
    ...report.days.map((day) => [day.day, ...hours.map((hour) => day.byHour[hour] ?? 0), day.total]),
    [l.total, ...hours.map((hour) => report.days.reduce((sum, day) => sum + (day.byHour[hour] ?? 0), 0)), report.total],
  ];
  return csvDocument(rows);
}

/** The day's worst time to clear and gate flow (issue 18), when the report has them. */
function crowdSafetyRows(report: DailyReport, venue: Venue, language: ReportLanguage): Cell[][] {
  const safety = report.crowdSafety;
  if (!safety) return [];
  const l = LABELS[language];
  const clear = safety.worstTimeToClear;
  const flow = safety.worstGateFlow;
  const zone = clear?.zone ? (venue.zones.find((z) => z.id === clear.zone)?.name[language] ?? clear.zone) : null;
  const gate = flow ? (venue.gates.find((g) => g.id === flow.gate)?.name[language] ?? flow.gate) : null;
  return [
    [],
    [l.crowdSafety, l.value, l.worstTimeAt, l.gate, l.levelOfService],
    [l.evacuationTarget, safety.targetMinutes],
    [l.worstTimeToClear, clear?.minutes ?? null, localTime(clear?.at ?? null, venue.timezone)],
    ...(zone ? [[l.slowestZone, clear?.zoneMinutes ?? null, null, zone]] : []),
    [l.worstGateFlow, flow?.flowPerMetreMinute ?? null, localTime(flow?.at ?? null, venue.timezone), gate, flow?.levelOfService ?? null],
  ];
}
