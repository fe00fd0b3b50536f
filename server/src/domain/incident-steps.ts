import type { Incident, IncidentHistoryEntry, IncidentNote, IncidentPhoto } from '@fairwatch/protocol';
import { limitedChange, type ChangeOutcome } from './incident-workflow.ts';

/**
 * Workflow steps beside the status changes (extensions of the contract): notes, (re)assignment, a photo,
 * an escalation. Each is a pure function of the incident; each appends one history step; each is a
 * no-op ("unchanged") when retried, so a phone that resends after a lost answer changes nothing.
 */

function withStep(incident: Incident, step: IncidentHistoryEntry, fields: Partial<Incident> = {}): Incident {
  return { ...incident, ...fields, updatedAt: step.at, history: [...incident.history, step] };
}

/** Adds a note; a note id seen before with the same text is a retry, with another text a conflict. */
export function addNote(incident: Incident, note: IncidentNote, by: string, now: string): ChangeOutcome {
  const known = incident.history.find((step) => step.kind === 'note' && step.noteId === note.id);
  if (known) {
    return known.note === note.text ? { kind: 'unchanged', incident } : { kind: 'conflict', reason: `note ${note.id} exists with another text; use a new id` };
  }
  const step: IncidentHistoryEntry = { at: now, by, status: incident.status, kind: 'note', noteId: note.id, note: note.text };
  return limitedChange(withStep(incident, step));
}

/** Assigns (or, with null, unassigns) the incident; the same assignee again changes nothing. */
export function assignIncident(incident: Incident, assignee: string | null, by: string, now: string): ChangeOutcome {
  if ((incident.assignee ?? null) === assignee) return { kind: 'unchanged', incident };
  if (incident.status === 'resolved') return { kind: 'conflict', reason: 'a resolved incident cannot be reassigned' };
  const step: IncidentHistoryEntry = { at: now, by, status: incident.status, kind: 'assigned', assignee };
  const next = withStep(incident, step);
  if (assignee === null) delete next.assignee;
  else next.assignee = assignee;
  return limitedChange(next);
}

/** Records the photo stored for the incident; the same image again (same digest) changes nothing. */
export function attachPhoto(incident: Incident, photo: IncidentPhoto): ChangeOutcome {
  if (incident.photo?.sha256 === photo.sha256) return { kind: 'unchanged', incident };
  const step: IncidentHistoryEntry = { at: photo.at, by: photo.by, status: incident.status, kind: 'photo' };
  return limitedChange(withStep(incident, step, { photo }));
}

/** Who escalates: the server itself, not a person. */
export const SYSTEM_ACTOR = 'system';

/** Flags the incident as escalated, once. */
export function markEscalated(incident: Incident, now: string): ChangeOutcome {
  if (incident.escalatedAt) return { kind: 'unchanged', incident };
  const step: IncidentHistoryEntry = { at: now, by: SYSTEM_ACTOR, status: incident.status, kind: 'escalated' };
  return { kind: 'changed', incident: withStep(incident, step, { escalatedAt: now }) };
}

/** True when this version of the incident is the one that escalated it (its last step). */
export function justEscalated(incident: Incident): boolean {
  const last = incident.history.at(-1);
  return last?.kind === 'escalated' && last.at === incident.updatedAt;
}
