import { LOGGED_AT_OLD_MS, MAX_LOGGED_AHEAD_MS, openedAt, type Incident, type IncidentChange, type IncidentReopen, type IncidentReport, type IncidentStatus } from '@fairwatch/protocol';

/** The status changes the workflow allows. */
const ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
};

/** Whether a phone's `loggedAt` is believable at `now`: not more than 5 minutes ahead (else 422), and whether it is over 24 h old. */
export function judgeLoggedAt(loggedAt: string | undefined, now: string): 'ok' | 'ahead' | 'old' {
  if (loggedAt === undefined) return 'ok';
  const lead = Date.parse(loggedAt) - Date.parse(now);
  if (lead > MAX_LOGGED_AHEAD_MS) return 'ahead';
  return -lead > LOGGED_AT_OLD_MS ? 'old' : 'ok';
}

/**
 * A new incident from a report, as received from `by` at `now`. The opening step is dated when the
 * phone logged it (`loggedAt`, kept while offline), so history and response times start there.
 */
export function openIncident(report: IncidentReport, by: string, now: string): Incident {
  const incident: Incident = { ...report, status: 'open', reportedBy: by, createdAt: now, updatedAt: now, history: [] };
  if (judgeLoggedAt(report.loggedAt, now) === 'old') incident.loggedAtOld = true;
  incident.history = [{ at: openedAt(incident), by, status: 'open' }];
  return incident;
}

/** The fields a client sent, in a canonical form: a retry of the same report compares equal. */
export function reportFingerprint(report: IncidentReport): string {
  const sorted = Object.keys(report)
    .sort()
    .map((key) => [key, report[key as keyof IncidentReport]]);
  return JSON.stringify(sorted);
}

export type ChangeOutcome =
  | { kind: 'changed'; incident: Incident }
  | { kind: 'unchanged'; incident: Incident }
  | { kind: 'conflict'; reason: string };

/**
 * Applies a workflow step. A repeat of the current status that brings nothing new is a retry and
 * changes nothing; a change the workflow does not allow is a conflict.
 */
export function changeIncident(incident: Incident, change: IncidentChange, by: string, now: string): ChangeOutcome {
  if (change.status === incident.status) {
    const last = incident.history.at(-1);
    const sameNote = change.note === undefined || change.note === last?.note;
    const sameAssignee = change.assignee === undefined || change.assignee === incident.assignee;
    if (sameNote && sameAssignee) return { kind: 'unchanged', incident };
    return { kind: 'conflict', reason: `the incident is already ${incident.status}` };
  }
  if (!ALLOWED[incident.status].includes(change.status)) {
    return { kind: 'conflict', reason: `an incident that is ${incident.status} cannot become ${change.status}` };
  }
  const step = { at: now, by, status: change.status, ...(change.note !== undefined && { note: change.note }) };
  return {
    kind: 'changed',
    incident: {
      ...incident,
      status: change.status,
      ...(change.assignee !== undefined && { assignee: change.assignee }),
      updatedAt: now,
      history: [...incident.history, step],
    },
  };
}

/**
 * Reopens a resolved incident (operations and admin, `POST /incidents/:id/reopen`): back to open,
 * unacknowledged, with a `reopened` step. Reopening an open incident again is a retry when it brings no
 * new note; an acknowledged one cannot be reopened (it is not closed).
 */
export function reopenIncident(incident: Incident, reopen: IncidentReopen, by: string, now: string): ChangeOutcome {
  if (incident.status !== 'resolved') {
    const last = incident.history.at(-1);
    if (incident.status === 'open' && last?.kind === 'reopened' && (reopen.note === undefined || reopen.note === last.note)) return { kind: 'unchanged', incident };
    return { kind: 'conflict', reason: `an incident that is ${incident.status} cannot be reopened` };
  }
  const step = { at: now, by, status: 'open' as const, kind: 'reopened' as const, ...(reopen.note !== undefined && { note: reopen.note }) };
  const { escalatedAt: _escalated, ...rest } = incident;
  return { kind: 'changed', incident: { ...rest, status: 'open', updatedAt: now, history: [...incident.history, step] } };
}

/** When an incident was resolved, from its history. */
export function resolvedAt(incident: Incident): string | null {
  if (incident.status !== 'resolved') return null;
  return incident.history.findLast((step) => step.status === 'resolved')?.at ?? incident.updatedAt;
}
