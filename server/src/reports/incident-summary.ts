import { INCIDENT_TYPES, SEVERITIES, medianMs, openedAt, responseTimes, type Incident, type IncidentSummary } from '@fairwatch/protocol';
import { venueDay } from '../domain/venue-time.ts';

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
