import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeIncident, openIncident } from '../../../src/domain/incident-workflow.ts';
import { addNote } from '../../../src/domain/incident-steps.ts';
import { replayUntil } from '../../../src/domain/replay.ts';
import type { Store, StoreChange } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { context, DAY, NOW } from '../../support/store-reports.ts';
import { tinyVenue } from '../../support/tiny-venue.ts';

/** Incidents by compare-and-set, logged a step at a time, every store. */
describe.each(storeBackends())('incidents and photos (IncidentRepository), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('creates an incident once and replaces it only from the state it was read in', async () => {
    const incident = openIncident({ id: '0b7c4d0e-4f27-4d57-9f0a-3c1e8b2b7a11', type: 'medical', severity: 'high', description: 'Malaise' }, 'security', context().nowIso);
    expect(await store.createIncident(incident, 'fp')).toEqual({ created: true });
    expect(await store.createIncident({ ...incident, severity: 'low' }, 'other')).toEqual({ created: false, existing: incident, fingerprint: 'fp' });
    const read = (await store.getIncident(incident.id))!;
    const step = changeIncident(read, { status: 'resolved' }, 'operations', context(5000).nowIso);
    if (step.kind !== 'changed') throw new Error('expected a change');
    expect(await store.replaceIncident(read, step.incident, step.incident.history.at(-1)!)).toBe(true);
    expect(await store.replaceIncident(read, step.incident, step.incident.history.at(-1)!)).toBe(false); // stale: someone changed it meanwhile
    expect(await store.getIncident(incident.id)).toEqual(step.incident);
    expect(await store.listIncidents()).toEqual([step.incident]);
    expect((await store.readFloor(DAY, NOW)).incidents).toEqual([{ status: 'resolved', resolvedAt: context(5000).nowIso }]);
  });

  it('compares an incident by value, not by which copy the caller holds', async () => {
    const incident = openIncident({ id: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a', type: 'medical', severity: 'low', description: 'Malaise' }, 'security', context().nowIso);
    await store.createIncident(incident, 'fp');
    const copy = structuredClone((await store.getIncident(incident.id))!);
    const step = changeIncident(copy, { status: 'resolved' }, 'operations', context(5000).nowIso);
    if (step.kind !== 'changed') throw new Error('expected a change');
    expect(await store.replaceIncident(copy, step.incident, step.incident.history.at(-1)!)).toBe(true);
    expect(await store.getIncident(incident.id)).toEqual(step.incident);
  });

  it('logs and publishes an incident step alone, and replay and listeners still see the whole incident', async () => {
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    let incident = openIncident({ id: '5a4c3b2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', type: 'medical', severity: 'low', description: 'Malaise' }, 'security', context().nowIso);
    await store.createIncident(incident, 'fp');
    for (let i = 0; i < 3; i++) {
      const outcome = addNote(incident, { id: `00000000-0000-4000-8000-00000000000${i}`, text: `note ${i}` }, 'operations', context(1000 * (i + 1)).nowIso);
      if (outcome.kind !== 'changed') throw new Error('expected a change');
      expect(await store.replaceIncident(incident, outcome.incident, outcome.incident.history.at(-1)!)).toBe(true);
      incident = outcome.incident;
    }
    const log = (await store.readLog(NOW + 60_000)).filter((entry) => entry.type === 'incident' || entry.type === 'incident-step');
    expect(log.map((entry) => entry.type)).toEqual(['incident', 'incident-step', 'incident-step', 'incident-step']);
    for (const entry of log.slice(1)) {
      // Each step entry holds one step and no history: the log grows by a step per step.
      expect(entry).not.toHaveProperty('incident');
      expect(entry.type === 'incident-step' && entry.head).not.toHaveProperty('history');
    }
    expect(log[3]).toMatchObject({ step: { kind: 'note', note: 'note 2' } });
    expect(replayUntil(log, tinyVenue, NOW + 60_000).incidents.get(incident.id)).toEqual(incident);
    expect(replayUntil(log, tinyVenue, NOW + 2_500).incidents.get(incident.id)?.history.map((step) => step.note)).toEqual([undefined, 'note 0', 'note 1']);
    // Listeners get each version whole, in order.
    await expect.poll(() => changes.filter((change) => change.kind === 'incident').length).toBe(4);
    const versions = changes.flatMap((change) => (change.kind === 'incident' ? [change.incident.history.length] : []));
    expect(versions).toEqual([1, 2, 3, 4]);
    expect(changes.at(-1)).toEqual({ kind: 'incident', incident });
  });
});
