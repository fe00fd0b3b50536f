import { describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import { changeIncident, openIncident } from '../../src/domain/incident-workflow.ts';
import { addNote, assignIncident, attachPhoto, justEscalated, markEscalated } from '../../src/domain/incident-steps.ts';

const T0 = '2022-10-15T10:00:00.000Z';
const T1 = '2022-10-15T10:01:00.000Z';
const T2 = '2022-10-15T10:02:00.000Z';
const fresh = (): Incident =>
  openIncident({ id: '6f1c2a9e-1b2c-4d3e-8f40-5a6b7c8d9e0f', type: 'medical', severity: 'high', description: 'Malaise' }, 'security', T0);
const changed = (outcome: ReturnType<typeof addNote>) => {
  if (outcome.kind !== 'changed') throw new Error(`expected a change, got ${outcome.kind}`);
  return outcome.incident;
};
const NOTE = { id: '0b9f5d7c-3e2a-4c1b-9d8e-7f6a5b4c3d2e', text: 'Ambulance appelée' };

describe('incident notes', () => {
  it('adds a note as a history step that keeps the status', () => {
    const incident = changed(addNote(fresh(), NOTE, 'operations', T1));
    expect(incident.history.at(-1)).toEqual({ at: T1, by: 'operations', status: 'open', kind: 'note', noteId: NOTE.id, note: NOTE.text });
    expect(incident.updatedAt).toBe(T1);
    expect(incident.status).toBe('open');
  });

  it('treats the same note id with the same text as a retry, with another text as a conflict', () => {
    const incident = changed(addNote(fresh(), NOTE, 'operations', T1));
    expect(addNote(incident, NOTE, 'operations', T2)).toEqual({ kind: 'unchanged', incident });
    expect(addNote(incident, { ...NOTE, text: 'autre' }, 'operations', T2).kind).toBe('conflict');
  });

  it('takes notes on a resolved incident too (follow-up)', () => {
    const resolved = changeIncident(fresh(), { status: 'resolved' }, 'security', T1);
    if (resolved.kind !== 'changed') throw new Error('not resolved');
    expect(changed(addNote(resolved.incident, NOTE, 'security', T2)).history.at(-1)?.status).toBe('resolved');
  });
});

describe('incident assignment', () => {
  it('assigns, reassigns and unassigns, each a history step', () => {
    const assigned = changed(assignIncident(fresh(), 'security', 'operations', T1));
    expect(assigned.assignee).toBe('security');
    expect(assigned.history.at(-1)).toEqual({ at: T1, by: 'operations', status: 'open', kind: 'assigned', assignee: 'security' });
    const reassigned = changed(assignIncident(assigned, 'admin', 'operations', T2));
    expect(reassigned.assignee).toBe('admin');
    const unassigned = changed(assignIncident(reassigned, null, 'operations', T2));
    expect(unassigned).not.toHaveProperty('assignee');
    expect(unassigned.history.at(-1)?.assignee).toBeNull();
  });

  it('changes nothing when the assignee is the same (a retry)', () => {
    const assigned = changed(assignIncident(fresh(), 'security', 'operations', T1));
    expect(assignIncident(assigned, 'security', 'operations', T2)).toEqual({ kind: 'unchanged', incident: assigned });
    expect(assignIncident(fresh(), null, 'operations', T2).kind).toBe('unchanged');
  });

  it('refuses to reassign a resolved incident', () => {
    const resolved = changeIncident(fresh(), { status: 'resolved' }, 'security', T1);
    if (resolved.kind !== 'changed') throw new Error('not resolved');
    expect(assignIncident(resolved.incident, 'admin', 'operations', T2).kind).toBe('conflict');
  });
});

describe('photos and escalation', () => {
  const photo = { type: 'image/jpeg' as const, bytes: 1234, sha256: 'abc', at: T1, by: 'security' };

  it('records a photo once; the same image again is a retry', () => {
    const withPhoto = changed(attachPhoto(fresh(), photo));
    expect(withPhoto.photo).toEqual(photo);
    expect(withPhoto.history.at(-1)).toMatchObject({ kind: 'photo', by: 'security' });
    expect(attachPhoto(withPhoto, { ...photo, at: T2 }).kind).toBe('unchanged');
    expect(changed(attachPhoto(withPhoto, { ...photo, sha256: 'def' })).photo?.sha256).toBe('def');
  });

  it('flags an escalation once, by the system, and knows the version that did it', () => {
    const escalated = changed(markEscalated(fresh(), T1));
    expect(escalated.escalatedAt).toBe(T1);
    expect(escalated.history.at(-1)).toEqual({ at: T1, by: 'system', status: 'open', kind: 'escalated' });
    expect(justEscalated(escalated)).toBe(true);
    expect(markEscalated(escalated, T2).kind).toBe('unchanged');
    expect(justEscalated(changed(addNote(escalated, NOTE, 'operations', T2)))).toBe(false);
  });

  it('keeps the contract: acknowledging after notes still follows open → acknowledged', () => {
    const noted = changed(addNote(fresh(), NOTE, 'operations', T1));
    const acknowledged = changeIncident(noted, { status: 'acknowledged' }, 'operations', T2);
    expect(acknowledged.kind).toBe('changed');
  });
});
