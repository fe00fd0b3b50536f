import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '@fairwatch/protocol';
import { changeIncident, judgeLoggedAt, openIncident, reopenIncident, reportFingerprint, resolvedAt } from '../../src/domain/incident-workflow.ts';

const report: IncidentReport = { id: '6f1c0a52-2b7e-4c1e-9a51-0d6a3b1e9f10', type: 'fire', severity: 'critical', description: 'Fumée' };
const opened = openIncident(report, 'security', '2022-10-15T18:00:00.000Z');

describe('incident workflow', () => {
  it('opens an incident with its first history step', () => {
    expect(opened).toMatchObject({ status: 'open', reportedBy: 'security', createdAt: '2022-10-15T18:00:00.000Z' });
    expect(opened.history).toEqual([{ at: '2022-10-15T18:00:00.000Z', by: 'security', status: 'open' }]);
  });

  it.each([
    ['open', 'acknowledged'],
    ['open', 'resolved'],
    ['acknowledged', 'resolved'],
  ] as const)('allows %s → %s', (from, to) => {
    const incident = from === 'open' ? opened : { ...opened, status: from };
    const outcome = changeIncident(incident, { status: to }, 'operations', '2022-10-15T18:05:00.000Z');
    expect(outcome.kind).toBe('changed');
    if (outcome.kind === 'changed') {
      expect(outcome.incident.status).toBe(to);
      expect(outcome.incident.updatedAt).toBe('2022-10-15T18:05:00.000Z');
      expect(outcome.incident.history.at(-1)).toEqual({ at: '2022-10-15T18:05:00.000Z', by: 'operations', status: to });
    }
  });

  it('refuses to go back from resolved', () => {
    const resolved = { ...opened, status: 'resolved' as const };
    expect(changeIncident(resolved, { status: 'acknowledged' }, 'operations', 'x').kind).toBe('conflict');
  });

  it('treats a repeat with nothing new as a retry, and a repeat with a new note as a conflict', () => {
    const outcome = changeIncident(opened, { status: 'acknowledged', note: 'En route', assignee: 'amina' }, 'operations', '2022-10-15T18:01:00.000Z');
    if (outcome.kind !== 'changed') throw new Error('expected a change');
    const acknowledged = outcome.incident;
    expect(changeIncident(acknowledged, { status: 'acknowledged' }, 'operations', 'later')).toEqual({ kind: 'unchanged', incident: acknowledged });
    expect(changeIncident(acknowledged, { status: 'acknowledged', note: 'En route', assignee: 'amina' }, 'operations', 'later').kind).toBe('unchanged');
    expect(changeIncident(acknowledged, { status: 'acknowledged', note: 'Autre chose' }, 'operations', 'later').kind).toBe('conflict');
    expect(changeIncident(acknowledged, { status: 'acknowledged', assignee: 'youssef' }, 'operations', 'later').kind).toBe('conflict');
  });

  it('knows when an incident was resolved', () => {
    const outcome = changeIncident(opened, { status: 'resolved' }, 'security', '2022-10-15T18:09:00.000Z');
    expect(outcome.kind === 'changed' && resolvedAt(outcome.incident)).toBe('2022-10-15T18:09:00.000Z');
    expect(resolvedAt(opened)).toBeNull();
  });

  it('fingerprints the fields as sent, whatever their order', () => {
    const reordered = { description: report.description, severity: report.severity, type: report.type, id: report.id };
    expect(reportFingerprint(reordered)).toBe(reportFingerprint(report));
    expect(reportFingerprint({ ...report, severity: 'low' })).not.toBe(reportFingerprint(report));
  });

  it('dates the opening when the phone logged it, refuses a time over 5 minutes ahead and flags one over 24 h old', () => {
    const now = '2022-10-15T18:00:00.000Z';
    const late = openIncident({ ...report, loggedAt: '2022-10-15T17:40:00.000Z' }, 'security', now);
    expect(late).toMatchObject({ createdAt: now, loggedAt: '2022-10-15T17:40:00.000Z' });
    expect(late.history[0]).toEqual({ at: '2022-10-15T17:40:00.000Z', by: 'security', status: 'open' });
    expect(late.loggedAtOld).toBeUndefined();
    expect(judgeLoggedAt('2022-10-15T18:05:00.000Z', now)).toBe('ok');
    expect(judgeLoggedAt('2022-10-15T18:05:00.001Z', now)).toBe('ahead');
    expect(judgeLoggedAt('2022-10-14T17:59:59.999Z', now)).toBe('old');
    expect(judgeLoggedAt(undefined, now)).toBe('ok');
    expect(openIncident({ ...report, loggedAt: '2022-10-14T12:00:00.000Z' }, 'security', now).loggedAtOld).toBe(true);
    // A little ahead: kept as sent, but the history starts when the server had it.
    expect(openIncident({ ...report, loggedAt: '2022-10-15T18:02:00.000Z' }, 'security', now).history[0]!.at).toBe(now);
  });

  it('reopens a resolved incident with a reopened step; a retry changes nothing; an unresolved one cannot be reopened', () => {
    const resolved = { ...opened, status: 'resolved' as const, escalatedAt: '2022-10-15T18:03:00.000Z' };
    const outcome = reopenIncident(resolved, { note: 'De nouveau de la fumée' }, 'operations', '2022-10-15T18:30:00.000Z');
    expect(outcome.kind).toBe('changed');
    if (outcome.kind !== 'changed') return;
    expect(outcome.incident.status).toBe('open');
    expect(outcome.incident.escalatedAt).toBeUndefined();
    expect(outcome.incident.history.at(-1)).toEqual({ at: '2022-10-15T18:30:00.000Z', by: 'operations', status: 'open', kind: 'reopened', note: 'De nouveau de la fumée' });
    expect(reopenIncident(outcome.incident, { note: 'De nouveau de la fumée' }, 'operations', '2022-10-15T18:31:00.000Z').kind).toBe('unchanged');
    expect(reopenIncident(outcome.incident, { note: 'autre chose' }, 'operations', '2022-10-15T18:31:00.000Z').kind).toBe('conflict');
    expect(reopenIncident(opened, {}, 'operations', '2022-10-15T18:31:00.000Z').kind).toBe('conflict');
    expect(reopenIncident({ ...opened, status: 'acknowledged' }, {}, 'operations', '2022-10-15T18:31:00.000Z').kind).toBe('conflict');
  });
});
