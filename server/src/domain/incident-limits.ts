import type { Incident } from '@fairwatch/protocol';

/**
 * What one incident may grow to. Every step is kept for the record, so without a cap a client could
 * grow one incident (and every list, socket message and replay that carries it) without end.
 */
export const MAX_INCIDENT_NOTES = 200;
/** Most history steps of any kind (notes, assignments, photos, status changes) one incident keeps. */
export const MAX_INCIDENT_STEPS = 500;
/** Most bytes of an incident's history (its JSON, UTF-8). */
export const MAX_INCIDENT_HISTORY_BYTES = 256 * 1024;

export type LimitVerdict = { ok: true } | { ok: false; code: 'conflict' | 'payload_too_large'; reason: string };

/** Whether `next` (a step added to an incident) stays within the limits; a refusal names the limit. */
export function withinIncidentLimits(next: Incident): LimitVerdict {
  const notes = next.history.reduce((count, step) => count + (step.kind === 'note' ? 1 : 0), 0);
  if (notes > MAX_INCIDENT_NOTES) {
    return { ok: false, code: 'conflict', reason: `the incident has ${MAX_INCIDENT_NOTES} notes, the most one incident keeps (MAX_INCIDENT_NOTES); log a new incident to go on` };
  }
  if (next.history.length > MAX_INCIDENT_STEPS) {
    return { ok: false, code: 'conflict', reason: `the incident has ${MAX_INCIDENT_STEPS} history steps, the most one incident keeps (MAX_INCIDENT_STEPS)` };
  }
  const bytes = Buffer.byteLength(JSON.stringify(next.history));
  if (bytes > MAX_INCIDENT_HISTORY_BYTES) {
    return { ok: false, code: 'payload_too_large', reason: `the incident's history would be ${bytes} bytes, more than the ${MAX_INCIDENT_HISTORY_BYTES} one incident keeps (MAX_INCIDENT_HISTORY_BYTES)` };
  }
  return { ok: true };
}

/** Steps other than status changes and escalation that a list view keeps, newest. */
export const LISTED_OTHER_STEPS = 20;

/**
 * An incident as lists show it: every status step, reopening and escalation (what response times and the
 * workflow read), and the newest LISTED_OTHER_STEPS other steps; `historyOmitted` counts the others.
 * A list of many long incidents stays small; the whole incident is one GET away.
 */
export function listedIncident(incident: Incident): Incident {
  const kept = (step: Incident['history'][number]) => !step.kind || step.kind === 'escalated' || step.kind === 'reopened';
  const others = incident.history.reduce((count, step) => count + (kept(step) ? 0 : 1), 0);
  const omitted = others - LISTED_OTHER_STEPS;
  if (omitted <= 0) return incident;
  let skipped = 0;
  const history = incident.history.filter((step) => kept(step) || ++skipped > omitted);
  return { ...incident, history, historyOmitted: omitted };
}
