import type { Incident } from '@fairwatch/protocol';

export interface IncidentAlert {
  kind: 'critical' | 'escalated';
  incident: Incident;
}

/** A new critical incident older than this (a list fetched after a reconnect) raises no alarm. */
const FRESH_MS = 10 * 60_000;

/** Whether a change to an incident calls for the control room's attention, and why. */
export function alertFor(previous: Incident | undefined, incident: Incident, nowMs: number): IncidentAlert | null {
  if (incident.status !== 'open') return null;
  if (incident.escalatedAt && !previous?.escalatedAt) return { kind: 'escalated', incident };
  if (!previous && incident.severity === 'critical' && nowMs - Date.parse(incident.createdAt) < FRESH_MS) return { kind: 'critical', incident };
  return null;
}

