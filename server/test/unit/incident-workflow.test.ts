import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '@fairwatch/protocol';
import { changeIncident, openIncident, reportFingerprint, resolvedAt } from '../../src/domain/incident-workflow.ts';

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
});
