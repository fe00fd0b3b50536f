import { describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import { addNote, assignIncident } from '../../src/domain/incident-steps.ts';
import { LISTED_OTHER_STEPS, MAX_INCIDENT_HISTORY_BYTES, MAX_INCIDENT_NOTES, MAX_INCIDENT_STEPS, listedIncident } from '../../src/domain/incident-limits.ts';
import { changeIncident, openIncident } from '../../src/domain/incident-workflow.ts';

const AT = '2022-10-15T10:00:00.000Z';
const fresh = () => openIncident({ id: '5a4c3b2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', type: 'other', severity: 'low', description: 'x' }, 'security', AT);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function withNotes(incident: Incident, count: number, text = 'n'): Incident {
  for (let i = 0; i < count; i++) {
    const outcome = addNote(incident, { id: uuid(i), text: `${text}${i}` }, 'operations', AT);
    if (outcome.kind !== 'changed') throw new Error(`note ${i}: ${outcome.kind}`);
    incident = outcome.incident;
  }
  return incident;
}

describe('incident limits', () => {
  it('refuses a note past MAX_INCIDENT_NOTES as a conflict naming the limit; a status change still passes', () => {
    const full = withNotes(fresh(), MAX_INCIDENT_NOTES);
    expect(addNote(full, { id: uuid(999_999), text: 'more' }, 'operations', AT)).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('MAX_INCIDENT_NOTES') });
    expect(changeIncident(full, { status: 'resolved' }, 'operations', AT).kind).toBe('changed');
  });

  it('refuses steps of any kind past MAX_INCIDENT_STEPS', () => {
    let incident = fresh();
    for (let i = 1; i < MAX_INCIDENT_STEPS; i++) {
      const outcome = assignIncident(incident, i % 2 ? 'security' : null, 'operations', AT);
      if (outcome.kind !== 'changed') throw new Error(`step ${i}`);
      incident = outcome.incident;
    }
    expect(assignIncident(incident, incident.assignee ? null : 'security', 'operations', AT)).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('MAX_INCIDENT_STEPS') });
  });

  it('refuses a history over its byte limit as too large', () => {
    let incident = fresh();
    let outcome;
    for (let i = 0; ; i++) {
      outcome = addNote(incident, { id: uuid(i), text: 'x'.repeat(1990) }, 'operations', AT);
      if (outcome.kind !== 'changed') break;
      incident = outcome.incident;
    }
    expect(Buffer.byteLength(JSON.stringify(incident.history))).toBeGreaterThan(MAX_INCIDENT_HISTORY_BYTES - 2200);
    expect(outcome).toMatchObject({ kind: 'conflict', code: 'payload_too_large', reason: expect.stringContaining('MAX_INCIDENT_HISTORY_BYTES') });
  });

  it('lists status steps and the newest other steps, counting those left out', () => {
    const incident = withNotes(fresh(), LISTED_OTHER_STEPS + 5);
    const listed = listedIncident(incident);
    expect(listed.historyOmitted).toBe(5);
    expect(listed.history).toHaveLength(LISTED_OTHER_STEPS + 1);
    expect(listed.history[0]).toEqual(incident.history[0]);
    expect(listed.history.at(-1)).toEqual(incident.history.at(-1));
    expect(listedIncident(withNotes(fresh(), 3))).not.toHaveProperty('historyOmitted');
  });
});
