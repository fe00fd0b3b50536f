import { INCIDENT_TYPES, SEVERITIES, medianMs, openedAt, responseTimes, type Incident, type IncidentLogEntry, type IncidentSummary } from '@fairwatch/protocol';
import { venueDay } from '@fairwatch/venue/venue-time';

/** The incidents logged on a venue day (by the phone's time), by type and severity, with response times from their history. Pure. */
export function summarizeIncidents(incidents: readonly Incident[], day: string, timeZone: string): IncidentSummary {
  const ofDay = incidents.filter((incident) => venueDay(new Date(openedAt(incident)), timeZone) === day);
  const byType = Object.fromEntries(INCIDENT_TYPES.map((type) => [type, 0])) as IncidentSummary['byType'];
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as IncidentSummary['bySeverity'];
  const times = ofDay.map((incident) => ({ severity: incident.severity, ...responseTimes(incident) }));
  for (const incident of ofDay) {
    byType[incident.type]++;
    bySeverity[incident.severity]++;
  }
  return {
    total: ofDay.length,
    unresolved: ofDay.filter((incident) => incident.status !== 'resolved').length,
    byType,
    bySeverity,
    medianAcknowledgeMs: medianMs(times.map((t) => t.toAcknowledgeMs)),
    medianResolveMs: medianMs(times.map((t) => t.toResolveMs)),
    responseBySeverity: SEVERITIES.map((severity) => {
      const of = times.filter((t) => t.severity === severity);
      return { severity, count: of.length, medianAcknowledgeMs: medianMs(of.map((t) => t.toAcknowledgeMs)), medianResolveMs: medianMs(of.map((t) => t.toResolveMs)) };
    }),
  };
}

/** Most incidents one daily log carries (a report, not an export of the store). */
export const MAX_LOG_ENTRIES = 500;

/** The incidents logged on a venue day, oldest first, as the report's log. Pure. */
export function incidentLog(incidents: readonly Incident[], day: string, timeZone: string): { entries: IncidentLogEntry[]; truncated: boolean } {
  const ofDay = incidents
    .filter((incident) => venueDay(new Date(openedAt(incident)), timeZone) === day)
    .sort((a, b) => Date.parse(openedAt(a)) - Date.parse(openedAt(b)) || a.id.localeCompare(b.id));
  const entries = ofDay.slice(0, MAX_LOG_ENTRIES).map((incident): IncidentLogEntry => {
    const times = responseTimes(incident);
    return {
      id: incident.id,
      loggedAt: openedAt(incident),
      type: incident.type,
      severity: incident.severity,
      status: incident.status,
      zone: incident.zone ?? null,
      stand: incident.stand ?? null,
      reportedBy: incident.reportedBy,
      assignee: incident.assignee ?? null,
      toAcknowledgeMs: times.toAcknowledgeMs,
      toResolveMs: times.toResolveMs,
      description: incident.description,
    };
  });
  return { entries, truncated: ofDay.length > MAX_LOG_ENTRIES };
}
