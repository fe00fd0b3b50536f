import { openedAt, type Incident } from '@fairwatch/protocol';
import type { EscalationPolicy } from '@fairwatch/venue';

/**
 * When an incident must be escalated: open (nobody acknowledged it), of high or critical severity,
 * older (since the phone logged it) than the venue's time for its severity. Pure: the watcher supplies the clock.
 */
export function escalationDueAt(incident: Pick<Incident, 'status' | 'severity' | 'createdAt' | 'loggedAt'>, policy: EscalationPolicy): number | null {
  if (incident.status !== 'open') return null;
  if (incident.severity !== 'high' && incident.severity !== 'critical') return null;
  return Date.parse(openedAt(incident)) + policy[incident.severity] * 60_000;
}

/** True when the incident is due for escalation at `nowMs` and has not been escalated yet. */
export function shouldEscalate(incident: Incident, policy: EscalationPolicy, nowMs: number): boolean {
  if (incident.escalatedAt) return false;
  const due = escalationDueAt(incident, policy);
  return due !== null && nowMs >= due;
}

/** The incidents to escalate now, oldest first. */
export function dueForEscalation(incidents: readonly Incident[], policy: EscalationPolicy, nowMs: number): Incident[] {
  return incidents.filter((incident) => shouldEscalate(incident, policy, nowMs)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
